//! AWS Secrets Manager: secrets with their rotation, last use, key and resource policy. The
//! secret values are never read.

use super::tags::Tags;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Secret {
    pub arn: String,
    pub account_id: String,
    pub region: String,
    pub name: String,
    /// Automatic rotation is configured (a rotation function or a managed rotation).
    pub rotation_enabled: bool,
    /// `AutomaticallyAfterDays` of the rotation rules, when set that way.
    #[serde(default)]
    pub rotation_interval_days: Option<i64>,
    /// When the secret was last rotated; `None` if it never was.
    #[serde(default)]
    pub last_rotated: Option<DateTime<Utc>>,
    /// The day the secret was last read (AWS keeps only the date); `None` if never, or not
    /// within what AWS tracks.
    #[serde(default)]
    pub last_accessed: Option<DateTime<Utc>>,
    #[serde(default)]
    pub created: Option<DateTime<Utc>>,
    /// The KMS key that encrypts the value; `None` means the AWS managed `aws/secretsmanager`.
    #[serde(default)]
    pub kms_key_id: Option<String>,
    /// The secret's resource policy (parsed); `None` when it has none or it could not be read
    /// (a gap names the secret).
    #[serde(default)]
    pub policy: Option<Json>,
    /// The secret is owned by another AWS service (RDS, Redshift...), which rotates it.
    #[serde(default)]
    pub owning_service: Option<String>,
    #[serde(default)]
    pub tags: Tags,
}
