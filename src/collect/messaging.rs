//! Messaging in one region: SQS queues and SNS topics, each with its encryption settings,
//! access policy and tags.
//!
//! A queue or topic whose attributes cannot be read is still listed (with unknown settings):
//! the gap on its ARN makes every policy over it `not-evaluated` rather than a guess.

use super::call::At;
use super::s3::parse_policy;
use super::session::Session;
use super::tags::tag_map;
use crate::inventory::collections::op;
use crate::inventory::messaging::{SnsTopic, SqsQueue};
use crate::inventory::Inventory;
use futures::future::join_all;
use std::collections::HashMap;

pub async fn collect(s: &Session, region: &str) -> Inventory {
    let mut inv = Inventory::empty(chrono::Utc::now());
    let (queues, topics) = futures::join!(sqs_queues(s, region), sns_topics(s, region));
    inv.messaging.sqs_queues = queues;
    inv.messaging.sns_topics = topics;
    inv
}

/// The last path segment of a queue URL (`https://sqs.REGION.amazonaws.com/ACCOUNT/NAME`).
fn queue_name(url: &str) -> &str {
    url.trim_end_matches('/').rsplit('/').next().unwrap_or(url)
}

/// The last segment of an ARN (a topic's or queue's name).
fn arn_name(arn: &str) -> &str {
    arn.rsplit(':').next().unwrap_or(arn)
}

/// An attribute that is empty when unset (`KmsMasterKeyId`, `Policy`) as `None`.
fn non_empty(v: Option<&String>) -> Option<&str> {
    v.map(String::as_str).filter(|v| !v.trim().is_empty())
}

async fn sqs_queues(s: &Session, region: &str) -> Vec<SqsQueue> {
    let client = crate::client!(s, aws_sdk_sqs, region);
    let at = At::new(op::sqs::LIST_QUEUES, region);
    let Some(urls) = s
        .paginate(at, || client.list_queues().into_paginator().items().send())
        .await
    else {
        return Vec::new();
    };
    let client = &client;
    join_all(urls.iter().map(|url| sqs_queue(s, client, region, url))).await
}

async fn sqs_queue(s: &Session, client: &aws_sdk_sqs::Client, region: &str, url: &str) -> SqsQueue {
    use aws_sdk_sqs::types::QueueAttributeName as Name;
    let name = queue_name(url).to_string();
    let listed_arn = s.arn("sqs", region, &name);
    let at = |op| At::new(op, region).on(&listed_arn);
    let (attributes, tags) = futures::join!(
        s.call(at(op::sqs::GET_QUEUE_ATTRIBUTES), || client
            .get_queue_attributes()
            .queue_url(url)
            .attribute_names(Name::All)
            .send()),
        s.call(at(op::sqs::LIST_QUEUE_TAGS), || client
            .list_queue_tags()
            .queue_url(url)
            .send()),
    );
    let attributes: HashMap<Name, String> =
        attributes.and_then(|a| a.attributes).unwrap_or_default();
    SqsQueue {
        arn: non_empty(attributes.get(&Name::QueueArn))
            .map(str::to_string)
            .unwrap_or(listed_arn.clone()),
        account_id: s.account_id.clone(),
        region: region.to_string(),
        name,
        url: Some(url.to_string()),
        kms_master_key_id: non_empty(attributes.get(&Name::KmsMasterKeyId)).map(str::to_string),
        sqs_managed_sse_enabled: attributes
            .get(&Name::SqsManagedSseEnabled)
            .map(|v| v.eq_ignore_ascii_case("true")),
        policy: non_empty(attributes.get(&Name::Policy)).map(parse_policy),
        tags: tags
            .and_then(|t| t.tags)
            .map(|t| t.into_iter().collect())
            .unwrap_or_default(),
    }
}

async fn sns_topics(s: &Session, region: &str) -> Vec<SnsTopic> {
    let client = crate::client!(s, aws_sdk_sns, region);
    let at = At::new(op::sns::LIST_TOPICS, region);
    let Some(topics) = s
        .paginate(at, || client.list_topics().into_paginator().items().send())
        .await
    else {
        return Vec::new();
    };
    let client = &client;
    join_all(
        topics
            .iter()
            .filter_map(|t| t.topic_arn())
            .map(|arn| sns_topic(s, client, region, arn)),
    )
    .await
}

async fn sns_topic(s: &Session, client: &aws_sdk_sns::Client, region: &str, arn: &str) -> SnsTopic {
    let at = |op| At::new(op, region).on(arn);
    let (attributes, tags) = futures::join!(
        s.call(at(op::sns::GET_TOPIC_ATTRIBUTES), || client
            .get_topic_attributes()
            .topic_arn(arn)
            .send()),
        s.call(at(op::sns::LIST_TAGS_FOR_RESOURCE), || client
            .list_tags_for_resource()
            .resource_arn(arn)
            .send()),
    );
    let attributes: HashMap<String, String> =
        attributes.and_then(|a| a.attributes).unwrap_or_default();
    SnsTopic {
        arn: arn.to_string(),
        account_id: s.account_id.clone(),
        region: region.to_string(),
        name: arn_name(arn).to_string(),
        kms_master_key_id: non_empty(attributes.get("KmsMasterKeyId")).map(str::to_string),
        policy: non_empty(attributes.get("Policy")).map(parse_policy),
        subscriptions_confirmed: attributes
            .get("SubscriptionsConfirmed")
            .and_then(|n| n.trim().parse().ok()),
        tags: tags
            .map(|t| tag_map(t.tags(), |t| (Some(t.key()), Some(t.value()))))
            .unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_come_from_urls_and_arns() {
        assert_eq!(
            queue_name("https://sqs.us-east-1.amazonaws.com/123456789012/orders.fifo"),
            "orders.fifo"
        );
        assert_eq!(queue_name("https://localhost:4566/123/q/"), "q");
        assert_eq!(
            arn_name("arn:aws:sns:us-east-1:123456789012:alerts"),
            "alerts"
        );
        assert_eq!(non_empty(Some(&" ".to_string())), None);
    }
}
