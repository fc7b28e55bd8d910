//! Storage and encryption: KMS keys, Secrets Manager secrets, ACM certificates, EBS, S3, RDS,
//! EFS, DynamoDB, Redshift, ElastiCache and OpenSearch.

use super::tags::Tags;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct Storage {
    #[serde(default)]
    pub kms_keys: Vec<KmsKey>,
    #[serde(default)]
    pub ebs_volumes: Vec<EbsVolume>,
    #[serde(default)]
    pub ebs_snapshots: Vec<EbsSnapshot>,
    /// One per scanned account and region.
    #[serde(default)]
    pub ebs_encryption_by_default: Vec<EbsEncryptionDefault>,
    #[serde(default)]
    pub s3_buckets: Vec<S3Bucket>,
    /// One per account; `config: null` means no account-level block is set.
    #[serde(default)]
    pub s3_account_public_access_blocks: Vec<S3AccountPublicAccessBlock>,
    #[serde(default)]
    pub rds_instances: Vec<RdsInstance>,
    #[serde(default)]
    pub rds_clusters: Vec<RdsCluster>,
    /// DB instance and DB cluster snapshots (`kind` tells which).
    #[serde(default)]
    pub rds_snapshots: Vec<RdsSnapshot>,
    #[serde(default)]
    pub efs_file_systems: Vec<super::efs::EfsFileSystem>,
    #[serde(default)]
    pub efs_access_points: Vec<super::efs::EfsAccessPoint>,
    #[serde(default)]
    pub dynamodb_tables: Vec<super::dynamodb::DynamoDbTable>,
    #[serde(default)]
    pub secrets: Vec<super::secrets::Secret>,
    #[serde(default)]
    pub acm_certificates: Vec<super::certificates::AcmCertificate>,
    /// Per account and region: `block-all-sharing`, `block-new-sharing` or `unblocked`.
    #[serde(default)]
    pub snapshot_block_public_access: Vec<RegionalSetting>,
    /// Per account and region: `block-new-sharing` or `unblocked`.
    #[serde(default)]
    pub image_block_public_access: Vec<RegionalSetting>,
    #[serde(default)]
    pub ec2_images: Vec<Ec2Image>,
    #[serde(default)]
    pub redshift_clusters: Vec<super::datastores::RedshiftCluster>,
    #[serde(default)]
    pub elasticache_replication_groups: Vec<super::datastores::ElastiCacheReplicationGroup>,
    #[serde(default)]
    pub opensearch_domains: Vec<super::datastores::OpenSearchDomain>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct KmsKey {
    pub arn: String,
    pub account_id: String,
    pub region: String,
    pub id: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// `CUSTOMER` or `AWS`.
    pub manager: String,
    /// `Enabled`, `Disabled`, `PendingDeletion`, ...
    pub state: String,
    /// When a key pending deletion will be deleted.
    #[serde(default)]
    pub deletion_date: Option<DateTime<Utc>>,
    /// `SYMMETRIC_DEFAULT`, `RSA_2048`, ...; rotation applies to symmetric keys only.
    #[serde(default = "symmetric")]
    pub key_spec: String,
    /// `None` when rotation status could not be determined (e.g. asymmetric keys).
    #[serde(default)]
    pub rotation_enabled: Option<bool>,
    #[serde(default)]
    pub policy: Option<Json>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub tags: Tags,
}

fn symmetric() -> String {
    "SYMMETRIC_DEFAULT".to_string()
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EbsVolume {
    pub arn: String,
    pub account_id: String,
    pub region: String,
    pub id: String,
    pub encrypted: bool,
    #[serde(default)]
    pub kms_key_id: Option<String>,
    #[serde(default)]
    pub size_gib: u32,
    #[serde(default)]
    pub state: Option<String>,
    #[serde(default)]
    pub attached_instance_ids: Vec<String>,
    #[serde(default)]
    pub tags: Tags,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EbsSnapshot {
    pub arn: String,
    pub account_id: String,
    pub region: String,
    pub id: String,
    #[serde(default)]
    pub volume_id: Option<String>,
    pub encrypted: bool,
    #[serde(default)]
    pub kms_key_id: Option<String>,
    /// Create-volume permission is granted to `all` (public).
    #[serde(default)]
    pub public: bool,
    /// Account ids the snapshot is shared with.
    #[serde(default)]
    pub shared_with: Vec<String>,
    #[serde(default)]
    pub started: Option<DateTime<Utc>>,
    #[serde(default)]
    pub tags: Tags,
}

/// An account-level switch of one region (EBS snapshot or AMI block public access, EC2 serial
/// console access), as the API names its state.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RegionalSetting {
    /// `arn:aws:ec2:REGION:ACCOUNT:<setting>`, standing for the region's setting.
    pub arn: String,
    pub account_id: String,
    pub region: String,
    pub state: String,
}

/// An AMI the account owns.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Ec2Image {
    pub arn: String,
    pub account_id: String,
    pub region: String,
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    /// Anyone may launch it (launch permission for `all`).
    pub public: bool,
    #[serde(default)]
    pub tags: Tags,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EbsEncryptionDefault {
    pub account_id: String,
    pub region: String,
    pub enabled: bool,
    #[serde(default)]
    pub kms_key_id: Option<String>,
}

/// The four S3 Block Public Access switches.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct PublicAccessBlock {
    #[serde(default)]
    pub block_public_acls: bool,
    #[serde(default)]
    pub ignore_public_acls: bool,
    #[serde(default)]
    pub block_public_policy: bool,
    #[serde(default)]
    pub restrict_public_buckets: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct S3AccountPublicAccessBlock {
    pub account_id: String,
    #[serde(default)]
    pub config: Option<PublicAccessBlock>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct S3Bucket {
    pub arn: String,
    pub account_id: String,
    pub region: String,
    pub name: String,
    #[serde(default)]
    pub created: Option<DateTime<Utc>>,
    /// Default encryption; `None` when the bucket has no default encryption rule.
    #[serde(default)]
    pub encryption: Option<BucketEncryption>,
    /// Bucket-level Block Public Access; `None` when not configured.
    #[serde(default)]
    pub public_access_block: Option<PublicAccessBlock>,
    #[serde(default)]
    pub policy: Option<Json>,
    #[serde(default)]
    pub acl_grants: Vec<AclGrant>,
    /// `Enabled`, `Suspended`, or `None` when never enabled.
    #[serde(default)]
    pub versioning: Option<String>,
    #[serde(default)]
    pub mfa_delete: bool,
    /// Server access logging target bucket, if any.
    #[serde(default)]
    pub logging_target: Option<String>,
    /// `BucketOwnerEnforced` disables ACLs.
    #[serde(default)]
    pub object_ownership: Option<String>,
    #[serde(default)]
    pub tags: Tags,
    /// S3 Object Lock; `null` when unread (and in snapshots before 1.10, which record a gap).
    #[serde(default)]
    pub object_lock: Option<ObjectLock>,
}

/// A bucket's S3 Object Lock configuration.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ObjectLock {
    /// Object Lock is enabled (only at creation, or on a versioned bucket).
    pub enabled: bool,
    /// The default retention for new objects: `GOVERNANCE` or `COMPLIANCE`, `None` when
    /// there is no default rule (objects are locked only when their writer asks).
    #[serde(default)]
    pub mode: Option<String>,
    #[serde(default)]
    pub days: Option<i32>,
    #[serde(default)]
    pub years: Option<i32>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct BucketEncryption {
    /// `AES256`, `aws:kms` or `aws:kms:dsse`.
    pub algorithm: String,
    #[serde(default)]
    pub kms_key_id: Option<String>,
    #[serde(default)]
    pub bucket_key_enabled: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct AclGrant {
    /// `CanonicalUser`, `Group` or `AmazonCustomerByEmail`.
    pub grantee_type: String,
    /// Canonical id, group URI or e-mail.
    pub grantee: String,
    /// `READ`, `WRITE`, `READ_ACP`, `WRITE_ACP`, `FULL_CONTROL`.
    pub permission: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RdsInstance {
    pub arn: String,
    pub account_id: String,
    pub region: String,
    pub id: String,
    pub engine: String,
    #[serde(default)]
    pub status: Option<String>,
    pub storage_encrypted: bool,
    #[serde(default)]
    pub kms_key_id: Option<String>,
    pub publicly_accessible: bool,
    #[serde(default)]
    pub port: Option<u16>,
    #[serde(default)]
    pub vpc_id: Option<String>,
    #[serde(default)]
    pub subnet_ids: Vec<String>,
    #[serde(default)]
    pub security_group_ids: Vec<String>,
    #[serde(default)]
    pub cluster_id: Option<String>,
    #[serde(default)]
    pub multi_az: bool,
    #[serde(default)]
    pub backup_retention_days: u32,
    #[serde(default)]
    pub iam_auth_enabled: bool,
    #[serde(default)]
    pub deletion_protection: bool,
    #[serde(default)]
    pub auto_minor_version_upgrade: bool,
    /// Seconds between Enhanced Monitoring samples, 0 when off; `None` when unknown (a
    /// snapshot older than schema 1.7).
    #[serde(default)]
    pub monitoring_interval: Option<i32>,
    /// Snapshots get the instance's tags; `None` when unknown (older than 1.7).
    #[serde(default)]
    pub copy_tags_to_snapshot: Option<bool>,
    /// The master user's name; `None` when unknown (a snapshot older than schema 1.5).
    #[serde(default)]
    pub master_username: Option<String>,
    /// The log types published to CloudWatch Logs (`EnabledCloudwatchLogsExports`); `None`
    /// when unknown (a snapshot older than schema 1.5), `[]` when none.
    #[serde(default)]
    pub log_exports: Option<Vec<String>>,
    #[serde(default)]
    pub tags: Tags,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RdsCluster {
    pub arn: String,
    pub account_id: String,
    pub region: String,
    pub id: String,
    pub engine: String,
    pub storage_encrypted: bool,
    #[serde(default)]
    pub kms_key_id: Option<String>,
    #[serde(default)]
    pub member_instance_ids: Vec<String>,
    #[serde(default)]
    pub backup_retention_days: u32,
    #[serde(default)]
    pub deletion_protection: bool,
    #[serde(default)]
    pub iam_auth_enabled: bool,
    /// The master user's name; `None` when unknown (a snapshot older than schema 1.5).
    #[serde(default)]
    pub master_username: Option<String>,
    /// The log types published to CloudWatch Logs; `None` when unknown, `[]` when none.
    #[serde(default)]
    pub log_exports: Option<Vec<String>>,
    #[serde(default)]
    pub tags: Tags,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RdsSnapshot {
    pub arn: String,
    pub account_id: String,
    pub region: String,
    pub id: String,
    /// `instance` or `cluster`.
    pub kind: String,
    /// The DB instance or cluster the snapshot was taken from.
    #[serde(default)]
    pub source_id: Option<String>,
    pub encrypted: bool,
    /// Restore permission granted to `all`.
    #[serde(default)]
    pub public: bool,
    #[serde(default)]
    pub shared_with: Vec<String>,
    #[serde(default)]
    pub tags: Tags,
}
