//! The collection registry: every inventory collection declared once, with the service that
//! owns it, the AWS API operations that fill it (and the IAM action each needs), its resource
//! type, and where its items keep their id, name and tags.
//!
//! Everything that must agree about collections derives from this table: merging collectors'
//! fragments, the resource index, which collections a collection gap blinds, the collections a
//! policy may name, the collection table of `docs/policy-authoring.md` and the IAM policy of
//! `docs/permissions.md`. Collectors name the operations they call through [`op`], whose
//! constants cannot be made anywhere else, so a call the registry does not know cannot be
//! written. Adding a collection is one row here, its inventory type, and its collector.

use super::{Inventory, Tags};
use std::borrow::Cow;
use std::fmt;

/// What IAM must allow for an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Permission {
    /// This IAM action, which is not always `service:Operation` (`ListBuckets` is
    /// `s3:ListAllMyBuckets`).
    Action(&'static str),
    /// Needs no permission (`sts:GetCallerIdentity`).
    None,
    /// `sts:AssumeRole` on the roles given with `--role-arn` or `--org --role-name`, allowed by
    /// the caller's policy and each role's trust policy rather than by the audit policy.
    AssumeRole,
}

/// One AWS API operation a collector calls.
// The private field, not `#[non_exhaustive]`: that would only stop other crates, and the point
// is that no module of this one but `op` makes an operation.
#[allow(clippy::manual_non_exhaustive)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Operation {
    /// The service as gaps name it: the IAM prefix (`ec2`, `elasticloadbalancing`), or
    /// `s3control` for S3 Control.
    pub service: &'static str,
    /// The operation as the AWS API reference names it (`DescribeVpcs`).
    pub name: &'static str,
    pub permission: Permission,
    /// Only [`op`] makes operations.
    _registered: (),
}

impl Operation {
    /// `service:Name`, as in gaps and in a policy's `needs`.
    pub fn qualified(&self) -> String {
        format!("{}:{}", self.service, self.name)
    }

    /// The IAM action, when the audit policy must grant one.
    pub fn action(&self) -> Option<&'static str> {
        match self.permission {
            Permission::Action(a) => Some(a),
            Permission::None | Permission::AssumeRole => None,
        }
    }

    /// Does a gap on `service:operation` name this operation? (Case as AWS may vary it.)
    pub fn is(&self, service: &str, operation: &str) -> bool {
        self.service.eq_ignore_ascii_case(service) && self.name.eq_ignore_ascii_case(operation)
    }
}

impl fmt::Display for Operation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.service, self.name)
    }
}

/// Declares the operations, one module per service, and [`op::ALL`].
macro_rules! operations {
    ($($service:ident $prefix:literal {
        $($name:ident = $api:literal $(=> $perm:expr)?;)*
    })*) => {
        /// Every operation a collector calls, by service: `op::ec2::DESCRIBE_VPCS`.
        pub mod op {
            #[allow(unused_imports)]
            use super::{Operation, Permission};
            $(
                pub mod $service {
                    #[allow(unused_imports)]
                    use super::{Operation, Permission};
                    $(
                        pub const $name: Operation = Operation {
                            service: $prefix,
                            name: $api,
                            permission: operations!(@perm $prefix, $api $(, $perm)?),
                            _registered: (),
                        };
                    )*
                }
            )*
            /// Every declared operation.
            pub const ALL: &[Operation] = &[$($($service::$name,)*)*];
            /// Every declared operation with the path collectors name it by (`ec2::DESCRIBE_VPCS`).
            pub const NAMED: &[(&str, Operation)] = &[
                $($((concat!(stringify!($service), "::", stringify!($name)), $service::$name),)*)*
            ];
        }
    };
    (@perm $prefix:literal, $api:literal) => {
        Permission::Action(concat!($prefix, ":", $api))
    };
    (@perm $prefix:literal, $api:literal, $perm:expr) => {
        $perm
    };
}

