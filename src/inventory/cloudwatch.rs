//! CloudWatch Logs log groups (with their metric filters) and CloudWatch metric alarms: what
//! the CIS monitoring checks follow from a trail's log group to an alarm that notifies someone.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct LogGroup {
    /// The log group's ARN without the `:*` suffix CloudTrail and IAM use.
    pub arn: String,
    pub account_id: String,
    pub region: String,
    pub name: String,
    /// The KMS key the group's data is encrypted with; `None` means CloudWatch Logs'
    /// service-owned keys.
    #[serde(default)]
    pub kms_key_id: Option<String>,
    /// Days events are kept; `None` means they never expire.
    #[serde(default)]
    pub retention_days: Option<i64>,
    /// Its metric filters, from `DescribeMetricFilters`.
    #[serde(default)]
    pub metric_filters: Vec<MetricFilter>,
}

/// A metric filter: the events it counts and the metrics it publishes them to.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct MetricFilter {
    pub name: String,
    /// The filter pattern as written (empty matches every event).
    #[serde(default)]
    pub pattern: String,
    #[serde(default)]
    pub metrics: Vec<MetricRef>,
}

/// A CloudWatch metric by namespace and name.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct MetricRef {
    pub namespace: String,
    pub name: String,
}

/// A CloudWatch metric alarm.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct MetricAlarm {
    pub arn: String,
    pub account_id: String,
    pub region: String,
    pub name: String,
    /// The metrics it watches: its own metric, or every metric of its metric-math queries.
    #[serde(default)]
    pub metrics: Vec<MetricRef>,
    /// Whether its actions run when its state changes.
    #[serde(default)]
    pub actions_enabled: bool,
    /// What it does on entering ALARM: SNS topic, Auto Scaling, EC2 or Systems Manager ARNs.
    #[serde(default)]
    pub alarm_actions: Vec<String>,
    /// `OK`, `ALARM` or `INSUFFICIENT_DATA`.
    #[serde(default)]
    pub state: Option<String>,
}
