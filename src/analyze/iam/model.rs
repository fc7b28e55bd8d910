//! The principals of an inventory with every policy that governs them, compiled once: each
//! managed policy is parsed and expanded a single time however many principals use it. The
//! customer-managed and inline documents are kept too, for the checks that judge a document.

use super::document::{self, Document};
use super::eval::{Compiler, Policy, PolicySet};
use crate::inventory::iam::{AttachedPolicy, Group, InlinePolicy, ManagedPolicy, Role, User};
use crate::inventory::{Account, Gap, Inventory};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    User,
    Role,
}

#[derive(Debug)]
pub struct Principal {
    pub arn: String,
    pub kind: Kind,
    pub name: String,
    pub account_id: String,
    pub policies: PolicySet,
    /// ARNs of the groups a user belongs to.
    pub groups: Vec<String>,
    /// Customer-managed policies attached to it or its groups (what it could rewrite).
    pub managed_policies: Vec<String>,
    /// A role's trust policy (`None` when it could not be parsed).
    pub trust: Option<Document>,
    /// The role can be put on an EC2 instance (it has an instance profile).
    pub has_instance_profile: bool,
    /// An AWS service-linked role: only its service can use it.
    pub service_linked: bool,
    /// Attached policies whose documents are not in the data: the analysis of this principal
    /// is incomplete.
    pub missing_policies: Vec<String>,
}

/// A customer-managed or inline policy document, compiled or with the reason it could not be.
#[derive(Debug)]
pub struct DocumentRecord {
    /// The managed policy's ARN, or the ARN of the user, group or role an inline policy is in.
    pub resource: String,
    /// The inline policy's name; `None` for a managed policy.
    pub inline: Option<String>,
    pub policy: Result<Arc<Policy>, String>,
}

pub struct Model {
    pub principals: Vec<Principal>,
    /// Customer-managed policy documents, and the inline documents of users, groups and roles.
    pub documents: Vec<DocumentRecord>,
    /// Group ARNs by account, for AddUserToGroup.
    pub groups: BTreeMap<String, Vec<String>>,
    pub gaps: Vec<Gap>,
}

/// `role/name` or `user/name` from an ARN, for messages and paths.
pub fn short(arn: &str) -> &str {
    arn.split_once(":user/")
        .map(|(_, n)| &arn[arn.len() - n.len() - 5..])
        .or_else(|| {
            arn.split_once(":role/")
                .map(|(_, n)| &arn[arn.len() - n.len() - 5..])
        })
        .unwrap_or(arn)
}

/// What a user's, group's or role's own inline and attached policies give it.
#[derive(Clone, Default)]
struct Own {
    policies: Vec<Arc<Policy>>,
    /// Customer-managed policies attached (what it could rewrite).
    customer_managed: Vec<String>,
    /// Policies that could not be used: attached but absent, or unparsable.
    missing: Vec<String>,
}

struct Builder {
    compiler: Compiler,
    managed: HashMap<String, Arc<Policy>>,
    documents: Vec<DocumentRecord>,
}

/// Groups' own policies, found by the names users list them by.
struct Groups {
    /// By (account, name): users list their groups by name.
    by_name: HashMap<(String, String), (String, Own)>,
    /// Group ARNs by account, for AddUserToGroup.
    by_account: BTreeMap<String, Vec<String>>,
}

/// Service control policies by account, when the snapshot has them.
#[derive(Default)]
struct Scps {
    by_account: HashMap<String, Vec<Vec<Arc<Policy>>>>,
    /// (account, why) for each SCP that could not be parsed: that account's SCPs are left out.
    errors: Vec<(String, String)>,
}

impl Scps {
    /// The levels that must allow a principal's requests; none when they are unknown (more
    /// findings, never fewer).
    fn levels(&self, account: &str) -> Vec<Vec<Arc<Policy>>> {
        self.by_account.get(account).cloned().unwrap_or_default()
    }
}

impl Builder {
    /// Compiles every managed policy once, for all the principals that use it; returns the
    /// ones that could not be parsed, by ARN, so the gaps they cause can say why.
    fn managed_policies(&mut self, policies: &[ManagedPolicy]) -> HashMap<String, String> {
        // A broken managed policy is recorded and attached nowhere: the principals using it
        // are then incomplete.
        let mut broken = HashMap::new();
        for p in policies {
            match self.compiler.compile(p.arn.clone(), &p.document) {
                Ok(policy) => {
                    let policy = Arc::new(policy);
                    self.managed.insert(p.arn.clone(), policy.clone());
                    if !p.aws_managed {
                        self.documents.push(DocumentRecord {
                            resource: p.arn.clone(),
                            inline: None,
                            policy: Ok(policy),
                        });
                    }
                }
                Err(e) => {
                    broken.insert(p.arn.clone(), e.0.clone());
                    self.documents.push(DocumentRecord {
                        resource: p.arn.clone(),
                        inline: None,
                        policy: Err(e.0),
                    });
                }
            }
        }
        broken
    }

