//! What one principal can do by itself: admin equivalence, self-escalation, unconstrained
//! data-reading and permissions-management actions, and what denies, boundaries or SCPs
//! neutralised.

use super::catalog::{ActionSet, Catalog, Level};
use super::condition::{Context, Tri};
use super::eval::{Access, Resource};
use super::methods::{SelfTarget, EXFILTRATION, SELF_METHODS};
use super::model::{Kind, Model, Principal};
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Admin {
    pub conditional: bool,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Escalation {
    pub method: String,
    pub action: String,
    /// The resource it would act on (its own ARN, its group, its policy).
    pub target: String,
    pub conditional: bool,
    /// The identity policy statement that allows it.
    pub via: String,
    pub how: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Neutralised {
    pub method: String,
    pub by: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Allowed {
    pub action: String,
    pub conditional: bool,
    pub via: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct Counted {
    pub unconditional: usize,
    pub conditional: usize,
    /// A few of the actions, for messages.
    pub sample: Vec<String>,
}

/// The request context Palisade knows for this principal's own calls.
pub fn context(p: &Principal) -> Context {
    let mut ctx = Context::unknown();
    ctx.set("aws:PrincipalArn", vec![p.arn.clone()]);
    ctx.set("aws:PrincipalAccount", vec![p.account_id.clone()]);
    if p.kind == Kind::User {
        ctx.set("aws:username", vec![p.name.clone()]);
        ctx.set("aws:PrincipalType", vec!["User".into()]);
    }
    ctx
}

pub struct Own {
    pub admin: Option<Admin>,
    pub escalations: Vec<Escalation>,
    pub neutralised: Vec<Neutralised>,
    pub exfiltration: Vec<Allowed>,
    pub permissions_management: Counted,
}

pub fn analyze(p: &Principal, model: &Model, catalog: &Catalog) -> Own {
    let ctx = context(p);
    let (yes, maybe) = p.policies.effective_on_any(&ctx, catalog);
    // What its allow statements alone grant on "*": the measure of what was neutralised.
    let alone = p.policies.identity_on_any(catalog);
    let mut neutralised = Vec::new();
    let admin = admin(p, [&yes, &maybe, &alone], catalog, &ctx, &mut neutralised);
    let escalations = self_escalations(p, model, catalog, &ctx, &mut neutralised);
    if admin.is_some() {
        // Nothing is neutralised for a principal that can do everything anyway.
        neutralised.clear();
    }
    let exfiltration = EXFILTRATION
        .iter()
        .filter_map(|a| {
            let d = p.policies.decide(catalog.id(a)?, Resource::Any, &ctx);
            (d.access > Access::Denied).then(|| Allowed {
                action: a.to_string(),
                conditional: d.access == Access::Conditional,
                via: d.allowed_by.unwrap_or_default(),
            })
        })
        .collect();
    // Permissions-management actions its allow statements grant on "*" but the effective
    // evaluation takes away: say what took them.
    if admin.is_none() {
        let taken = alone
            .iter()
            .filter(|id| {
                catalog.action(*id).level == Level::PermissionsManagement && !maybe.contains(*id)
            })
            .find_map(|id| p.policies.decide(id, Resource::Any, &ctx).blocked_by);
        if let Some(by) = taken {
            neutralised.push(Neutralised {
                method: "permissions management".into(),
                by,
            });
        }
    }
    let mut pm = Counted::default();
    for id in maybe.iter() {
        let action = catalog.action(id);
        if action.level != Level::PermissionsManagement {
            continue;
        }
        if yes.contains(id) {
            pm.unconditional += 1;
        } else {
            pm.conditional += 1;
        }
        if pm.sample.len() < 5 {
            pm.sample.push(action.full_name());
        }
    }
    Own {
        admin,
        escalations,
        neutralised,
        exfiltration,
        permissions_management: pm,
    }
}

/// Admin-equivalent: every action on every resource, or every IAM write (it can grant itself
/// the rest).
fn admin(
    p: &Principal,
    [yes, maybe, alone]: [&ActionSet; 3],
    catalog: &Catalog,
    ctx: &Context,
    neutralised: &mut Vec<Neutralised>,
) -> Option<Admin> {
    let judge = |set: &ActionSet| -> Option<&'static str> {
        if set.is_full() {
            Some("every action on every resource")
        } else if set.contains_all(iam_writes().iter().copied()) {
            Some("every IAM write and permissions-management action on every resource, so it can grant itself anything")
        } else {
            None
        }
    };
    let via = |action: &str| {
        catalog
            .id(action)
            .and_then(|id| p.policies.decide(id, Resource::Any, ctx).allowed_by)
            .unwrap_or_default()
    };
    if let Some(what) = judge(yes) {
        return Some(Admin {
            conditional: false,
            reason: format!("allows {what} ({})", via("iam:PutRolePolicy")),
        });
    }
    if let Some(what) = judge(maybe) {
        return Some(Admin {
            conditional: true,
            reason: format!(
                "allows {what} when its conditions hold ({})",
                via("iam:PutRolePolicy")
            ),
        });
    }
    // Would its identity policies alone make it admin? Then say what stopped it.
    if judge(alone).is_some() {
        let blocked = alone
            .iter()
            .filter(|id| !maybe.contains(*id))
            .find_map(|id| p.policies.decide(id, Resource::Any, ctx).blocked_by)
            .unwrap_or_else(|| "conditions on its allow statements".into());
        neutralised.push(Neutralised {
            method: "admin".into(),
            by: blocked,
        });
    }
    None
}

/// Every IAM write and permissions-management action of the catalog, listed once.
fn iam_writes() -> &'static [u32] {
    static WRITES: std::sync::OnceLock<Vec<u32>> = std::sync::OnceLock::new();
    WRITES.get_or_init(|| {
        let catalog = Catalog::get();
        catalog
            .service("iam")
            .filter(|id| {
                matches!(
                    catalog.action(*id).level,
                    Level::Write | Level::PermissionsManagement
                )
            })
            .collect()
    })
}

fn targets(p: &Principal, model: &Model, target: SelfTarget) -> Vec<String> {
    match target {
        SelfTarget::Itself => vec![p.arn.clone()],
        SelfTarget::OwnGroup => p.groups.clone(),
        SelfTarget::OwnPolicy => p.managed_policies.clone(),
        SelfTarget::AnyGroup => model.groups.get(&p.account_id).cloned().unwrap_or_default(),
    }
}

fn self_escalations(
    p: &Principal,
    model: &Model,
    catalog: &Catalog,
    ctx: &Context,
    neutralised: &mut Vec<Neutralised>,
) -> Vec<Escalation> {
    let may = p.policies.may(catalog);
    let mut out = Vec::new();
    for m in SELF_METHODS {
        let applies = match p.kind {
            Kind::User => m.users,
            Kind::Role => m.roles,
        };
        let Some(id) = catalog.id(m.action) else {
            continue;
        };
        if !applies || !may.contains(id) {
            continue;
        }
        let mut best: Option<Escalation> = None;
        let mut blocked = None;
        let candidates = targets(p, model, m.target);
        for t in &candidates {
            let d = p.policies.decide(id, Resource::Arn(t), ctx);
            if d.access == Access::Denied {
                if blocked.is_none() && p.policies.identity_allows(id, Resource::Arn(t)).0 > Tri::No
                {
                    blocked = d.blocked_by.clone();
                }
                continue;
            }
            let conditional = d.access == Access::Conditional;
            if best.as_ref().is_none_or(|b| b.conditional && !conditional) {
                best = Some(Escalation {
                    method: m.name.into(),
                    action: m.action.into(),
                    target: t.clone(),
                    conditional,
                    via: d.allowed_by.unwrap_or_default(),
                    how: m.how.into(),
                });
            }
        }
        match best {
            Some(e) => out.push(e),
            None => {
                let by = match (blocked, candidates.is_empty()) {
                    (Some(b), _) => b,
                    (None, true) => format!("no target: {}", no_target(m.target)),
                    (None, false) => {
                        "its allow statements do not cover the resources it would need".into()
                    }
                };
                if p.policies.identity_allows(id, Resource::Any).0 > Tri::No
                    || candidates
                        .iter()
                        .any(|t| p.policies.identity_allows(id, Resource::Arn(t)).0 > Tri::No)
                {
                    neutralised.push(Neutralised {
                        method: m.name.into(),
                        by,
                    });
                }
            }
        }
    }
    out
}

fn no_target(t: SelfTarget) -> &'static str {
    match t {
        SelfTarget::Itself => "none",
        SelfTarget::OwnGroup => "it belongs to no group",
        SelfTarget::OwnPolicy => "no customer-managed policy is attached to it or its groups",
        SelfTarget::AnyGroup => "the account has no group",
    }
}
