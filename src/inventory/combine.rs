//! Combining inventories: the fragments that concurrent collectors return, and whole snapshots
//! (the shards of an organization) into one, then putting the result in a stable order so two
//! collections of the same accounts give the same snapshot.

use super::account::ServiceControlPolicy;
use super::collections::COLLECTIONS;
use super::organization::OrgAccount;
use super::Inventory;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// Moves every collection of `part` into `into` (with its gaps, runs and, if `into` has none,
/// its organization structure).
pub fn absorb(into: &mut Inventory, part: Inventory) {
    let mut part = part;
    for c in COLLECTIONS {
        c.absorb(into, &mut part);
    }
    into.gaps.append(&mut part.gaps);
    into.runs.append(&mut part.runs);
    if into.organization.is_none() {
        into.organization = part.organization.take();
    }
}

/// Sorts every collection by its serialized identity (ARN or account/region first); accounts
/// by id, each once.
pub fn sort(inv: &mut Inventory) {
    for c in COLLECTIONS {
        c.sort(inv);
    }
    inv.gaps.sort();
    inv.gaps.dedup();
    if let Some(org) = &mut inv.organization {
        org.sort();
    }
    inv.runs.sort_by(|a, b| {
        (a.shard.as_deref(), a.finished_at).cmp(&(b.shard.as_deref(), b.finished_at))
    });
}

/// Resources per service, for the end-of-run summary (accounts are counted on their own).
pub fn count_by_service(inv: &Inventory) -> BTreeMap<String, usize> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for c in COLLECTIONS.iter().filter(|c| c.path != "accounts") {
        let n = c.len(inv);
        if n > 0 {
            *counts.entry(c.service.to_string()).or_default() += n;
        }
    }
    counts
}

#[derive(Debug, thiserror::Error)]
pub enum CombineError {
    #[error("account {account} is in both {first} and {second}: shards must hold disjoint accounts (was a shard collected twice, or with a different --shard N?)")]
    DuplicateAccount {
        account: String,
        first: PathBuf,
        second: PathBuf,
    },
    #[error("{first} and {second} describe different organizations ({first_id} and {second_id})")]
    TwoOrganizations {
        first: PathBuf,
        first_id: String,
        second: PathBuf,
        second_id: String,
    },
    #[error("nothing to merge: no snapshot given")]
    Empty,
}

