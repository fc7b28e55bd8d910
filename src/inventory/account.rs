//! Account-level identity: which accounts a snapshot covers and where it looked.

use serde::{Deserialize, Serialize};

/// One audited AWS account.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct Account {
    /// 12-digit account id.
    pub id: String,
    #[serde(default)]
    pub alias: Option<String>,
    /// `aws`, `aws-us-gov` or `aws-cn`.
    #[serde(default = "default_partition")]
    pub partition: String,
    /// The regions that were scanned; regional checks (GuardDuty on, Config recording) cover these.
    #[serde(default)]
    pub regions: Vec<String>,
    #[serde(default)]
    pub organization: Option<Organization>,
}

fn default_partition() -> String {
    "aws".to_string()
}

/// AWS Organizations membership, when it could be read.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct Organization {
    pub id: String,
    #[serde(default)]
    pub management_account_id: Option<String>,
}
