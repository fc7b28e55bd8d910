//! KMS: the keys of one region with their aliases, rotation, key policy and tags.

use super::call::{At, Outcome};
use super::s3::parse_policy;
use super::session::Session;
use crate::inventory::collections::op;
use crate::inventory::storage::KmsKey;
use crate::inventory::{Inventory, Tags};
use futures::future::join_all;
use std::collections::BTreeMap;

pub async fn collect(s: &Session, region: &str) -> Inventory {
    let client = crate::client!(s, aws_sdk_kms, region);
    let mut inv = Inventory::empty(chrono::Utc::now());

    let keys_at = At::new(op::kms::LIST_KEYS, region);
    let aliases_at = At::new(op::kms::LIST_ALIASES, region);
    let (keys, aliases) = futures::join!(
        s.paginate(keys_at, || client
            .list_keys()
            .into_paginator()
            .items()
            .send()),
        s.paginate(aliases_at, || {
            client.list_aliases().into_paginator().items().send()
        }),
    );
    let Some(keys) = keys else {
        return inv;
    };

    // Target key id -> alias names. A failed ListAliases leaves aliases empty (and a gap).
    let mut by_key: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for a in aliases.iter().flatten() {
        if let (Some(target), Some(name)) = (a.target_key_id(), a.alias_name()) {
            by_key
                .entry(target.to_string())
                .or_default()
                .push(name.to_string());
        }
    }

    let entries: Vec<(String, String)> = keys
        .iter()
        .filter_map(|k| {
            let id = k.key_id()?.to_string();
            let arn = k
                .key_arn()
                .map(str::to_string)
                .unwrap_or_else(|| s.arn("kms", region, &format!("key/{id}")));
            Some((id, arn))
        })
        .collect();

    let client = &client;
    let by_key = &by_key;
    let found = join_all(entries.into_iter().map(|(id, arn)| async move {
        let mut aliases = by_key.get(&id).cloned().unwrap_or_default();
        aliases.sort();
        key(s, client, region, id, arn, aliases).await
    }))
    .await;
    inv.storage.kms_keys = found.into_iter().flatten().collect();
    inv
}

/// One key. Without `DescribeKey` there is no manager or state to report: the key is left out
/// and the gap on its ARN says so.
async fn key(
    s: &Session,
    client: &aws_sdk_kms::Client,
    region: &str,
    id: String,
    arn: String,
    aliases: Vec<String>,
) -> Option<KmsKey> {
    let at = |op| At::new(op, region).on(&arn);
    let (described, policy) = futures::join!(
        s.call(at(op::kms::DESCRIBE_KEY), || client
            .describe_key()
            .key_id(&id)
            .send()),
        s.call(at(op::kms::GET_KEY_POLICY), || client
            .get_key_policy()
            .key_id(&id)
            .policy_name("default")
            .send()),
    );
    let meta = described?.key_metadata?;
    let manager = meta
        .key_manager()
        .map(|m| m.as_str().to_string())
        .unwrap_or_default();
    let key_spec = meta
        .key_spec()
        .map(|k| k.as_str().to_string())
        .unwrap_or_else(|| "SYMMETRIC_DEFAULT".to_string());
    let customer = manager == "CUSTOMER";

    let (rotation_enabled, tags) = futures::join!(
        rotation(
            s,
            client,
            at(op::kms::GET_KEY_ROTATION_STATUS),
            &id,
            customer,
            &key_spec
        ),
        tags(s, client, at(op::kms::LIST_RESOURCE_TAGS), &id, customer),
    );

    Some(KmsKey {
        arn: meta
            .arn()
            .map(str::to_string)
            .unwrap_or_else(|| arn.clone()),
        account_id: meta
            .aws_account_id()
            .map(str::to_string)
            .unwrap_or_else(|| s.account_id.clone()),
        region: region.to_string(),
        id: meta.key_id().to_string(),
        aliases,
        manager,
        state: meta
            .key_state()
            .map(|k| k.as_str().to_string())
            .unwrap_or_default(),
        deletion_date: meta.deletion_date().map(crate::collect::time::to_chrono),
        key_spec,
        rotation_enabled,
        policy: policy.and_then(|p| p.policy().map(parse_policy)),
        description: meta
            .description()
            .filter(|d| !d.is_empty())
            .map(str::to_string),
        tags,
    })
}

/// Rotation applies to customer-managed symmetric keys only; for any other key it is unknown
/// by nature, not a failure. A key whose state forbids the call (pending import, ...) answers
/// UnsupportedOperationException: also unknown, not a gap.
async fn rotation(
    s: &Session,
    client: &aws_sdk_kms::Client,
    at: At<'_>,
    id: &str,
    customer: bool,
    key_spec: &str,
) -> Option<bool> {
    if !(customer && key_spec == "SYMMETRIC_DEFAULT") {
        return None;
    }
    let found = s
        .call_absent(at, &["UnsupportedOperationException"], || {
            client.get_key_rotation_status().key_id(id).send()
        })
        .await;
    match found {
        Outcome::Found(o) => Some(o.key_rotation_enabled()),
        Outcome::Absent | Outcome::Failed => None,
    }
}

/// A customer-managed key's tags (AWS-managed keys have none worth a call).
async fn tags(
    s: &Session,
    client: &aws_sdk_kms::Client,
    at: At<'_>,
    id: &str,
    customer: bool,
) -> Tags {
    if !customer {
        return Tags::new();
    }
    let found = s
        .paginate(at, || {
            client
                .list_resource_tags()
                .key_id(id)
                .into_paginator()
                .items()
                .send()
        })
        .await;
    found
        .map(|tags| {
            tags.iter()
                .map(|t| (t.tag_key().to_string(), t.tag_value().to_string()))
                .collect()
        })
        .unwrap_or_default()
}
