//! AWS Secrets Manager in one region: every secret's metadata from `ListSecrets` (never its
//! value) and its resource policy. A secret whose policy cannot be read keeps `policy: null`
//! with a gap on its ARN, so the policy check is `not-evaluated` for it, not a pass.

use super::call::At;
use super::s3::parse_policy;
use super::session::Session;
use super::tags::tag_map;
use super::time::to_chrono;
use crate::inventory::collections::op;
use crate::inventory::secrets::Secret;
use crate::inventory::Inventory;
use aws_sdk_secretsmanager::types::SecretListEntry;
use aws_sdk_secretsmanager::Client;
use futures::future::join_all;

pub async fn collect(s: &Session, region: &str) -> Inventory {
    let client = crate::client!(s, aws_sdk_secretsmanager, region);
    let mut inv = Inventory::empty(chrono::Utc::now());
    let at = At::new(op::secretsmanager::LIST_SECRETS, region);
    // ListSecrets pages have no item iterator in the SDK: collect the pages, then their lists.
    let Some(pages) = s
        .paginate(at, || {
            client
                .list_secrets()
                .include_planned_deletion(false)
                .into_paginator()
                .send()
        })
        .await
    else {
        return inv;
    };
    let client = &client;
    inv.storage.secrets = join_all(
        pages
            .iter()
            .flat_map(|p| p.secret_list())
            .filter_map(|e| Some((e, e.arn()?)))
            .map(|(e, arn)| async move {
                let policy = policy(s, client, region, arn).await;
                secret(s, region, e, arn, policy)
            }),
    )
    .await;
    inv
}

fn secret(
    s: &Session,
    region: &str,
    e: &SecretListEntry,
    arn: &str,
    policy: Option<serde_json::Value>,
) -> Secret {
    Secret {
        arn: arn.to_string(),
        account_id: s.account_id.clone(),
        region: region.to_string(),
        name: e.name().unwrap_or_default().to_string(),
        rotation_enabled: e.rotation_enabled().unwrap_or(false),
        rotation_interval_days: e
            .rotation_rules()
            .and_then(|r| r.automatically_after_days()),
        last_rotated: e.last_rotated_date().map(to_chrono),
        last_accessed: e.last_accessed_date().map(to_chrono),
        created: e.created_date().map(to_chrono),
        kms_key_id: e.kms_key_id().map(str::to_string),
        policy,
        owning_service: e.owning_service().map(str::to_string),
        tags: tag_map(e.tags(), |t| (t.key(), t.value())),
    }
}

/// The secret's resource policy, parsed; `None` when it has none or (with a gap) when it
/// cannot be read.
async fn policy(
    s: &Session,
    client: &Client,
    region: &str,
    arn: &str,
) -> Option<serde_json::Value> {
    let at = At::new(op::secretsmanager::GET_RESOURCE_POLICY, region).on(arn);
    let out = s
        .call(at, || client.get_resource_policy().secret_id(arn).send())
        .await?;
    out.resource_policy()
        .filter(|p| !p.trim().is_empty())
        .map(parse_policy)
}
