//! Collection gaps: what could not be read, so that no policy passes on missing data.

use serde::{Deserialize, Serialize};

/// The error of a gap for data an older snapshot cannot hold (its schema predates it).
pub const NOT_IN_SNAPSHOT: &str = "NotInSnapshot";

/// One thing the collector could not read.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Gap {
    /// Service prefix as in IAM actions: `iam`, `ec2`, `s3`, `kms`, `rds`, `cloudtrail`, ...
    pub service: String,
    /// Region name, or `global` for global services.
    pub region: String,
    /// API operation, e.g. `DescribeFlowLogs`.
    pub operation: String,
    /// Error code as AWS returned it (`AccessDenied`, `Throttling`, `Timeout`, ...).
    pub error: String,
    #[serde(default)]
    pub account_id: Option<String>,
    /// Set when only one resource is affected (e.g. `GetBucketPolicy` on one bucket).
    #[serde(default)]
    pub resource: Option<String>,
    #[serde(default)]
    pub message: Option<String>,
}

impl Gap {
    /// `ec2:DescribeFlowLogs in us-east-1 (AccessDenied)`.
    pub fn describe(&self) -> String {
        if self.error == NOT_IN_SNAPSHOT {
            return format!(
                "{}:{} of account {} is not in the snapshot ({})",
                self.service,
                self.operation,
                self.account_id.as_deref().unwrap_or("?"),
                self.message.as_deref().unwrap_or("it predates this data")
            );
        }
        let mut s = format!("{}:{} in {}", self.service, self.operation, self.region);
        if let Some(acct) = &self.account_id {
            s.push_str(&format!(" of account {acct}"));
        }
        if let Some(res) = &self.resource {
            s.push_str(&format!(" for {res}"));
        }
        s.push_str(&format!(" failed ({})", self.error));
        s
    }
}
