//! Service control policies: for each organization member account, the SCPs attached at every
//! level from the root down to the account, read with the calling identity (the management
//! account or a delegated administrator can read them; anyone else gets a recorded gap, and
//! the IAM analysis then ignores SCPs).

use super::call::At;
use super::iam::decode_document;
use super::session::Session;
use crate::inventory::account::ServiceControlPolicy;
use crate::inventory::collections::op;
use crate::inventory::Inventory;
use aws_sdk_organizations::types::{ParentType, PolicyType};
use aws_sdk_organizations::Client;
use std::collections::HashMap;

/// Deeper than any organization can be (the root, five levels of OUs, the account).
const MAX_DEPTH: usize = 8;

/// Fills `service_control_policies` for every account of the inventory that belongs to an
/// organization, except its management account (SCPs do not apply to it).
pub async fn attach(s: &Session, inv: &mut Inventory, home_region: &str) {
    let org = crate::client!(s, aws_sdk_organizations, home_region);
    let mut documents: HashMap<String, Option<serde_json::Value>> = HashMap::new();
    for account in &mut inv.accounts {
        let Some(organization) = account.organization.as_mut() else {
            continue;
        };
        if organization.management_account_id.as_deref() == Some(account.id.as_str()) {
            continue;
        }
        let Some(targets) = chain(s, &org, &account.id).await else {
            continue;
        };
        let mut levels = Vec::new();
        let mut complete = true;
        for target in targets.iter().rev() {
            let at = At::global(op::organizations::LIST_POLICIES_FOR_TARGET);
            let Some(pages) = s
                .paginate(at, || {
                    org.list_policies_for_target()
                        .target_id(target)
                        .filter(PolicyType::ServiceControlPolicy)
                        .into_paginator()
                        .send()
                })
                .await
            else {
                complete = false;
                break;
            };
            let mut level = Vec::new();
            for summary in pages.iter().flat_map(|p| p.policies()) {
                let Some(id) = summary.id() else { continue };
                if !documents.contains_key(id) {
                    let at = At::global(op::organizations::DESCRIBE_POLICY);
                    let content = s
                        .call(at, || org.describe_policy().policy_id(id).send())
                        .await
                        .and_then(|o| o.policy().and_then(|p| p.content().map(decode_document)));
                    documents.insert(id.to_string(), content);
                }
                match &documents[id] {
                    Some(document) => level.push(ServiceControlPolicy {
                        id: id.to_string(),
                        name: summary.name().unwrap_or(id).to_string(),
                        arn: summary.arn().map(str::to_string),
                        document: document.clone(),
                    }),
                    None => complete = false,
                }
            }
            levels.push(level);
        }
        // Half a set of SCPs could deny less than the whole: only a complete one is used.
        if complete {
            organization.service_control_policies = Some(levels);
        }
    }
}

/// The account and its parents up to the root, account first.
async fn chain(s: &Session, org: &Client, account: &str) -> Option<Vec<String>> {
    let mut chain = vec![account.to_string()];
    for _ in 0..MAX_DEPTH {
        let child = chain.last()?.clone();
        let at = At::global(op::organizations::LIST_PARENTS);
        let out = s
            .call(at, || org.list_parents().child_id(&child).send())
            .await?;
        let parent = out.parents().first()?;
        chain.push(parent.id()?.to_string());
        if parent.r#type() == Some(&ParentType::Root) {
            return Some(chain);
        }
    }
    None
}
