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
    /// The service control policies that apply to this account, by level of the organization:
    /// the root first, then each organizational unit, then the account itself. Every level
    /// must allow a request. `null` when they were not read (the IAM analysis then ignores
    /// SCPs, which can only make it report more, never less).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_control_policies: Option<Vec<Vec<ServiceControlPolicy>>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ServiceControlPolicy {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub arn: Option<String>,
    /// The policy document, parsed.
    pub document: serde_json::Value,
}