    /// Compiles each group's policies once, since every member shares them.
    fn groups(&mut self, groups: &[Group]) -> Groups {
        let mut out = Groups {
            by_name: HashMap::new(),
            by_account: BTreeMap::new(),
        };
        for g in groups {
            let own = self.own(
                &format!("group/{}", g.name),
                &g.arn,
                &g.inline_policies,
                &g.attached_policies,
            );
            out.by_account
                .entry(g.account_id.clone())
                .or_default()
                .push(g.arn.clone());
            out.by_name
                .insert((g.account_id.clone(), g.name.clone()), (g.arn.clone(), own));
        }
        out
    }

    /// Compiles each account's SCPs by level; an account with an unreadable SCP gets none,
    /// since that SCP could deny anything and leaving it out can only over-report.
    fn service_control_policies(&mut self, accounts: &[Account]) -> Scps {
        let mut scps = Scps::default();
        for account in accounts {
            let Some(levels) = account
                .organization
                .as_ref()
                .and_then(|o| o.service_control_policies.as_ref())
            else {
                continue;
            };
            let mut compiled = Vec::new();
            for level in levels {
                let mut policies = Vec::new();
                for scp in level {
                    let label = format!("SCP {} ({})", scp.name, scp.id);
                    match self.compiler.compile(label.clone(), &scp.document) {
                        Ok(p) => policies.push(Arc::new(p)),
                        Err(e) => scps.errors.push((
                            account.id.clone(),
                            format!("{label} could not be parsed ({e})"),
                        )),
                    }
                }
                compiled.push(policies);
            }
            if !scps.errors.iter().any(|(a, _)| a == &account.id) {
                scps.by_account.insert(account.id.clone(), compiled);
            }
        }
        scps
    }

    /// The inline and attached policies of one principal or group (`owner` names it in
    /// messages, `owner_arn` keys its inline documents), compiled (managed ones shared); what
    /// cannot be used is listed in `missing` (the analysis is then incomplete).
    fn own(
        &mut self,
        owner: &str,
        owner_arn: &str,
        inline: &[InlinePolicy],
        attached: &[AttachedPolicy],
    ) -> Own {
        let mut own = Own::default();
        for p in inline {
            let label = format!("{owner} inline policy {:?}", p.name);
            let policy = match self.compiler.compile(label.clone(), &p.document) {
                Ok(policy) => {
                    let policy = Arc::new(policy);
                    own.policies.push(policy.clone());
                    Ok(policy)
                }
                Err(e) => {
                    own.missing
                        .push(format!("{label} could not be parsed ({e})"));
                    Err(e.0)
                }
            };
            // The document checks judge an inline document like a customer-managed one.
            self.documents.push(DocumentRecord {
                resource: owner_arn.to_string(),
                inline: Some(p.name.clone()),
                policy,
            });
        }
        for a in attached {
            match self.managed.get(&a.arn) {
                Some(p) => own.policies.push(p.clone()),
                None => own.missing.push(a.arn.clone()),
            }
            if !a.arn.contains(":iam::aws:policy/") {
                own.customer_managed.push(a.arn.clone());
            }
        }
        own
    }

    /// A permissions boundary must be in the data to restrict anything: one that is not is a
    /// missing policy, and the principal is analysed without it.
    fn boundary(&self, arn: &Option<String>, missing: &mut Vec<String>) -> Option<Arc<Policy>> {
        arn.as_ref().and_then(|a| {
            let found = self.managed.get(a).cloned();
            if found.is_none() {
                missing.push(a.clone());
            }
            found
        })
    }

