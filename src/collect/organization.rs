//! The organization's structure, read once with the calling identity (the management account
//! or a delegated administrator can read it; anyone else gets a recorded gap, and the IAM
//! analysis then ignores SCPs): its accounts, the tree of organizational units from the root
//! down, and every service control policy with the roots, units and accounts it is attached
//! to. The calls grow with the number of units and policies, not of accounts, so shard 0 of
//! a 10,000-account organization reads it as cheaply as a 10-account one.

use super::call::{At, Outcome};
use super::iam::decode_document;
use super::session::Session;
use crate::inventory::account::ServiceControlPolicy;
use crate::inventory::collections::op;
use crate::inventory::organization::{OrgAccount, OrgStructure, OrgUnit};
use aws_sdk_organizations::types::PolicyType;
use aws_sdk_organizations::Client;
use std::collections::{BTreeMap, HashMap};

/// Deeper than any organization can be (the root and five levels of units).
const MAX_DEPTH: usize = 8;

/// An account of the organization as `ListAccounts` returns it.
#[derive(Debug, Clone)]
pub struct Member {
    pub id: String,
    pub name: Option<String>,
}

/// The active accounts of the organization (`ListAccounts`), or `None` (and a gap) when they
/// cannot be listed.
pub async fn members(s: &Session, home_region: &str) -> Option<Vec<Member>> {
    let org = crate::client!(s, aws_sdk_organizations, home_region);
    let at = At::global(op::organizations::LIST_ACCOUNTS);
    let pages = s
        .paginate(at, || org.list_accounts().into_paginator().send())
        .await?;
    let mut members: Vec<Member> = pages
        .iter()
        .flat_map(|p| p.accounts())
        .filter(|a| a.status().map(|s| s.as_str() == "ACTIVE").unwrap_or(true))
        .filter_map(|a| {
            Some(Member {
                id: a.id()?.to_string(),
                name: a.name().map(str::to_string),
            })
        })
        .collect();
    members.sort_by(|a, b| a.id.cmp(&b.id));
    members.dedup_by(|a, b| a.id == b.id);
    Some(members)
}

/// The caller's organization: its id and management account, or `None` when the caller is in
/// none (or `DescribeOrganization` failed: a gap).
pub async fn describe(s: &Session, home_region: &str) -> Option<(String, Option<String>)> {
    let org = crate::client!(s, aws_sdk_organizations, home_region);
    let at = At::global(op::organizations::DESCRIBE_ORGANIZATION);
    let described = s
        .call_absent(at, &["AWSOrganizationsNotInUseException"], || {
            org.describe_organization().send()
        })
        .await;
    let Outcome::Found(described) = described else {
        return None;
    };
    let organization = described.organization()?;
    Some((
        organization.id().unwrap_or_default().to_string(),
        organization.master_account_id().map(str::to_string),
    ))
}

/// Reads the structure of the caller's organization for `members`, or `None` when the caller
/// is in none (or `DescribeOrganization` failed: a gap). Accounts the tree walk did not
/// reach, or whose policies could not all be read, have `null` units or SCPs.
pub async fn read(s: &Session, home_region: &str, members: &[Member]) -> Option<OrgStructure> {
    let (id, management_account_id) = describe(s, home_region).await?;
    let org = crate::client!(s, aws_sdk_organizations, home_region);
    // The policies only once the tree could be read: a member account that may not read the
    // organization gets one gap (ListRoots), not one per listing.
    let tree = walk(s, &org).await;
    let policies = match tree {
        Some(_) => policies(s, &org).await,
        None => None,
    };
    let mut accounts = Vec::with_capacity(members.len());
    for member in members {
        let place = tree.as_ref().and_then(|t| t.placed.get(&member.id));
        let units = place.map(|(_, units)| units.clone());
        let service_control_policies = match (place, &policies) {
            (Some((root, units)), Some(p)) => p.levels(root, units, &member.id),
            _ => None,
        };
        accounts.push(OrgAccount {
            id: member.id.clone(),
            name: member.name.clone(),
            units,
            service_control_policies,
        });
    }
    let mut structure = OrgStructure {
        id,
        management_account_id,
        accounts,
        policies: policies.map(|p| p.documents).unwrap_or_default(),
    };
    structure.sort();
    Some(structure)
}

/// Where each account sits: its root, and the units from under the root down to its own.
struct Tree {
    placed: HashMap<String, (String, Vec<OrgUnit>)>,
}

