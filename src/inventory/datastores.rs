//! Analytics and cache data stores: Redshift clusters, ElastiCache replication groups and
//! OpenSearch Service domains.

use super::tags::Tags;
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

/// A provisioned Redshift cluster.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RedshiftCluster {
    pub arn: String,
    pub account_id: String,
    pub region: String,
    pub id: String,
    #[serde(default)]
    pub status: Option<String>,
    /// Has a public IP address and a publicly resolvable endpoint.
    pub publicly_accessible: bool,
    pub encrypted: bool,
    #[serde(default)]
    pub kms_key_id: Option<String>,
    #[serde(default)]
    pub vpc_id: Option<String>,
    #[serde(default)]
    pub security_group_ids: Vec<String>,
    /// Days automated snapshots are kept; 0 turns them off.
    #[serde(default)]
    pub automated_snapshot_retention_days: Option<i32>,
    #[serde(default)]
    pub parameter_groups: Vec<String>,
    /// Major version upgrades are applied in the maintenance window.
    #[serde(default)]
    pub allow_version_upgrade: Option<bool>,
    /// COPY and UNLOAD traffic goes through the VPC (its endpoints, flow logs, routes).
    #[serde(default)]
    pub enhanced_vpc_routing: Option<bool>,
    #[serde(default)]
    pub master_username: Option<String>,
    #[serde(default)]
    pub db_name: Option<String>,
    /// `require_ssl` of its parameter group (`false`, the default, when the group does not
    /// set it); `None` when the parameters could not be read (a gap names the cluster).
    #[serde(default)]
    pub require_ssl: Option<bool>,
    /// Audit logging (connection and user logs) to S3 or CloudWatch Logs; `None` when unread.
    #[serde(default)]
    pub audit_logging: Option<bool>,
    #[serde(default)]
    pub tags: Tags,
}

/// An ElastiCache (Redis OSS or Valkey) replication group.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ElastiCacheReplicationGroup {
    pub arn: String,
    pub account_id: String,
    pub region: String,
    pub id: String,
    /// `redis` or `valkey`.
    #[serde(default)]
    pub engine: Option<String>,
    pub at_rest_encryption: bool,
    pub transit_encryption: bool,
    /// `preferred` (plain connections still accepted) or `required`.
    #[serde(default)]
    pub transit_encryption_mode: Option<String>,
    /// Clients must present the AUTH token.
    pub auth_token_enabled: bool,
    /// RBAC user groups; a group makes clients authenticate as one of its users.
    #[serde(default)]
    pub user_group_ids: Vec<String>,
    /// Days automatic backups are kept; 0 turns them off.
    #[serde(default)]
    pub snapshot_retention_days: Option<i32>,
    /// `enabled`, `disabled`, `enabling` or `disabling`.
    #[serde(default)]
    pub automatic_failover: Option<String>,
    #[serde(default)]
    pub auto_minor_version_upgrade: Option<bool>,
    #[serde(default)]
    pub kms_key_id: Option<String>,
    #[serde(default)]
    pub tags: Tags,
}

/// An Amazon OpenSearch Service (or Elasticsearch) domain.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct OpenSearchDomain {
    pub arn: String,
    pub account_id: String,
    pub region: String,
    pub name: String,
    #[serde(default)]
    pub engine_version: Option<String>,
    pub encryption_at_rest: bool,
    pub node_to_node_encryption: bool,
    /// Plain HTTP requests are refused.
    pub enforce_https: bool,
    /// `Policy-Min-TLS-1-2-2019-07`, `Policy-Min-TLS-1-0-2019-07`, ...
    #[serde(default)]
    pub tls_security_policy: Option<String>,
    /// Fine-grained access control (users, roles and document-level permissions).
    pub fine_grained_access_control: bool,
    /// The domain lives in a VPC (has subnets); otherwise its endpoint is public.
    pub in_vpc: bool,
    #[serde(default)]
    pub vpc_id: Option<String>,
    #[serde(default)]
    pub subnet_ids: Vec<String>,
    #[serde(default)]
    pub security_group_ids: Vec<String>,
    /// The domain access policy (parsed); `None` when it has none.
    #[serde(default)]
    pub access_policy: Option<Json>,
    /// Audit logs published to CloudWatch Logs.
    pub audit_logs: bool,
    /// Error logs (`ES_APPLICATION_LOGS`) published to CloudWatch Logs.
    #[serde(default)]
    pub error_logs: bool,
    /// Data nodes.
    #[serde(default)]
    pub instance_count: Option<i32>,
    #[serde(default)]
    pub tags: Tags,
}