    /// A user governed by its own policies and those of every group it is in.
    fn user(&mut self, u: &User, groups: &Groups, scps: &Scps) -> Principal {
        let mut own = self.own(
            &format!("user/{}", u.name),
            &u.arn,
            &u.inline_policies,
            &u.attached_policies,
        );
        let mut group_arns = Vec::new();
        for g in &u.groups {
            match groups.by_name.get(&(u.account_id.clone(), g.clone())) {
                Some((arn, group)) => {
                    group_arns.push(arn.clone());
                    own.policies.extend(group.policies.iter().cloned());
                    own.customer_managed
                        .extend(group.customer_managed.iter().cloned());
                    own.missing.extend(group.missing.iter().cloned());
                }
                None => own.missing.push(format!("group {g} is not in the data")),
            }
        }
        let Own {
            policies: identity,
            customer_managed: managed,
            mut missing,
        } = own;
        let boundary = self.boundary(&u.permissions_boundary, &mut missing);
        Principal {
            arn: u.arn.clone(),
            kind: Kind::User,
            name: u.name.clone(),
            account_id: u.account_id.clone(),
            policies: PolicySet {
                identity,
                boundary,
                scp_levels: scps.levels(&u.account_id),
            },
            groups: group_arns,
            managed_policies: dedup(managed),
            trust: None,
            has_instance_profile: false,
            service_linked: false,
            missing_policies: dedup(missing),
        }
    }

    /// A role governed by its own policies, with the trust policy that says who may become it.
    fn role(&mut self, r: &Role, scps: &Scps) -> Principal {
        let Own {
            policies: identity,
            customer_managed: managed,
            mut missing,
        } = self.own(
            &format!("role/{}", r.name),
            &r.arn,
            &r.inline_policies,
            &r.attached_policies,
        );
        let boundary = self.boundary(&r.permissions_boundary, &mut missing);
        Principal {
            arn: r.arn.clone(),
            kind: Kind::Role,
            name: r.name.clone(),
            account_id: r.account_id.clone(),
            policies: PolicySet {
                identity,
                boundary,
                // SCPs do not restrict service-linked roles.
                scp_levels: if r.service_linked {
                    Vec::new()
                } else {
                    scps.levels(&r.account_id)
                },
            },
            groups: Vec::new(),
            managed_policies: managed,
            trust: document::parse(&r.trust_policy).ok(),
            has_instance_profile: !r.instance_profiles.is_empty(),
            service_linked: r.service_linked,
            missing_policies: dedup(missing),
        }
    }
}

pub fn build(inv: &Inventory) -> Model {
    let mut b = Builder {
        compiler: Compiler::default(),
        managed: HashMap::new(),
        documents: Vec::new(),
    };
    let broken_managed = b.managed_policies(&inv.iam.policies);
    let groups = b.groups(&inv.iam.groups);
    let scps = b.service_control_policies(&inv.accounts);
    let mut principals = Vec::with_capacity(inv.iam.users.len() + inv.iam.roles.len());
    for u in &inv.iam.users {
        principals.push(b.user(u, &groups, &scps));
    }
    for r in &inv.iam.roles {
        principals.push(b.role(r, &scps));
    }
    let mut gaps = missing_policy_gaps(&principals, &broken_managed);
    gaps.extend(scp_gaps(scps.errors));
    Model {
        principals,
        documents: b.documents,
        groups: groups.by_account,
        gaps,
    }
}

/// One gap per policy a principal uses but the analysis could not read: its findings are
/// then `not-evaluated`, never a pass.
fn missing_policy_gaps(
    principals: &[Principal],
    broken_managed: &HashMap<String, String>,
) -> Vec<Gap> {
    let mut gaps = Vec::new();
    for p in principals {
        for m in &p.missing_policies {
            let why = match broken_managed.get(m) {
                Some(e) => format!("attached policy {m} could not be parsed ({e})"),
                None if !m.starts_with("arn:") => m.clone(),
                None => format!("attached policy {m} is not in the data"),
            };
            gaps.push(Gap {
                service: "iam".into(),
                region: "global".into(),
                operation: "GetAccountAuthorizationDetails".into(),
                error: "PolicyDocumentMissing".into(),
                account_id: Some(p.account_id.clone()),
                resource: Some(p.arn.clone()),
                message: Some(why),
            });
        }
    }
    gaps
}

/// One gap per unreadable SCP, so a report says why that account's SCPs were ignored.
fn scp_gaps(errors: Vec<(String, String)>) -> impl Iterator<Item = Gap> {
    errors.into_iter().map(|(account, why)| Gap {
        service: "organizations".into(),
        region: "global".into(),
        operation: "DescribePolicy".into(),
        error: "PolicyDocumentUnreadable".into(),
        account_id: Some(account),
        resource: None,
        message: Some(format!(
            "{why}; the IAM analysis ignores this account's SCPs"
        )),
    })
}

fn dedup(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v.dedup();
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names() {
        assert_eq!(short("arn:aws:iam::1:user/a"), "user/a");
        assert_eq!(short("arn:aws:iam::1:role/path/b"), "role/path/b");
        assert_eq!(short("something"), "something");
    }
}
