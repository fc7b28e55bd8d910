//! AWS API operations as the registry declares them: one constant per operation a collector
//! calls, with the IAM action it needs, grouped by service in [`op`]. Nothing else makes an
//! `Operation`, so a collector cannot call what the registry does not know.

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
    /// This IAM action, allowed only on these resources: for services whose actions are HTTP
    /// verbs (`apigateway:GET` on `*` would also read API key values).
    Scoped(&'static str, &'static [&'static str]),
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
            Permission::Action(a) | Permission::Scoped(a, _) => Some(a),
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
            use crate::inventory::collections::operation::{Operation, Permission};
            $(
                pub mod $service {
                    #[allow(unused_imports)]
                    use crate::inventory::collections::operation::{Operation, Permission};
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
        LIST_ROOTS = "ListRoots";
        LIST_ORGANIZATIONAL_UNITS_FOR_PARENT = "ListOrganizationalUnitsForParent";
        LIST_ACCOUNTS_FOR_PARENT = "ListAccountsForParent";
        LIST_POLICIES = "ListPolicies";
        LIST_TARGETS_FOR_POLICY = "ListTargetsForPolicy";
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
        LIST_SERVER_CERTIFICATES = "ListServerCertificates";
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
        GET_SNAPSHOT_BLOCK_PUBLIC_ACCESS_STATE = "GetSnapshotBlockPublicAccessState";
        GET_IMAGE_BLOCK_PUBLIC_ACCESS_STATE = "GetImageBlockPublicAccessState";
        GET_SERIAL_CONSOLE_ACCESS_STATUS = "GetSerialConsoleAccessStatus";
        DESCRIBE_IMAGES = "DescribeImages";
    }
    elbv2 "elasticloadbalancing" {
        DESCRIBE_LOAD_BALANCERS = "DescribeLoadBalancers";
        DESCRIBE_LISTENERS = "DescribeListeners";
        DESCRIBE_LOAD_BALANCER_ATTRIBUTES = "DescribeLoadBalancerAttributes";
        DESCRIBE_SSL_POLICIES = "DescribeSSLPolicies";
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
        GET_OBJECT_LOCK_CONFIGURATION = "GetObjectLockConfiguration" => Permission::Action("s3:GetBucketObjectLockConfiguration");
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
    dynamodb "dynamodb" {
        LIST_TABLES = "ListTables";
        DESCRIBE_TABLE = "DescribeTable";
        DESCRIBE_CONTINUOUS_BACKUPS = "DescribeContinuousBackups";
        LIST_TAGS_OF_RESOURCE = "ListTagsOfResource";
    }
    acm "acm" {
        LIST_CERTIFICATES = "ListCertificates";
    }
    lambda "lambda" {
        LIST_FUNCTIONS = "ListFunctions";
        GET_POLICY = "GetPolicy";
        LIST_FUNCTION_URL_CONFIGS = "ListFunctionUrlConfigs";
    }
    ecr "ecr" {
        DESCRIBE_REPOSITORIES = "DescribeRepositories";
        GET_REPOSITORY_POLICY = "GetRepositoryPolicy";
        GET_LIFECYCLE_POLICY = "GetLifecyclePolicy";
        GET_REGISTRY_SCANNING_CONFIGURATION = "GetRegistryScanningConfiguration";
    }
    eks "eks" {
        LIST_CLUSTERS = "ListClusters";
        DESCRIBE_CLUSTER = "DescribeCluster";
    }
    ecs "ecs" {
        LIST_TASK_DEFINITION_FAMILIES = "ListTaskDefinitionFamilies";
        DESCRIBE_TASK_DEFINITION = "DescribeTaskDefinition";
    }
    cloudfront "cloudfront" {
        LIST_DISTRIBUTIONS = "ListDistributions";
        GET_DISTRIBUTION = "GetDistribution";
        LIST_TAGS_FOR_RESOURCE = "ListTagsForResource";
    }
    apigateway "apigateway" {
        GET_REST_APIS = "GetRestApis" => Permission::Scoped("apigateway:GET", &["arn:aws:apigateway:*::/restapis"]);
        GET_STAGES = "GetStages" => Permission::Scoped("apigateway:GET", &["arn:aws:apigateway:*::/restapis/*/stages"]);
    }
    wafv2 "wafv2" {
        LIST_WEB_ACLS = "ListWebACLs";
        GET_WEB_ACL = "GetWebACL";
        GET_LOGGING_CONFIGURATION = "GetLoggingConfiguration";
        GET_WEB_ACL_FOR_RESOURCE = "GetWebACLForResource";
    }
    accessanalyzer "access-analyzer" {
        LIST_ANALYZERS = "ListAnalyzers";
    }
    macie2 "macie2" {
        GET_MACIE_SESSION = "GetMacieSession";
    }
    inspector2 "inspector2" {
        BATCH_GET_ACCOUNT_STATUS = "BatchGetAccountStatus";
    }
    redshift "redshift" {
        DESCRIBE_CLUSTERS = "DescribeClusters";
        DESCRIBE_CLUSTER_PARAMETERS = "DescribeClusterParameters";
        DESCRIBE_LOGGING_STATUS = "DescribeLoggingStatus";
    }
    elasticache "elasticache" {
        DESCRIBE_REPLICATION_GROUPS = "DescribeReplicationGroups";
    }
    es "es" {
        LIST_DOMAIN_NAMES = "ListDomainNames";
        DESCRIBE_DOMAINS = "DescribeDomains";
    }
    secretsmanager "secretsmanager" {
        LIST_SECRETS = "ListSecrets";
        GET_RESOURCE_POLICY = "GetResourcePolicy";
    }
    elasticfilesystem "elasticfilesystem" {
        DESCRIBE_FILE_SYSTEMS = "DescribeFileSystems";
        DESCRIBE_BACKUP_POLICY = "DescribeBackupPolicy";
        DESCRIBE_ACCESS_POINTS = "DescribeAccessPoints";
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
    account "account" {
        GET_ALTERNATE_CONTACT = "GetAlternateContact";
    }
    securityhub "securityhub" {
        DESCRIBE_HUB = "DescribeHub";
    }
    logs "logs" {
        DESCRIBE_LOG_GROUPS = "DescribeLogGroups";
        DESCRIBE_METRIC_FILTERS = "DescribeMetricFilters";
        DESCRIBE_DELIVERIES = "DescribeDeliveries";
        DESCRIBE_DELIVERY_SOURCES = "DescribeDeliverySources";
    }
    cloudwatch "cloudwatch" {
        DESCRIBE_ALARMS = "DescribeAlarms";
    }
    sqs "sqs" {
        LIST_QUEUES = "ListQueues";
        GET_QUEUE_ATTRIBUTES = "GetQueueAttributes";
        LIST_QUEUE_TAGS = "ListQueueTags";
    }
    sns "sns" {
        LIST_TOPICS = "ListTopics";
        GET_TOPIC_ATTRIBUTES = "GetTopicAttributes";
        LIST_TAGS_FOR_RESOURCE = "ListTagsForResource";
    }
}