/// Walks the tree from each root, breadth first. A unit whose children cannot be listed
/// leaves the accounts under it unplaced (a gap says which call failed).
async fn walk(s: &Session, org: &Client) -> Option<Tree> {
    let at = At::global(op::organizations::LIST_ROOTS);
    let roots = s
        .paginate(at, || org.list_roots().into_paginator().send())
        .await?;
    let mut placed = HashMap::new();
    for root in roots.iter().flat_map(|p| p.roots()) {
        let Some(root_id) = root.id() else { continue };
        let mut level: Vec<(String, Vec<OrgUnit>)> = vec![(root_id.to_string(), Vec::new())];
        for _ in 0..MAX_DEPTH {
            if level.is_empty() {
                break;
            }
            let children =
                futures::future::join_all(level.iter().map(|(parent, path)| async move {
                    let at = At::global(op::organizations::LIST_ACCOUNTS_FOR_PARENT);
                    let accounts = s
                        .paginate(at, || {
                            org.list_accounts_for_parent()
                                .parent_id(parent)
                                .into_paginator()
                                .send()
                        })
                        .await;
                    let at = At::global(op::organizations::LIST_ORGANIZATIONAL_UNITS_FOR_PARENT);
                    let units = s
                        .paginate(at, || {
                            org.list_organizational_units_for_parent()
                                .parent_id(parent)
                                .into_paginator()
                                .send()
                        })
                        .await;
                    (path, accounts, units)
                }))
                .await;
            let mut next = Vec::new();
            for (path, accounts, units) in children {
                for account in accounts.iter().flatten().flat_map(|p| p.accounts()) {
                    if let Some(id) = account.id() {
                        placed.insert(id.to_string(), (root_id.to_string(), path.clone()));
                    }
                }
                for unit in units
                    .iter()
                    .flatten()
                    .flat_map(|p| p.organizational_units())
                {
                    let Some(unit_id) = unit.id() else { continue };
                    let mut below = path.clone();
                    below.push(OrgUnit {
                        id: unit_id.to_string(),
                        name: unit.name().unwrap_or(unit_id).to_string(),
                    });
                    next.push((unit_id.to_string(), below));
                }
            }
            level = next;
        }
    }
    Some(Tree { placed })
}

/// Every SCP, its document, and what it is attached to.
struct Policies {
    documents: Vec<ServiceControlPolicy>,
    /// Target (root, unit or account id) → the ids of the SCPs attached to it.
    attached: HashMap<String, Vec<String>>,
    /// Policies whose document could not be read: a level holding one is incomplete.
    unreadable: Vec<String>,
}

impl Policies {
    /// The ids of the SCPs at each level above `account` (root, units, the account), or `None`
    /// when one of them could not be read.
    fn levels(&self, root: &str, units: &[OrgUnit], account: &str) -> Option<Vec<Vec<String>>> {
        let targets = std::iter::once(root)
            .chain(units.iter().map(|u| u.id.as_str()))
            .chain(std::iter::once(account));
        let mut levels = Vec::new();
        for target in targets {
            let mut level = self.attached.get(target).cloned().unwrap_or_default();
            if level.iter().any(|id| self.unreadable.contains(id)) {
                return None;
            }
            level.sort();
            levels.push(level);
        }
        Some(levels)
    }
}

/// `ListPolicies`, then each policy's targets and document. Any listing that fails leaves
/// every account without SCPs (where a policy applies is then unknown).
async fn policies(s: &Session, org: &Client) -> Option<Policies> {
    let at = At::global(op::organizations::LIST_POLICIES);
    let pages = s
        .paginate(at, || {
            org.list_policies()
                .filter(PolicyType::ServiceControlPolicy)
                .into_paginator()
                .send()
        })
        .await?;
    let summaries: Vec<_> = pages.iter().flat_map(|p| p.policies()).collect();
    let read = futures::future::join_all(summaries.iter().map(|summary| async move {
        let id = summary.id()?;
        let at = At::global(op::organizations::LIST_TARGETS_FOR_POLICY);
        let targets = s
            .paginate(at, || {
                org.list_targets_for_policy()
                    .policy_id(id)
                    .into_paginator()
                    .send()
            })
            .await;
        let at = At::global(op::organizations::DESCRIBE_POLICY);
        let document = s
            .call(at, || org.describe_policy().policy_id(id).send())
            .await
            .and_then(|o| o.policy().and_then(|p| p.content().map(decode_document)));
        Some((*summary, targets, document))
    }))
    .await;
    let mut policies = Policies {
        documents: Vec::new(),
        attached: HashMap::new(),
        unreadable: Vec::new(),
    };
    let mut targets_of: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (summary, targets, document) in read.into_iter().flatten() {
        let id = summary.id().unwrap_or_default().to_string();
        let targets = targets?;
        targets_of.insert(
            id.clone(),
            targets
                .iter()
                .flat_map(|p| p.targets())
                .filter_map(|t| t.target_id().map(str::to_string))
                .collect(),
        );
        match document {
            Some(document) => policies.documents.push(ServiceControlPolicy {
                id: id.clone(),
                name: summary.name().unwrap_or(&id).to_string(),
                arn: summary.arn().map(str::to_string),
                document,
            }),
            None => policies.unreadable.push(id),
        }
    }
    for (policy, targets) in targets_of {
        for target in targets {
            policies
                .attached
                .entry(target)
                .or_default()
                .push(policy.clone());
        }
    }
    Some(policies)
}
