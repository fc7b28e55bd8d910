//! Amazon DynamoDB in one region: every table with its encryption at rest, deletion
//! protection, point-in-time recovery and tags.
//!
//! A table whose description cannot be read is left out with a gap on its ARN (its policies
//! are `not-evaluated`, never pass); one whose backups or tags cannot be read is kept with
//! what was read and a gap naming the call.

use super::call::{next_page, At};
use super::session::Session;
use super::tags::tag_map;
use crate::inventory::collections::op;
use crate::inventory::dynamodb::DynamoDbTable;
use crate::inventory::Inventory;
use aws_sdk_dynamodb::types::{SseType, TableDescription};
use aws_sdk_dynamodb::Client;
use futures::future::join_all;

pub async fn collect(s: &Session, region: &str) -> Inventory {
    let client = crate::client!(s, aws_sdk_dynamodb, region);
    let mut inv = Inventory::empty(chrono::Utc::now());
    let at = At::new(op::dynamodb::LIST_TABLES, region);
    let Some(names) = s
        .paginate(at, || client.list_tables().into_paginator().items().send())
        .await
    else {
        return inv;
    };
    let client = &client;
    inv.storage.dynamodb_tables = join_all(names.iter().map(|n| table(s, client, region, n)))
        .await
        .into_iter()
        .flatten()
        .collect();
    inv
}

async fn table(s: &Session, client: &Client, region: &str, name: &str) -> Option<DynamoDbTable> {
    // The ARN DynamoDB would give the table, so that a failed description is a gap on it.
    let guessed = s.arn("dynamodb", region, &format!("table/{name}"));
    let at = At::new(op::dynamodb::DESCRIBE_TABLE, region).on(&guessed);
    let out = s
        .call(at, || client.describe_table().table_name(name).send())
        .await?;
    let t = out.table()?;
    let arn = t.table_arn().map(str::to_string).unwrap_or(guessed);
    let (pitr, tags) = futures::join!(
        point_in_time_recovery(s, client, region, name, &arn),
        tags(s, client, region, &arn),
    );
    Some(describe(s, region, name, t, arn, pitr, tags))
}

fn describe(
    s: &Session,
    region: &str,
    name: &str,
    t: &TableDescription,
    arn: String,
    point_in_time_recovery: Option<String>,
    tags: crate::inventory::Tags,
) -> DynamoDbTable {
    // No SSE description, or one that is not KMS, means DynamoDB's own AWS owned key.
    let sse = t.sse_description();
    let kms = sse.is_some_and(|d| d.sse_type() == Some(&SseType::Kms));
    DynamoDbTable {
        arn,
        account_id: s.account_id.clone(),
        region: region.to_string(),
        name: name.to_string(),
        status: t.table_status().map(|x| x.as_str().to_string()),
        sse_type: if kms { "KMS" } else { "AWS_OWNED" }.to_string(),
        kms_key_arn: sse
            .filter(|_| kms)
            .and_then(|d| d.kms_master_key_arn())
            .map(str::to_string),
        sse_status: sse
            .filter(|_| kms)
            .and_then(|d| d.status())
            .map(|x| x.as_str().to_string()),
        deletion_protection: t.deletion_protection_enabled().unwrap_or(false),
        point_in_time_recovery,
        tags,
    }
}

/// `ENABLED` or `DISABLED`; `None` (and a gap on the table) when it cannot be read.
async fn point_in_time_recovery(
    s: &Session,
    client: &Client,
    region: &str,
    name: &str,
    arn: &str,
) -> Option<String> {
    let at = At::new(op::dynamodb::DESCRIBE_CONTINUOUS_BACKUPS, region).on(arn);
    let out = s
        .call(at, || {
            client.describe_continuous_backups().table_name(name).send()
        })
        .await?;
    let status = out
        .continuous_backups_description()
        .and_then(|d| d.point_in_time_recovery_description())
        .and_then(|p| p.point_in_time_recovery_status())
        .map(|x| x.as_str().to_string());
    // A table that answers without a status has never had point-in-time recovery.
    Some(status.unwrap_or_else(|| "DISABLED".to_string()))
}

/// The table's tags (paginated); none, and a gap on it, when they cannot be read.
async fn tags(s: &Session, client: &Client, region: &str, arn: &str) -> crate::inventory::Tags {
    let at = At::new(op::dynamodb::LIST_TAGS_OF_RESOURCE, region).on(arn);
    let mut all = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let page = s
            .call(at, || {
                client
                    .list_tags_of_resource()
                    .resource_arn(arn)
                    .set_next_token(token.clone())
                    .send()
            })
            .await;
        let Some(page) = page else {
            return Default::default();
        };
        all.extend(page.tags().iter().cloned());
        if !next_page(&mut token, page.next_token()) {
            break;
        }
    }
    tag_map(&all, |t| (Some(t.key()), Some(t.value())))
}
