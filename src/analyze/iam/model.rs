//! The principals of an inventory with every policy that governs them, compiled once: each
//! managed policy is parsed and expanded a single time however many principals use it.

use super::document::{self, Document};
use super::eval::{Compiler, Policy, PolicySet};
use crate::inventory::iam::{AttachedPolicy, InlinePolicy};
use crate::inventory::{Gap, Inventory};
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

/// A customer-managed policy document, compiled or with the reason it could not be.
#[derive(Debug)]
pub struct DocumentRecord {
    /// The policy's ARN.
    pub resource: String,
    pub policy: Result<Arc<Policy>, String>,
}

pub struct Model {
    pub principals: Vec<Principal>,
    /// Customer-managed policy documents.
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

impl Builder {
    /// The inline and attached policies of one principal or group, compiled (managed ones
    /// shared); what cannot be used is listed in `missing` (the analysis is then incomplete).
    fn own(&mut self, owner: &str, inline: &[InlinePolicy], attached: &[AttachedPolicy]) -> Own {
        let mut own = Own::default();
        for p in inline {
            let label = format!("{owner} inline policy {:?}", p.name);
            match self.compiler.compile(label.clone(), &p.document) {
                Ok(policy) => own.policies.push(Arc::new(policy)),
                Err(e) => own
                    .missing
                    .push(format!("{label} could not be parsed ({e})")),
            }
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
}

pub fn build(inv: &Inventory) -> Model {
    let mut b = Builder {
        compiler: Compiler::default(),
        managed: HashMap::new(),
        documents: Vec::new(),
    };
    // Managed policies that could not be parsed are recorded, and attached nowhere (the
    // principals using them are then incomplete).
    let mut broken_managed = HashMap::new();
    for p in &inv.iam.policies {
        match b.compiler.compile(p.arn.clone(), &p.document) {
            Ok(policy) => {
                let policy = Arc::new(policy);
                b.managed.insert(p.arn.clone(), policy.clone());
                if !p.aws_managed {
                    b.documents.push(DocumentRecord {
                        resource: p.arn.clone(),
                        policy: Ok(policy),
                    });
                }
            }
            Err(e) => {
                broken_managed.insert(p.arn.clone(), e.0.clone());
                b.documents.push(DocumentRecord {
                    resource: p.arn.clone(),
                    policy: Err(e.0),
                });
            }
        }
    }
    let mut scp_errors: Vec<(String, String)> = Vec::new();
    // Groups: their policies, by ARN and by (account, name) since users list group names.
    // Groups' policies, by (account, name): users list their groups by name.
    let mut group_policies: HashMap<(String, String), (String, Own)> = HashMap::new();
    let mut groups: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for g in &inv.iam.groups {
        let own = b.own(
            &format!("group/{}", g.name),
            &g.inline_policies,
            &g.attached_policies,
        );
        groups
            .entry(g.account_id.clone())
            .or_default()
            .push(g.arn.clone());
        group_policies.insert((g.account_id.clone(), g.name.clone()), (g.arn.clone(), own));
    }
    // Service control policies by account, when the snapshot has them.
    let mut scps: HashMap<String, Vec<Vec<Arc<Policy>>>> = HashMap::new();
    for account in &inv.accounts {
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
                match b.compiler.compile(label.clone(), &scp.document) {
                    Ok(p) => policies.push(Arc::new(p)),
                    // An SCP that cannot be read could deny anything: leave SCPs out for
                    // this account (more findings, never fewer) and say so.
                    Err(e) => {
                        scp_errors.push((
                            account.id.clone(),
                            format!("{label} could not be parsed ({e})"),
                        ));
                    }
                }
            }
            compiled.push(policies);
        }
        if !scp_errors.iter().any(|(a, _)| a == &account.id) {
            scps.insert(account.id.clone(), compiled);
        }
    }
    let scp_levels = |account: &str| scps.get(account).cloned().unwrap_or_default();
    let boundary = |b: &Builder, arn: &Option<String>, missing: &mut Vec<String>| {
        arn.as_ref().and_then(|a| {
            let found = b.managed.get(a).cloned();
            if found.is_none() {
                missing.push(a.clone());
            }
            found
        })
    };
    let mut principals = Vec::new();
    for u in &inv.iam.users {
        let mut own = b.own(
            &format!("user/{}", u.name),
            &u.inline_policies,
            &u.attached_policies,
        );
        let mut group_arns = Vec::new();
        for g in &u.groups {
            match group_policies.get(&(u.account_id.clone(), g.clone())) {
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
        let boundary = boundary(&b, &u.permissions_boundary, &mut missing);
        principals.push(Principal {
            arn: u.arn.clone(),
            kind: Kind::User,
            name: u.name.clone(),
            account_id: u.account_id.clone(),
            policies: PolicySet {
                identity,
                boundary,
                scp_levels: scp_levels(&u.account_id),
            },
            groups: group_arns,
            managed_policies: dedup(managed),
            trust: None,
            has_instance_profile: false,
            service_linked: false,
            missing_policies: dedup(missing),
        });
    }
    for r in &inv.iam.roles {
        let Own {
            policies: identity,
            customer_managed: managed,
            mut missing,
        } = b.own(
            &format!("role/{}", r.name),
            &r.inline_policies,
            &r.attached_policies,
        );
        let boundary = boundary(&b, &r.permissions_boundary, &mut missing);
        principals.push(Principal {
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
                    scp_levels(&r.account_id)
                },
            },
            groups: Vec::new(),
            managed_policies: managed,
            trust: document::parse(&r.trust_policy).ok(),
            has_instance_profile: !r.instance_profiles.is_empty(),
            service_linked: r.service_linked,
            missing_policies: dedup(missing),
        });
    }
    let mut gaps = Vec::new();
    for p in &principals {
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
    for (account, why) in scp_errors {
        gaps.push(Gap {
            service: "organizations".into(),
            region: "global".into(),
            operation: "DescribePolicy".into(),
            error: "PolicyDocumentUnreadable".into(),
            account_id: Some(account),
            resource: None,
            message: Some(format!(
                "{why}; the IAM analysis ignores this account's SCPs"
            )),
        });
    }
    Model {
        principals,
        documents: b.documents,
        groups,
        gaps,
    }
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
