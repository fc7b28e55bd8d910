//! KMS: the keys of one region with their aliases, rotation, key policy and tags.

use super::s3::parse_policy;
use super::{At, Outcome, Session};
use crate::inventory::storage::KmsKey;
use crate::inventory::{Inventory, Tags};
use futures::future::join_all;
use std::collections::BTreeMap;

pub async fn collect(s: &Session, region: &str) -> Inventory {
    let client = crate::client!(s, aws_sdk_kms, region);
    let mut inv = Inventory::empty(chrono::Utc::now());

    let keys_at = At::list("kms", region, "ListKeys");
    let aliases_at = At::list("kms", region, "ListAliases");
    let (keys, aliases) = futures::join!(
        s.call(keys_at, || client
            .list_keys()
            .into_paginator()
            .send()
            .try_collect()),
        s.call(aliases_at, || client
            .list_aliases()
            .into_paginator()
            .send()
            .try_collect()),
    );
    let Some(keys) = keys else {
        return inv;
    };

    // Target key id -> alias names. A failed ListAliases leaves aliases empty (and a gap).
    let mut by_key: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for page in aliases.iter().flatten() {
        for a in page.aliases() {
            if let (Some(target), Some(name)) = (a.target_key_id(), a.alias_name()) {
                by_key
                    .entry(target.to_string())
                    .or_default()
                    .push(name.to_string());
            }
        }
    }

    let entries: Vec<(String, String)> = keys
        .iter()
        .flat_map(|p| p.keys())
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
    let at = |operation: &'static str| At {
        service: "kms",
        region,
        operation,
        resource: Some(&arn),
    };
    let (described, policy) = futures::join!(
        s.call(at("DescribeKey"), || client
            .describe_key()
            .key_id(&id)
            .send()),
        s.call(at("GetKeyPolicy"), || client
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

    // Rotation applies to customer-managed symmetric keys only; for any other key it is unknown
    // by nature, not a failure. A key whose state forbids the call (pending import, ...) answers
    // UnsupportedOperationException: also unknown, not a gap.
    let rotation = async {
        if !(customer && key_spec == "SYMMETRIC_DEFAULT") {
            return None;
        }
        match s
            .call_absent(
                at("GetKeyRotationStatus"),
                &["UnsupportedOperationException"],
                || client.get_key_rotation_status().key_id(&id).send(),
            )
            .await
        {
            Outcome::Found(o) => Some(o.key_rotation_enabled()),
            Outcome::Absent | Outcome::Failed => None,
        }
    };
    let tags = async {
        if !customer {
            return Tags::new();
        }
        s.call(at("ListResourceTags"), || {
            client
                .list_resource_tags()
                .key_id(&id)
                .into_paginator()
                .send()
                .try_collect()
        })
        .await
        .map(|pages| {
            pages
                .iter()
                .flat_map(|p| p.tags())
                .map(|t| (t.tag_key().to_string(), t.tag_value().to_string()))
                .collect()
        })
        .unwrap_or_default()
    };
    let (rotation_enabled, tags) = futures::join!(rotation, tags);

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
