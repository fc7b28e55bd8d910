//! Messaging: SQS queues and SNS topics, with their encryption and access policies.

use super::tags::Tags;
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct Messaging {
    #[serde(default)]
    pub sqs_queues: Vec<SqsQueue>,
    #[serde(default)]
    pub sns_topics: Vec<SnsTopic>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SqsQueue {
    pub arn: String,
    pub account_id: String,
    pub region: String,
    pub name: String,
    #[serde(default)]
    pub url: Option<String>,
    /// The KMS key of SSE-KMS (a key id, ARN or alias such as `alias/aws/sqs`); `None` when
    /// the queue does not use SSE-KMS.
    #[serde(default)]
    pub kms_master_key_id: Option<String>,
    /// SSE-SQS: server-side encryption with keys SQS owns (the default for new queues since
    /// 2022). `None` when the attribute was not returned.
    #[serde(default)]
    pub sqs_managed_sse_enabled: Option<bool>,
    /// The queue's access policy (parsed JSON; the raw text when it does not parse).
    #[serde(default)]
    pub policy: Option<Json>,
    #[serde(default)]
    pub tags: Tags,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SnsTopic {
    pub arn: String,
    pub account_id: String,
    pub region: String,
    pub name: String,
    /// The KMS key of server-side encryption; `None` when the topic is not encrypted.
    #[serde(default)]
    pub kms_master_key_id: Option<String>,
    /// The topic's access policy (parsed JSON; the raw text when it does not parse).
    #[serde(default)]
    pub policy: Option<Json>,
    /// Confirmed subscriptions (`SubscriptionsConfirmed`); `None` when not reported.
    #[serde(default)]
    pub subscriptions_confirmed: Option<u64>,
    #[serde(default)]
    pub tags: Tags,
}