/// Joins whole snapshots, each named by its file for errors: accounts must be disjoint, and
/// at most one organization is described (when two snapshots read the same one, the later read
/// is kept). The result is stamped with this build's schema version and the latest collection
/// time, and each member account gets its SCPs from the organization structure.
pub fn combine(parts: Vec<(PathBuf, Inventory)>) -> Result<Inventory, CombineError> {
    let collected_at = parts
        .iter()
        .map(|(_, inv)| inv.collected_at)
        .max()
        .ok_or(CombineError::Empty)?;
    let mut owner: HashMap<String, PathBuf> = HashMap::new();
    let mut org_from: Option<(PathBuf, String, chrono::DateTime<chrono::Utc>)> = None;
    let mut into = Inventory::empty(collected_at);
    for (file, mut part) in parts {
        let mut ids: Vec<&str> = part.accounts.iter().map(|a| a.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        for id in ids {
            if let Some(first) = owner.insert(id.to_string(), file.clone()) {
                return Err(CombineError::DuplicateAccount {
                    account: id.to_string(),
                    first,
                    second: file,
                });
            }
        }
        if let Some(org) = part.organization.take() {
            match &org_from {
                Some((first, first_id, _)) if *first_id != org.id => {
                    return Err(CombineError::TwoOrganizations {
                        first: first.clone(),
                        first_id: first_id.clone(),
                        second: file,
                        second_id: org.id,
                    })
                }
                Some((_, _, read_at)) if *read_at >= part.collected_at => {}
                _ => {
                    org_from = Some((file.clone(), org.id.clone(), part.collected_at));
                    into.organization = Some(org);
                }
            }
        }
        absorb(&mut into, part);
    }
    finish(&mut into);
    Ok(into)
}

/// The last step of any collection or merge: SCPs joined to the accounts, then a stable order.
pub fn finish(inv: &mut Inventory) {
    attach_policies(inv);
    sort(inv);
}

/// Gives every member account of `inv` that has no SCPs yet the ones the organization structure
/// records for it (by level, each level's policies in id order). The management account is left
/// alone (SCPs do not restrict it), as is an account whose levels or documents are incomplete.
pub fn attach_policies(inv: &mut Inventory) {
    let Some(org) = &inv.organization else {
        return;
    };
    let documents: HashMap<&str, &ServiceControlPolicy> =
        org.policies.iter().map(|p| (p.id.as_str(), p)).collect();
    let members: HashMap<&str, &OrgAccount> =
        org.accounts.iter().map(|a| (a.id.as_str(), a)).collect();
    for account in &mut inv.accounts {
        let Some(membership) = account.organization.as_mut() else {
            continue;
        };
        if membership.id != org.id
            || membership.service_control_policies.is_some()
            || org.management_account_id.as_deref() == Some(account.id.as_str())
        {
            continue;
        }
        let Some(levels) = members
            .get(account.id.as_str())
            .and_then(|m| m.service_control_policies.as_ref())
        else {
            continue;
        };
        let resolved: Option<Vec<Vec<ServiceControlPolicy>>> = levels
            .iter()
            .map(|level| {
                let mut policies: Vec<ServiceControlPolicy> = level
                    .iter()
                    .map(|id| documents.get(id.as_str()).map(|p| (*p).clone()))
                    .collect::<Option<_>>()?;
                policies.sort_by(|a, b| a.id.cmp(&b.id));
                Some(policies)
            })
            .collect();
        membership.service_control_policies = resolved;
    }
}

/// Whether `path` names a gzip-compressed snapshot by its extension (`.gz`).
pub fn is_gzip_path(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"))
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::inventory::account::Organization;
    use crate::inventory::organization::OrgStructure;
    use crate::inventory::Account;

    fn shard(ids: &[&str], org: Option<OrgStructure>) -> Inventory {
        let mut inv = Inventory::empty(chrono::Utc::now());
        for id in ids {
            inv.accounts.push(Account {
                id: id.to_string(),
                organization: Some(Organization {
                    id: "o-1".into(),
                    management_account_id: Some("111111111111".into()),
                    service_control_policies: None,
                }),
                ..Default::default()
            });
        }
        inv.organization = org;
        inv
    }

    fn structure(id: &str) -> OrgStructure {
        let policy = |id: &str| ServiceControlPolicy {
            id: id.into(),
            name: id.into(),
            arn: None,
            document: serde_json::json!({"Statement": []}),
        };
        OrgStructure {
            id: id.into(),
            management_account_id: Some("111111111111".into()),
            accounts: vec![
                OrgAccount {
                    id: "222222222222".into(),
                    service_control_policies: Some(vec![vec!["p-root".into()], vec![]]),
                    ..Default::default()
                },
                OrgAccount {
                    id: "333333333333".into(),
                    // A policy whose document is missing: this account gets none.
                    service_control_policies: Some(vec![vec!["p-root".into(), "p-gone".into()]]),
                    ..Default::default()
                },
                OrgAccount {
                    id: "111111111111".into(),
                    service_control_policies: Some(vec![vec!["p-root".into()]]),
                    ..Default::default()
                },
            ],
            policies: vec![policy("p-root")],
        }
    }

    #[test]
    fn shards_join_and_member_accounts_get_their_scps() {
        let parts = vec![
            (
                PathBuf::from("a"),
                shard(&["111111111111", "333333333333"], Some(structure("o-1"))),
            ),
            (PathBuf::from("b"), shard(&["222222222222"], None)),
        ];
        let merged = combine(parts).unwrap();
        let scps = |id: &str| {
            merged
                .accounts
                .iter()
                .find(|a| a.id == id)
                .unwrap()
                .organization
                .as_ref()
                .unwrap()
                .service_control_policies
                .clone()
        };
        let member = scps("222222222222").expect("levels");
        assert_eq!(member.len(), 2);
        assert_eq!(member[0][0].id, "p-root");
        assert!(member[1].is_empty());
        assert_eq!(scps("333333333333"), None, "incomplete levels are not used");
        assert_eq!(
            scps("111111111111"),
            None,
            "SCPs do not restrict the management account"
        );
    }

    #[test]
    fn an_account_in_two_snapshots_or_two_organizations_are_refused() {
        let err = combine(vec![
            (PathBuf::from("one.json"), shard(&["222222222222"], None)),
            (PathBuf::from("two.json"), shard(&["222222222222"], None)),
        ])
        .unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains("222222222222") && text.contains("one.json") && text.contains("two.json"),
            "{text}"
        );
        let err = combine(vec![
            (
                PathBuf::from("one.json"),
                shard(&[], Some(structure("o-1"))),
            ),
            (
                PathBuf::from("two.json"),
                shard(&[], Some(structure("o-2"))),
            ),
        ])
        .unwrap_err();
        assert!(
            matches!(err, CombineError::TwoOrganizations { .. }),
            "{err}"
        );
        assert!(matches!(combine(Vec::new()), Err(CombineError::Empty)));
    }

    #[test]
    fn absorbing_into_empty_keeps_everything() {
        let demo = crate::demo::inventory().unwrap();
        let mut into = Inventory::empty(demo.collected_at);
        into.schema_version = demo.schema_version.clone();
        into.generator = demo.generator.clone();
        absorb(&mut into, demo.clone());
        // Every collection moved: a collection missing from the registry would be left behind.
        let mut expected = demo;
        sort(&mut expected);
        sort(&mut into);
        assert_eq!(into, expected);
    }
}
