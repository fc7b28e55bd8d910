//! Logging and monitoring: CloudTrail, AWS Config, GuardDuty, Security Hub, IAM Access Analyzer,
//! Macie, Inspector, and CloudWatch log groups and alarms.

use super::cloudwatch::{LogGroup, MetricAlarm};

use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct Logging {
    #[serde(default)]
    pub trails: Vec<Trail>,
    #[serde(default)]
    pub config_recorders: Vec<ConfigRecorder>,
    #[serde(default)]
    pub guardduty_detectors: Vec<GuardDutyDetector>,
    #[serde(default)]
    pub log_groups: Vec<LogGroup>,
    #[serde(default)]
    pub metric_alarms: Vec<MetricAlarm>,
    /// One per scanned account and region whose hub could be read.
    #[serde(default)]
    pub security_hubs: Vec<SecurityHub>,
    /// One per scanned account and region whose analyzers could be listed.
    #[serde(default)]
    pub access_analyzers: Vec<AccessAnalyzers>,
    /// One per scanned account and region whose Macie status could be read.
    #[serde(default)]
    pub macie_sessions: Vec<MacieSession>,
    /// One per scanned account and region whose Inspector status could be read.
    #[serde(default)]
    pub inspector2: Vec<Inspector2Status>,
}

/// Amazon Inspector in one account and region.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Inspector2Status {
    /// `arn:aws:inspector2:REGION:ACCOUNT:status`, standing for the region's setting.
    pub arn: String,
    pub account_id: String,
    pub region: String,
    /// The account's status: `ENABLED`, `DISABLED`, `ENABLING`, `SUSPENDED`, ...
    pub status: String,
    /// Scanning status by resource type (`ec2`, `ecr`, `lambda`, `lambda_code`).
    #[serde(default)]
    pub resources: std::collections::BTreeMap<String, String>,
}

/// IAM Access Analyzer in one account and region: the analyzers there.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct AccessAnalyzers {
    /// `arn:aws:access-analyzer:REGION:ACCOUNT:analyzers`, standing for the region's setting.
    pub arn: String,
    pub account_id: String,
    pub region: String,
    #[serde(default)]
    pub analyzers: Vec<Analyzer>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Analyzer {
    pub arn: String,
    pub name: String,
    /// `ACCOUNT` or `ORGANIZATION` find external access; the `..._UNUSED_ACCESS` and
    /// `..._INTERNAL_ACCESS` types do not.
    #[serde(rename = "type")]
    pub analyzer_type: String,
    /// `ACTIVE`, `CREATING`, `DISABLED` or `FAILED`.
    pub status: String,
}

/// Amazon Macie in one account and region.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct MacieSession {
    /// `arn:aws:macie2:REGION:ACCOUNT:session`, standing for the region's setting.
    pub arn: String,
    pub account_id: String,
    pub region: String,
    /// `ENABLED`, `PAUSED`, or `DISABLED` when Macie has never been enabled here.
    pub status: String,
}

/// AWS Security Hub in one account and region.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SecurityHub {
    /// The hub's ARN (`arn:aws:securityhub:REGION:ACCOUNT:hub/default`).
    pub arn: String,
    pub account_id: String,
    pub region: String,
    /// Is the account subscribed to Security Hub here? (DescribeHub answers
    /// `InvalidAccessException` when it is not.)
    pub enabled: bool,
    #[serde(default)]
    pub subscribed_at: Option<String>,
    /// Are new controls of enabled standards turned on automatically?
    #[serde(default)]
    pub auto_enable_controls: Option<bool>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Trail {
    pub arn: String,
    pub account_id: String,
    /// The trail's home region.
    pub region: String,
    pub name: String,
    pub is_multi_region: bool,
    #[serde(default)]
    pub is_organization_trail: bool,
    pub log_file_validation: bool,
    #[serde(default)]
    pub kms_key_id: Option<String>,
    #[serde(default)]
    pub s3_bucket: Option<String>,
    #[serde(default)]
    pub cloudwatch_logs_log_group_arn: Option<String>,
    #[serde(default)]
    pub include_global_service_events: bool,
    /// From `GetTrailStatus`.
    pub is_logging: bool,
    /// Classic or advanced event selectors as returned by `GetEventSelectors`.
    #[serde(default)]
    pub event_selectors: Vec<Json>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ConfigRecorder {
    pub arn: String,
    pub account_id: String,
    pub region: String,
    pub name: String,
    pub recording: bool,
    #[serde(default)]
    pub all_supported: bool,
    #[serde(default)]
    pub include_global_resource_types: bool,
    #[serde(default)]
    pub last_status: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct GuardDutyDetector {
    pub arn: String,
    pub account_id: String,
    pub region: String,
    pub id: String,
    /// `ENABLED` or `DISABLED`.
    pub status: String,
    /// Protection plans by feature name (`EBS_MALWARE_PROTECTION`, `S3_DATA_EVENTS`,
    /// `RUNTIME_MONITORING`, ...) as GetDetector lists them; a plan not listed is not
    /// enabled. `null` in snapshots before 1.10, which record a gap instead.
    #[serde(default)]
    pub features: Option<std::collections::BTreeMap<String, DetectorFeature>>,
}

/// One GuardDuty protection plan of a detector.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DetectorFeature {
    /// `ENABLED` or `DISABLED`.
    pub status: String,
    /// Its additional configuration by name (`EC2_AGENT_MANAGEMENT`: `ENABLED`, ...).
    #[serde(default)]
    pub additional: std::collections::BTreeMap<String, String>,
}