operations! {
    sts "sts" {
        GET_CALLER_IDENTITY = "GetCallerIdentity" => Permission::None;
        ASSUME_ROLE = "AssumeRole" => Permission::AssumeRole;
    }
    organizations "organizations" {
        LIST_ACCOUNTS = "ListAccounts";
        DESCRIBE_ORGANIZATION = "DescribeOrganization";
        LIST_PARENTS = "ListParents";
        LIST_POLICIES_FOR_TARGET = "ListPoliciesForTarget";
        DESCRIBE_POLICY = "DescribePolicy";
    }
    iam "iam" {
        LIST_ACCOUNT_ALIASES = "ListAccountAliases";
        GET_ACCOUNT_AUTHORIZATION_DETAILS = "GetAccountAuthorizationDetails";
        LIST_USERS = "ListUsers";
        LIST_VIRTUAL_MFA_DEVICES = "ListVirtualMFADevices";
        LIST_ACCESS_KEYS = "ListAccessKeys";
        GET_ACCOUNT_PASSWORD_POLICY = "GetAccountPasswordPolicy";
        GET_ACCOUNT_SUMMARY = "GetAccountSummary";
        GENERATE_CREDENTIAL_REPORT = "GenerateCredentialReport";
        GET_CREDENTIAL_REPORT = "GetCredentialReport";
    }
    ec2 "ec2" {
        DESCRIBE_REGIONS = "DescribeRegions";
        DESCRIBE_VPCS = "DescribeVpcs";
        DESCRIBE_SUBNETS = "DescribeSubnets";
        DESCRIBE_ROUTE_TABLES = "DescribeRouteTables";
        DESCRIBE_INTERNET_GATEWAYS = "DescribeInternetGateways";
        DESCRIBE_EGRESS_ONLY_INTERNET_GATEWAYS = "DescribeEgressOnlyInternetGateways";
        DESCRIBE_NAT_GATEWAYS = "DescribeNatGateways";
        DESCRIBE_NETWORK_ACLS = "DescribeNetworkAcls";
        DESCRIBE_SECURITY_GROUPS = "DescribeSecurityGroups";
        DESCRIBE_NETWORK_INTERFACES = "DescribeNetworkInterfaces";
        DESCRIBE_INSTANCES = "DescribeInstances";
        DESCRIBE_VPC_PEERING_CONNECTIONS = "DescribeVpcPeeringConnections";
        DESCRIBE_VPC_ENDPOINTS = "DescribeVpcEndpoints";
        DESCRIBE_FLOW_LOGS = "DescribeFlowLogs";
        DESCRIBE_TRANSIT_GATEWAYS = "DescribeTransitGateways";
        DESCRIBE_TRANSIT_GATEWAY_ATTACHMENTS = "DescribeTransitGatewayAttachments";
        DESCRIBE_TRANSIT_GATEWAY_ROUTE_TABLES = "DescribeTransitGatewayRouteTables";
        SEARCH_TRANSIT_GATEWAY_ROUTES = "SearchTransitGatewayRoutes";
        DESCRIBE_MANAGED_PREFIX_LISTS = "DescribeManagedPrefixLists";
        GET_MANAGED_PREFIX_LIST_ENTRIES = "GetManagedPrefixListEntries";
        DESCRIBE_VOLUMES = "DescribeVolumes";
        DESCRIBE_SNAPSHOTS = "DescribeSnapshots";
        DESCRIBE_SNAPSHOT_ATTRIBUTE = "DescribeSnapshotAttribute";
        GET_EBS_ENCRYPTION_BY_DEFAULT = "GetEbsEncryptionByDefault";
        GET_EBS_DEFAULT_KMS_KEY_ID = "GetEbsDefaultKmsKeyId";
    }
    elbv2 "elasticloadbalancing" {
        DESCRIBE_LOAD_BALANCERS = "DescribeLoadBalancers";
        DESCRIBE_LISTENERS = "DescribeListeners";
        DESCRIBE_TAGS = "DescribeTags";
    }
    kms "kms" {
        LIST_KEYS = "ListKeys";
        LIST_ALIASES = "ListAliases";
        DESCRIBE_KEY = "DescribeKey";
        GET_KEY_POLICY = "GetKeyPolicy";
        GET_KEY_ROTATION_STATUS = "GetKeyRotationStatus";
        LIST_RESOURCE_TAGS = "ListResourceTags";
    }
    s3 "s3" {
        LIST_BUCKETS = "ListBuckets" => Permission::Action("s3:ListAllMyBuckets");
        GET_BUCKET_LOCATION = "GetBucketLocation";
        GET_BUCKET_ENCRYPTION = "GetBucketEncryption" => Permission::Action("s3:GetEncryptionConfiguration");
        GET_PUBLIC_ACCESS_BLOCK = "GetPublicAccessBlock" => Permission::Action("s3:GetBucketPublicAccessBlock");
        GET_BUCKET_POLICY = "GetBucketPolicy";
        GET_BUCKET_ACL = "GetBucketAcl";
        GET_BUCKET_VERSIONING = "GetBucketVersioning";
        GET_BUCKET_LOGGING = "GetBucketLogging";
        GET_BUCKET_OWNERSHIP_CONTROLS = "GetBucketOwnershipControls";
        GET_BUCKET_TAGGING = "GetBucketTagging";
    }
    s3control "s3control" {
        GET_PUBLIC_ACCESS_BLOCK = "GetPublicAccessBlock" => Permission::Action("s3:GetAccountPublicAccessBlock");
    }
    rds "rds" {
        DESCRIBE_DB_INSTANCES = "DescribeDBInstances";
        DESCRIBE_DB_CLUSTERS = "DescribeDBClusters";
        DESCRIBE_DB_SNAPSHOTS = "DescribeDBSnapshots";
        DESCRIBE_DB_SNAPSHOT_ATTRIBUTES = "DescribeDBSnapshotAttributes";
        DESCRIBE_DB_CLUSTER_SNAPSHOTS = "DescribeDBClusterSnapshots";
        DESCRIBE_DB_CLUSTER_SNAPSHOT_ATTRIBUTES = "DescribeDBClusterSnapshotAttributes";
    }
    cloudtrail "cloudtrail" {
        DESCRIBE_TRAILS = "DescribeTrails";
        GET_TRAIL_STATUS = "GetTrailStatus";
        GET_EVENT_SELECTORS = "GetEventSelectors";
    }
    config "config" {
        DESCRIBE_CONFIGURATION_RECORDERS = "DescribeConfigurationRecorders";
        DESCRIBE_CONFIGURATION_RECORDER_STATUS = "DescribeConfigurationRecorderStatus";
    }
    guardduty "guardduty" {
        LIST_DETECTORS = "ListDetectors";
        GET_DETECTOR = "GetDetector";
    }
}

