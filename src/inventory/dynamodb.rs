//! Amazon DynamoDB: tables with their encryption, deletion protection and point-in-time
//! recovery.

use super::tags::Tags;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DynamoDbTable {
    pub arn: String,
    pub account_id: String,
    pub region: String,
    pub name: String,
    /// `ACTIVE`, `CREATING`, `UPDATING`, `DELETING`, `ARCHIVED`, ...
    #[serde(default)]
    pub status: Option<String>,
    /// Who holds the key that encrypts the table at rest: `AWS_OWNED` (DynamoDB's default, a
    /// key in an AWS service account, outside the customer's key policies and CloudTrail) or
    /// `KMS` (an AWS managed or customer managed key in the account's KMS).
    pub sse_type: String,
    /// The KMS key, for `KMS`.
    #[serde(default)]
    pub kms_key_arn: Option<String>,
    /// `ENABLED`, `UPDATING`, `DISABLED`, `INACCESSIBLE_ENCRYPTION_CREDENTIALS`, for `KMS`.
    #[serde(default)]
    pub sse_status: Option<String>,
    pub deletion_protection: bool,
    /// Point-in-time recovery (DescribeContinuousBackups): `ENABLED` or `DISABLED`; `None`
    /// when it could not be read (a gap names the table).
    #[serde(default)]
    pub point_in_time_recovery: Option<String>,
    #[serde(default)]
    pub tags: Tags,
}
