//! The rows of the registry: one per inventory collection, `accounts` first.

use super::collection::{Collection, Item};
use super::operation::op;
use std::borrow::Cow;

/// Moves `part`'s items to the end of `into`: by swapping the vectors when `into` is empty,
/// so that `part` keeps no buffer behind (splitting an inventory by collection to convert
/// and free one at a time relies on it).
fn absorb<T>(into: &mut Vec<T>, part: &mut Vec<T>) {
    if into.is_empty() {
        std::mem::swap(into, part);
    } else {
        into.append(part);
    }
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
            $(optional: [$($eop:expr),* $(,)?],)?
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
                enrichments: &[$($($eop),*)?],
                resource_type: collections!(@some $($rtype)?),
                name_field: collections!(@some $(stringify!($name))?),
                len: |inv| inv.$domain.$field.len(),
                absorb: |into, part| absorb(&mut into.$domain.$field, &mut part.$domain.$field),
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
        op::organizations::LIST_ROOTS,
        op::organizations::LIST_ORGANIZATIONAL_UNITS_FOR_PARENT,
        op::organizations::LIST_ACCOUNTS_FOR_PARENT,
        op::organizations::LIST_POLICIES,
        op::organizations::LIST_TARGETS_FOR_POLICY,
        op::organizations::DESCRIBE_POLICY,
        op::organizations::LIST_ACCOUNTS,
        op::ec2::DESCRIBE_REGIONS,
    ],
    resource_type: Some("AWS::Account"),
    name_field: Some("alias"),
    len: |inv| inv.accounts.len(),
    absorb: |into, part| absorb(&mut into.accounts, &mut part.accounts),
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
    iam.security_contacts {
        service: "account",
        description: "`{account_id, contact}` per account: the alternate SECURITY contact (name, title, email, phone); `contact: null` means none is registered",
        reads: [op::account::GET_ALTERNATE_CONTACT],
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
        description: "per account: the credential report's rows (console, MFA, keys and their last use), virtual MFA devices (whether root's is one), access keys",
        reads: [
            op::iam::GENERATE_CREDENTIAL_REPORT,
            op::iam::GET_CREDENTIAL_REPORT,
            op::iam::LIST_VIRTUAL_MFA_DEVICES,
            op::iam::LIST_ACCESS_KEYS,
        ],
    }
    iam.server_certificates {
        service: "iam",
        description: "TLS server certificates stored in IAM: name, path, expiration, upload date",
        reads: [op::iam::LIST_SERVER_CERTIFICATES],
        resource: "AWS::IAM::ServerCertificate" named name in global,
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
        description: "state, interfaces, public addresses, instance profile, source/destination check, metadata options (IMDSv2), tags",
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
        description: "ELBv2 load balancers: scheme, subnets, security groups, `listeners` (protocol, port, `ssl_policy` and its `ssl_protocols`, `default_actions`), `attributes` (by key), tags",
        reads: [
            op::elbv2::DESCRIBE_LOAD_BALANCERS,
            op::elbv2::DESCRIBE_LISTENERS,
            op::elbv2::DESCRIBE_TAGS,
        ],
        // `attributes` and `ssl_protocols` stay `null` when unread: only the policies that name
        // these calls in `needs` are blinded (reachability does not read them).
        optional: [
            op::elbv2::DESCRIBE_LOAD_BALANCER_ATTRIBUTES,
            op::elbv2::DESCRIBE_SSL_POLICIES,
            op::wafv2::GET_WEB_ACL_FOR_RESOURCE,
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
    network.serial_console_access {
        service: "ec2",
        description: "per account and region: whether EC2 serial console access is `enabled` or `disabled`",
        reads: [op::ec2::GET_SERIAL_CONSOLE_ACCESS_STATUS],
        resource: "AWS::EC2::SerialConsoleAccess" named region,
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
    storage.snapshot_block_public_access {
        service: "ec2",
        description: "per account and region: EBS snapshot block public access (`block-all-sharing`, `block-new-sharing`, `unblocked`)",
        reads: [op::ec2::GET_SNAPSHOT_BLOCK_PUBLIC_ACCESS_STATE],
        resource: "AWS::EC2::SnapshotBlockPublicAccess" named region,
    }
    storage.image_block_public_access {
        service: "ec2",
        description: "per account and region: AMI block public access (`block-new-sharing`, `unblocked`)",
        reads: [op::ec2::GET_IMAGE_BLOCK_PUBLIC_ACCESS_STATE],
        resource: "AWS::EC2::ImageBlockPublicAccess" named region,
    }
    storage.ec2_images {
        service: "ec2",
        description: "AMIs the account owns: name, whether anyone may launch them, tags",
        reads: [op::ec2::DESCRIBE_IMAGES],
        resource: "AWS::EC2::Image" named id, tagged,
    }
    storage.efs_file_systems {
        service: "elasticfilesystem",
        description: "encryption at rest and its KMS key, automatic backup status, tags",
        reads: [
            op::elasticfilesystem::DESCRIBE_FILE_SYSTEMS,
            op::elasticfilesystem::DESCRIBE_BACKUP_POLICY,
        ],
        resource: "AWS::EFS::FileSystem" named id, tagged,
    }
    storage.efs_access_points {
        service: "elasticfilesystem",
        description: "file system, root directory, enforced POSIX user, tags",
        reads: [op::elasticfilesystem::DESCRIBE_ACCESS_POINTS],
        resource: "AWS::EFS::AccessPoint" named id, tagged,
    }
    storage.dynamodb_tables {
        service: "dynamodb",
        description: "status, encryption at rest (`sse_type` `AWS_OWNED` or `KMS`, key, status), deletion protection, point-in-time recovery, tags",
        reads: [
            op::dynamodb::LIST_TABLES,
            op::dynamodb::DESCRIBE_TABLE,
            op::dynamodb::DESCRIBE_CONTINUOUS_BACKUPS,
            op::dynamodb::LIST_TAGS_OF_RESOURCE,
        ],
        resource: "AWS::DynamoDB::Table" named name, tagged,
    }
    storage.acm_certificates {
        service: "acm",
        description: "ACM certificates of every key type: domain, status, type (issued, imported, private), key algorithm, expiry, in use, renewal eligibility",
        reads: [op::acm::LIST_CERTIFICATES],
        resource: "AWS::CertificateManager::Certificate" named domain_name,
    }
    storage.redshift_clusters {
        service: "redshift",
        description: "public accessibility, encryption and its KMS key, VPC and security groups, automated snapshot retention, parameter groups and their `require_ssl`, audit logging, tags",
        reads: [op::redshift::DESCRIBE_CLUSTERS],
        // `require_ssl` and `audit_logging` stay `null` when unread: only the policies that
        // name these calls in `needs` are blinded.
        optional: [
            op::redshift::DESCRIBE_CLUSTER_PARAMETERS,
            op::redshift::DESCRIBE_LOGGING_STATUS,
        ],
        resource: "AWS::Redshift::Cluster" named id, tagged,
    }
    storage.elasticache_replication_groups {
        service: "elasticache",
        description: "Redis OSS and Valkey replication groups: encryption at rest and in transit (and its mode), AUTH token, RBAC user groups, backup retention, KMS key",
        reads: [op::elasticache::DESCRIBE_REPLICATION_GROUPS],
        resource: "AWS::ElastiCache::ReplicationGroup" named id,
    }
    storage.opensearch_domains {
        service: "es",
        description: "OpenSearch Service domains: encryption at rest and node to node, HTTPS enforcement and TLS policy, fine-grained access control, VPC placement, access policy (parsed), audit logs",
        reads: [op::es::LIST_DOMAIN_NAMES, op::es::DESCRIBE_DOMAINS],
        resource: "AWS::OpenSearchService::Domain" named name,
    }
    storage.secrets {
        service: "secretsmanager",
        description: "Secrets Manager secrets (never their values): rotation (enabled, interval, last rotated), last accessed, created, KMS key, resource policy (parsed), owning service, tags",
        reads: [
            op::secretsmanager::LIST_SECRETS,
            op::secretsmanager::GET_RESOURCE_POLICY,
        ],
        resource: "AWS::SecretsManager::Secret" named name, tagged,
    }
    storage.s3_buckets {
        service: "s3",
        description: "region, default encryption, public access block, policy (parsed), ACL grants, versioning, logging, object ownership, tags, `object_lock` (enabled, default retention)",
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
        // `object_lock` stays `null` when unread: only the policies that name the call in
        // `needs` are blinded.
        optional: [op::s3::GET_OBJECT_LOCK_CONFIGURATION],
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
    logging.security_hubs {
        service: "securityhub",
        description: "per account and region: whether Security Hub is enabled, since when, auto-enabled controls",
        reads: [op::securityhub::DESCRIBE_HUB],
        resource: "AWS::SecurityHub::Hub" named region,
    }
    logging.access_analyzers {
        service: "access-analyzer",
        description: "per account and region: the IAM Access Analyzer analyzers there (type, status)",
        reads: [op::accessanalyzer::LIST_ANALYZERS],
        resource: "AWS::AccessAnalyzer::Analyzer" named region,
    }
    logging.macie_sessions {
        service: "macie2",
        description: "per account and region: whether Amazon Macie is enabled, paused or never enabled",
        reads: [op::macie2::GET_MACIE_SESSION],
        resource: "AWS::Macie::Session" named region,
    }
    logging.inspector2 {
        service: "inspector2",
        description: "per account and region: Amazon Inspector's status and which resource types (EC2, ECR, Lambda) it scans",
        reads: [op::inspector2::BATCH_GET_ACCOUNT_STATUS],
        resource: "AWS::Inspector2::Enabler" named region,
    }
    logging.log_groups {
        service: "logs",
        description: "KMS key, retention, metric filters (pattern and the metrics they publish)",
        reads: [
            op::logs::DESCRIBE_LOG_GROUPS,
            op::logs::DESCRIBE_METRIC_FILTERS,
        ],
        resource: "AWS::Logs::LogGroup" named name,
    }
    logging.metric_alarms {
        service: "cloudwatch",
        description: "the metrics each alarm watches, whether its actions are enabled, its alarm actions",
        reads: [op::cloudwatch::DESCRIBE_ALARMS],
        resource: "AWS::CloudWatch::Alarm" named name,
    }
    messaging.sqs_queues {
        service: "sqs",
        description: "queue URL, SSE-KMS key, SSE-SQS, access policy (parsed), tags",
        reads: [
            op::sqs::LIST_QUEUES,
            op::sqs::GET_QUEUE_ATTRIBUTES,
            op::sqs::LIST_QUEUE_TAGS,
        ],
        resource: "AWS::SQS::Queue" named name, tagged,
    }
    messaging.sns_topics {
        service: "sns",
        description: "KMS key of server-side encryption, access policy (parsed), tags",
        reads: [
            op::sns::LIST_TOPICS,
            op::sns::GET_TOPIC_ATTRIBUTES,
            op::sns::LIST_TAGS_FOR_RESOURCE,
        ],
        resource: "AWS::SNS::Topic" named name, tagged,
    }
    compute.lambda_functions {
        service: "lambda",
        description: "runtime, package type, VPC attachment, environment variable names with the kind of value each holds (never the values), resource policy (parsed), function URLs and their auth type",
        reads: [op::lambda::LIST_FUNCTIONS],
        // `policy` and `urls` stay `null` when unread: only the policies that name these
        // calls in `needs` are blinded.
        optional: [op::lambda::GET_POLICY, op::lambda::LIST_FUNCTION_URL_CONFIGS],
        resource: "AWS::Lambda::Function" named name,
    }
    compute.ecr_repositories {
        service: "ecr",
        description: "tag mutability, scan on push, how the registry's scanning rules treat the repository, encryption, repository policy (parsed), lifecycle policy present",
        reads: [op::ecr::DESCRIBE_REPOSITORIES],
        optional: [
            op::ecr::GET_REPOSITORY_POLICY,
            op::ecr::GET_LIFECYCLE_POLICY,
            op::ecr::GET_REGISTRY_SCANNING_CONFIGURATION,
        ],
        resource: "AWS::ECR::Repository" named name,
    }
    compute.eks_clusters {
        service: "eks",
        description: "Kubernetes version, public and private endpoint access and the CIDRs allowed to the public one, secrets envelope encryption key, control-plane log types, VPC, subnets, security groups, tags",
        reads: [op::eks::LIST_CLUSTERS, op::eks::DESCRIBE_CLUSTER],
        resource: "AWS::EKS::Cluster" named name, tagged,
    }
    compute.ecs_task_definitions {
        service: "ecs",
        description: "the latest active revision of each family: network and PID mode, task role, and per container privileged, user, read-only root file system, environment variable names with the kind of value each holds (never the values), secret names, log driver; tags",
        reads: [
            op::ecs::LIST_TASK_DEFINITION_FAMILIES,
            op::ecs::DESCRIBE_TASK_DEFINITION,
        ],
        resource: "AWS::ECS::TaskDefinition" named family, tagged,
    }
    edge.cloudfront_distributions {
        service: "cloudfront",
        description: "aliases, cache behaviors (viewer protocol policy, field-level encryption), origins (S3 with OAI or OAC, custom with protocol policy and TLS versions), viewer certificate and minimum TLS version, web ACL, legacy and v2 (CloudWatch Logs delivery) access logging, default root object, tags",
        reads: [
            op::cloudfront::LIST_DISTRIBUTIONS,
            op::cloudfront::GET_DISTRIBUTION,
            op::cloudfront::LIST_TAGS_FOR_RESOURCE,
        ],
        // `access_log_delivery` stays `null` when unread: only the logging policy is blinded.
        optional: [
            op::logs::DESCRIBE_DELIVERIES,
            op::logs::DESCRIBE_DELIVERY_SOURCES,
        ],
        resource: "AWS::CloudFront::Distribution" named id in global, tagged,
    }
    edge.api_gateway_stages {
        service: "apigateway",
        description: "REST API stages: endpoint type, method settings (execution logging level, data trace, caching and cache encryption), access log destination, web ACL, client certificate, tracing, tags",
        reads: [op::apigateway::GET_REST_APIS, op::apigateway::GET_STAGES],
        resource: "AWS::ApiGateway::Stage" named stage_name, tagged,
    }
    edge.waf_web_acls {
        service: "wafv2",
        description: "scope, default action, rules and rule groups in priority order (kind, action or override, metrics), metrics, logging destinations",
        reads: [op::wafv2::LIST_WEB_ACLS, op::wafv2::GET_WEB_ACL],
        optional: [op::wafv2::GET_LOGGING_CONFIGURATION],
        resource: "AWS::WAFv2::WebACL" named name,
    }
}