/// What the resource index learns of one item.
pub struct Item<'a> {
    /// Owned only for accounts, whose ARN is made from their id.
    pub arn: Cow<'a, str>,
    pub account_id: &'a str,
    /// Region, or `global`.
    pub region: &'a str,
    pub name: &'a str,
    pub tags: Option<&'a Tags>,
}

/// Calls its second argument with every resource of one collection.
type ForEachItem = fn(&Inventory, &mut dyn FnMut(Item<'_>));

/// One inventory collection.
pub struct Collection {
    /// Where it is in the snapshot and the policy input (`network.vpcs`).
    pub path: &'static str,
    /// The service that owns it: an operation of this service that the registry does not know
    /// blinds it (unknown means unknown, never complete).
    pub service: &'static str,
    /// One line for the docs: what an item is and what it carries.
    pub description: &'static str,
    /// The calls that fill it: when one fails, policies reading it are `not-evaluated` in that
    /// scope.
    pub operations: &'static [Operation],
    /// Calls that fill optional fields (left `null` when the call failed, and read as unknown)
    /// or decide which accounts and regions are read. Their gaps are reported but do not make
    /// the collection's policies `not-evaluated`.
    pub enrichments: &'static [Operation],
    /// CloudFormation-style type of its items, for collections of resources with ARNs; `None`
    /// for per-account settings (policies give those a synthetic account ARN).
    pub resource_type: Option<&'static str>,
    /// The item field the resource index takes the name from (with `arn`, `account_id`,
    /// `region` and `tags` where the items have them).
    pub name_field: Option<&'static str>,
    len: fn(&Inventory) -> usize,
    absorb: fn(&mut Inventory, &mut Inventory),
    sort: fn(&mut Inventory),
    items: ForEachItem,
}

impl Collection {
    /// Number of items in `inventory`.
    pub fn len(&self, inventory: &Inventory) -> usize {
        (self.len)(inventory)
    }

    /// Moves this collection's items from `part` to the end of `into`.
    pub fn absorb(&self, into: &mut Inventory, part: &mut Inventory) {
        (self.absorb)(into, part)
    }

    /// Sorts the items by their serialized identity (ARN or account/region first).
    pub fn sort(&self, inventory: &mut Inventory) {
        (self.sort)(inventory)
    }

    /// Calls `f` with every item that is a resource (collections of settings have none).
    pub fn for_each_item(&self, inventory: &Inventory, f: &mut dyn FnMut(Item<'_>)) {
        (self.items)(inventory, f)
    }

    /// Does the gap on `service:operation` leave this collection incomplete?
    pub fn blinded_by(&self, service: &str, operation: &str) -> bool {
        if self.operations.iter().any(|o| o.is(service, operation)) {
            return true;
        }
        !is_known(service, operation) && self.service.eq_ignore_ascii_case(service)
    }
}

/// Whether the registry knows `service:operation` at all (as an operation or an enrichment).
pub fn is_known(service: &str, operation: &str) -> bool {
    COLLECTIONS.iter().any(|c| {
        c.operations
            .iter()
            .chain(c.enrichments)
            .any(|o| o.is(service, operation))
    })
}

/// The collection at `path`.
pub fn get(path: &str) -> Option<&'static Collection> {
    COLLECTIONS.iter().find(|c| c.path == path)
}

/// The registered operation `service:Name` (as a policy's `needs` names it).
pub fn operation(qualified: &str) -> Option<Operation> {
    let (service, name) = qualified.split_once(':')?;
    op::ALL.iter().copied().find(|o| o.is(service, name))
}

fn identity<T: serde::Serialize>(x: &T) -> String {
    serde_json::to_string(x).unwrap_or_default()
}

/// One row per collection: `domain.field { service, description, reads, resource }`.
macro_rules! collections {
    ($(
        $domain:ident . $field:ident {
            service: $service:literal,
            description: $description:literal,
            reads: [$($op:expr),* $(,)?],
            $(resource: $rtype:literal named $name:ident $(in $region:ident)? $(, $tags:ident)?,)?
        }
    )*) => {
        /// Every collection, `accounts` first.
        pub static COLLECTIONS: &[Collection] = &[
            ACCOUNTS,
            $(Collection {
                path: concat!(stringify!($domain), ".", stringify!($field)),
                service: $service,
                description: $description,
                operations: &[$($op),*],
                enrichments: &[],
                resource_type: collections!(@some $($rtype)?),
                name_field: collections!(@some $(stringify!($name))?),
                len: |inv| inv.$domain.$field.len(),
                absorb: |into, part| into.$domain.$field.append(&mut part.$domain.$field),
                sort: |inv| inv.$domain.$field.sort_by_cached_key(identity),
                items: collections!(@items $domain.$field $(, $name $(, $region)? $(, $tags)?)?),
            },)*
        ];
    };
    (@some) => { None };
    (@some $x:expr) => { Some($x) };
    (@items $d:ident.$f:ident) => { |_, _| {} };
    (@items $d:ident.$f:ident, $name:ident) => {
        collections!(@each $d.$f, |x| (x.region.as_str(), &x.$name, None))
    };
    (@items $d:ident.$f:ident, $name:ident, tagged) => {
        collections!(@each $d.$f, |x| (x.region.as_str(), &x.$name, Some(&x.tags)))
    };
    (@items $d:ident.$f:ident, $name:ident, global) => {
        collections!(@each $d.$f, |x| ("global", &x.$name, None))
    };
    (@items $d:ident.$f:ident, $name:ident, global, tagged) => {
        collections!(@each $d.$f, |x| ("global", &x.$name, Some(&x.tags)))
    };
    (@each $d:ident.$f:ident, |$x:ident| $fields:expr) => {
        |inv, f| {
            for $x in &inv.$d.$f {
                let (region, name, tags) = $fields;
                f(Item {
                    arn: Cow::Borrowed(&$x.arn),
                    account_id: &$x.account_id,
                    region,
                    name,
                    tags,
                });
            }
        }
    };
}

/// The audited accounts: who they are, and the organization facts that come with them.
const ACCOUNTS: Collection = Collection {
    path: "accounts",
    service: "sts",
    description: "`id`, `alias`, `partition`, `regions` (scanned), `organization` (id, management account, service control policies)",
    operations: &[op::sts::GET_CALLER_IDENTITY, op::sts::ASSUME_ROLE],
    // The alias and organization are optional fields (`null` when unread; the IAM analysis
    // ignores SCPs it could not read, which only reports more). The account and region lists
    // decide what is read at all: their gaps say what was left out.
    enrichments: &[
        op::iam::LIST_ACCOUNT_ALIASES,
        op::organizations::DESCRIBE_ORGANIZATION,
        op::organizations::LIST_PARENTS,
        op::organizations::LIST_POLICIES_FOR_TARGET,
        op::organizations::DESCRIBE_POLICY,
        op::organizations::LIST_ACCOUNTS,
        op::ec2::DESCRIBE_REGIONS,
    ],
    resource_type: Some("AWS::Account"),
    name_field: Some("alias"),
    len: |inv| inv.accounts.len(),
    absorb: |into, part| into.accounts.append(&mut part.accounts),
    sort: |inv| {
        inv.accounts.sort_by(|a, b| a.id.cmp(&b.id));
        inv.accounts.dedup_by(|a, b| a.id == b.id);
    },
    // Accounts have no ARN of their own: the root user's stands for the account.
    items: |inv, f| {
        for a in &inv.accounts {
            f(Item {
                arn: Cow::Owned(format!("arn:{}:iam::{}:root", a.partition, a.id)),
                account_id: &a.id,
                region: "global",
                name: a.alias.as_deref().unwrap_or(&a.id),
                tags: None,
            });
        }
    },
};

collections! {
    iam.users {
        service: "iam",
        description: "users with inline and attached policies (documents parsed), groups, permissions boundary, tags",
        reads: [op::iam::GET_ACCOUNT_AUTHORIZATION_DETAILS, op::iam::LIST_USERS],
        resource: "AWS::IAM::User" named name in global, tagged,
    }
    iam.groups {
        service: "iam",
        description: "groups with inline and attached policies",
        reads: [op::iam::GET_ACCOUNT_AUTHORIZATION_DETAILS],
        resource: "AWS::IAM::Group" named name in global,
    }
    iam.roles {
        service: "iam",
        description: "roles with trust policy, inline and attached policies, last use, tags",
        reads: [op::iam::GET_ACCOUNT_AUTHORIZATION_DETAILS],
        resource: "AWS::IAM::Role" named name in global, tagged,
    }
    iam.policies {
        service: "iam",
        description: "customer-managed and attached AWS-managed policies with their default version's document",
        reads: [op::iam::GET_ACCOUNT_AUTHORIZATION_DETAILS],
        resource: "AWS::IAM::ManagedPolicy" named name in global,
    }
    iam.password_policies {
        service: "iam",
        description: "`{account_id, policy}` per account; `policy: null` means none is set",
        reads: [op::iam::GET_ACCOUNT_PASSWORD_POLICY],
    }
    iam.account_summaries {
        service: "iam",
        description: "per account: root MFA, root access keys, quotas",
        reads: [op::iam::GET_ACCOUNT_SUMMARY],
    }
    // Users' credentials: console access, MFA and key dates come from the credential report,
    // MFA devices and keys from their own listings. Policies that judge credentials name this
    // collection, so a missing report does not blind the permission analysis of users.
    iam.credential_reports {
        service: "iam",
        description: "per account: the credential report's rows (console, MFA, keys and their last use), virtual MFA devices, access keys",
        reads: [
            op::iam::GENERATE_CREDENTIAL_REPORT,
            op::iam::GET_CREDENTIAL_REPORT,
            op::iam::LIST_VIRTUAL_MFA_DEVICES,
            op::iam::LIST_ACCESS_KEYS,
        ],
    }
    network.vpcs {
        service: "ec2",
        description: "CIDR blocks (IPv4, IPv6), default flag, tags",
        reads: [op::ec2::DESCRIBE_VPCS],
        resource: "AWS::EC2::VPC" named id, tagged,
    }
    // A subnet's route table and NACL come from those tables' associations.
    network.subnets {
        service: "ec2",
        description: "CIDR blocks, VPC, availability zone, public IP on launch, route table and NACL",
        reads: [
            op::ec2::DESCRIBE_SUBNETS,
            op::ec2::DESCRIBE_ROUTE_TABLES,
            op::ec2::DESCRIBE_NETWORK_ACLS,
        ],
        resource: "AWS::EC2::Subnet" named id, tagged,
    }
    network.route_tables {
        service: "ec2",
        description: "routes with their target kind, subnet associations, main flag",
        reads: [op::ec2::DESCRIBE_ROUTE_TABLES],
        resource: "AWS::EC2::RouteTable" named id, tagged,
    }
    network.internet_gateways {
        service: "ec2",
        description: "attached VPCs",
        reads: [op::ec2::DESCRIBE_INTERNET_GATEWAYS],
        resource: "AWS::EC2::InternetGateway" named id, tagged,
    }
    network.egress_only_internet_gateways {
        service: "ec2",
        description: "attached VPCs (IPv6 egress only)",
        reads: [op::ec2::DESCRIBE_EGRESS_ONLY_INTERNET_GATEWAYS],
        resource: "AWS::EC2::EgressOnlyInternetGateway" named id, tagged,
    }
    network.nat_gateways {
        service: "ec2",
        description: "subnet, VPC, public or private connectivity",
        reads: [op::ec2::DESCRIBE_NAT_GATEWAYS],
        resource: "AWS::EC2::NatGateway" named id,
    }
    network.network_acls {
        service: "ec2",
        description: "numbered entries both ways, subnet associations, default flag",
        reads: [op::ec2::DESCRIBE_NETWORK_ACLS],
        resource: "AWS::EC2::NetworkAcl" named id, tagged,
    }
    network.security_groups {
        service: "ec2",
        description: "ingress and egress rules (CIDRs, prefix lists, referenced groups), VPC, tags",
        reads: [op::ec2::DESCRIBE_SECURITY_GROUPS],
        resource: "AWS::EC2::SecurityGroup" named id, tagged,
    }
    network.network_interfaces {
        service: "ec2",
        description: "addresses, security groups, subnet, what owns the interface",
        reads: [op::ec2::DESCRIBE_NETWORK_INTERFACES],
        resource: "AWS::EC2::NetworkInterface" named id,
    }
    network.instances {
        service: "ec2",
        description: "state, interfaces, public addresses, instance profile, metadata options (IMDSv2), tags",
        reads: [op::ec2::DESCRIBE_INSTANCES],
        resource: "AWS::EC2::Instance" named id, tagged,
    }
    network.vpc_peering_connections {
        service: "ec2",
        description: "requester and accepter VPCs, accounts and CIDRs, status",
        reads: [op::ec2::DESCRIBE_VPC_PEERING_CONNECTIONS],
        resource: "AWS::EC2::VPCPeeringConnection" named id, tagged,
    }
    network.vpc_endpoints {
        service: "ec2",
        description: "service, type, VPC, subnets, route tables, policy",
        reads: [op::ec2::DESCRIBE_VPC_ENDPOINTS],
        resource: "AWS::EC2::VPCEndpoint" named id,
    }
    network.flow_logs {
        service: "ec2",
        description: "the resource logged, traffic type, destination, status",
        reads: [op::ec2::DESCRIBE_FLOW_LOGS],
        resource: "AWS::EC2::FlowLog" named id,
    }
    network.load_balancers {
        service: "elasticloadbalancing",
        description: "ELBv2 load balancers: scheme, subnets, security groups, `listeners` (protocol, port, TLS policy), tags",
        reads: [
            op::elbv2::DESCRIBE_LOAD_BALANCERS,
            op::elbv2::DESCRIBE_LISTENERS,
            op::elbv2::DESCRIBE_TAGS,
        ],
        resource: "AWS::ElasticLoadBalancingV2::LoadBalancer" named name, tagged,
    }
    network.transit_gateways {
        service: "ec2",
        description: "attachments and route tables with their routes",
        reads: [
            op::ec2::DESCRIBE_TRANSIT_GATEWAYS,
            op::ec2::DESCRIBE_TRANSIT_GATEWAY_ATTACHMENTS,
            op::ec2::DESCRIBE_TRANSIT_GATEWAY_ROUTE_TABLES,
            op::ec2::SEARCH_TRANSIT_GATEWAY_ROUTES,
        ],
        resource: "AWS::EC2::TransitGateway" named id, tagged,
    }
    network.prefix_lists {
        service: "ec2",
        description: "managed prefix lists with their CIDR entries",
        reads: [
            op::ec2::DESCRIBE_MANAGED_PREFIX_LISTS,
            op::ec2::GET_MANAGED_PREFIX_LIST_ENTRIES,
        ],
        resource: "AWS::EC2::PrefixList" named id,
    }
    storage.kms_keys {
        service: "kms",
        description: "key state, manager, spec, rotation, key policy (parsed), aliases, tags",
        reads: [
            op::kms::LIST_KEYS,
            op::kms::DESCRIBE_KEY,
            op::kms::GET_KEY_ROTATION_STATUS,
            op::kms::GET_KEY_POLICY,
            op::kms::LIST_ALIASES,
            op::kms::LIST_RESOURCE_TAGS,
        ],
        resource: "AWS::KMS::Key" named id, tagged,
    }
    storage.ebs_volumes {
        service: "ec2",
        description: "encryption, KMS key, attachments, tags",
        reads: [op::ec2::DESCRIBE_VOLUMES],
        resource: "AWS::EC2::Volume" named id, tagged,
    }
    storage.ebs_snapshots {
        service: "ec2",
        description: "encryption, KMS key, who may create volumes from it (public, accounts), tags",
        reads: [op::ec2::DESCRIBE_SNAPSHOTS, op::ec2::DESCRIBE_SNAPSHOT_ATTRIBUTE],
        resource: "AWS::EC2::Snapshot" named id, tagged,
    }
    storage.ebs_encryption_by_default {
        service: "ec2",
        description: "per account and region: encryption by default and its KMS key",
        reads: [
            op::ec2::GET_EBS_ENCRYPTION_BY_DEFAULT,
            op::ec2::GET_EBS_DEFAULT_KMS_KEY_ID,
        ],
    }
    storage.s3_buckets {
        service: "s3",
        description: "region, default encryption, public access block, policy (parsed), ACL grants, versioning, logging, object ownership, tags",
        reads: [
            op::s3::LIST_BUCKETS,
            op::s3::GET_BUCKET_LOCATION,
            op::s3::GET_BUCKET_ENCRYPTION,
            op::s3::GET_PUBLIC_ACCESS_BLOCK,
            op::s3::GET_BUCKET_POLICY,
            op::s3::GET_BUCKET_ACL,
            op::s3::GET_BUCKET_VERSIONING,
            op::s3::GET_BUCKET_LOGGING,
            op::s3::GET_BUCKET_OWNERSHIP_CONTROLS,
            op::s3::GET_BUCKET_TAGGING,
        ],
        resource: "AWS::S3::Bucket" named name, tagged,
    }
    storage.s3_account_public_access_blocks {
        service: "s3control",
        description: "per account: the account-level S3 public access block",
        reads: [op::s3control::GET_PUBLIC_ACCESS_BLOCK],
    }
    storage.rds_instances {
        service: "rds",
        description: "engine, storage encryption and key, public accessibility, subnets, security groups, backups, deletion protection, tags",
        reads: [op::rds::DESCRIBE_DB_INSTANCES],
        resource: "AWS::RDS::DBInstance" named id, tagged,
    }
    storage.rds_clusters {
        service: "rds",
        description: "engine, storage encryption and key, backups, deletion protection, members, tags",
        reads: [op::rds::DESCRIBE_DB_CLUSTERS],
        resource: "AWS::RDS::DBCluster" named id, tagged,
    }
    storage.rds_snapshots {
        service: "rds",
        description: "instance and cluster snapshots: encryption, who may restore them (public, accounts), tags",
        reads: [
            op::rds::DESCRIBE_DB_SNAPSHOTS,
            op::rds::DESCRIBE_DB_CLUSTER_SNAPSHOTS,
            op::rds::DESCRIBE_DB_SNAPSHOT_ATTRIBUTES,
            op::rds::DESCRIBE_DB_CLUSTER_SNAPSHOT_ATTRIBUTES,
        ],
        resource: "AWS::RDS::DBSnapshot" named id, tagged,
    }
    logging.trails {
        service: "cloudtrail",
        description: "multi-region and organization flags, logging status, log file validation, KMS key, event selectors",
        reads: [
            op::cloudtrail::DESCRIBE_TRAILS,
            op::cloudtrail::GET_TRAIL_STATUS,
            op::cloudtrail::GET_EVENT_SELECTORS,
        ],
        resource: "AWS::CloudTrail::Trail" named name,
    }
    logging.config_recorders {
        service: "config",
        description: "what each recorder records and whether it is recording",
        reads: [
            op::config::DESCRIBE_CONFIGURATION_RECORDERS,
            op::config::DESCRIBE_CONFIGURATION_RECORDER_STATUS,
        ],
        resource: "AWS::Config::ConfigurationRecorder" named name,
    }
    logging.guardduty_detectors {
        service: "guardduty",
        description: "per region: detector status and features",
        reads: [op::guardduty::LIST_DETECTORS, op::guardduty::GET_DETECTOR],
        resource: "AWS::GuardDuty::Detector" named id,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn paths_are_unique_and_every_operation_fills_something() {
        let mut paths = BTreeSet::new();
        for c in COLLECTIONS {
            assert!(paths.insert(c.path), "{} is declared twice", c.path);
            assert!(!c.operations.is_empty(), "{} is filled by nothing", c.path);
            assert_eq!(
                c.resource_type.is_some(),
                c.name_field.is_some(),
                "{}",
                c.path
            );
        }
        // An operation no collection lists would be called for nothing, and its gaps would
        // blind a whole service.
        for o in op::ALL {
            assert!(
                is_known(o.service, o.name),
                "{o} is declared but fills no collection"
            );
        }
        let distinct: BTreeSet<(&str, &str)> =
            op::ALL.iter().map(|o| (o.service, o.name)).collect();
        assert_eq!(
            distinct.len(),
            op::ALL.len(),
            "an operation is declared twice"
        );
    }

    #[test]
    fn gaps_blind_what_their_operation_fills() {
        let vpcs = get("network.vpcs").unwrap();
        let subnets = get("network.subnets").unwrap();
        assert!(vpcs.blinded_by("ec2", "DescribeVpcs"));
        assert!(subnets.blinded_by("ec2", "DescribeRouteTables"));
        assert!(!vpcs.blinded_by("ec2", "DescribeFlowLogs"));
        // Unknown: the whole service.
        assert!(vpcs.blinded_by("ec2", "DescribeSomethingNew"));
        assert!(!get("storage.s3_buckets")
            .unwrap()
            .blinded_by("ec2", "DescribeSomethingNew"));
        // Enrichments are known, and blind nothing.
        let accounts = get("accounts").unwrap();
        assert!(!accounts.blinded_by("iam", "ListAccountAliases"));
        assert!(!get("iam.users")
            .unwrap()
            .blinded_by("iam", "ListAccountAliases"));
        assert!(accounts.blinded_by("sts", "AssumeRole"));
    }

    #[test]
    fn every_collection_of_the_inventory_is_registered() {
        // What a snapshot holds is what the registry lists, both ways: a field added to the
        // inventory without a row would be missed by merge, the index and gap scoping.
        let empty = serde_json::to_value(Inventory::empty(chrono::Utc::now())).unwrap();
        let mut in_inventory = BTreeSet::new();
        for (key, value) in empty.as_object().unwrap() {
            match value {
                serde_json::Value::Array(_) if key != "gaps" => {
                    in_inventory.insert(key.clone());
                }
                serde_json::Value::Object(domain) => {
                    for (field, v) in domain {
                        if v.is_array() {
                            in_inventory.insert(format!("{key}.{field}"));
                        }
                    }
                }
                _ => {}
            }
        }
        let registered: BTreeSet<String> = COLLECTIONS.iter().map(|c| c.path.to_string()).collect();
        assert_eq!(in_inventory, registered);
    }

    #[test]
    fn permissions_follow_the_api_reference() {
        assert_eq!(op::s3::LIST_BUCKETS.action(), Some("s3:ListAllMyBuckets"));
        assert_eq!(
            op::s3control::GET_PUBLIC_ACCESS_BLOCK.action(),
            Some("s3:GetAccountPublicAccessBlock")
        );
        assert_eq!(op::ec2::DESCRIBE_VPCS.action(), Some("ec2:DescribeVpcs"));
        assert_eq!(op::sts::GET_CALLER_IDENTITY.action(), None);
        assert_eq!(
            operation("s3:GetBucketPolicy"),
            Some(op::s3::GET_BUCKET_POLICY)
        );
        assert_eq!(operation("s3:GetBucketPolcy"), None);
    }
}
