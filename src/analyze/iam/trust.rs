//! Role trust: whether a role's trust policy lets a principal or an AWS service assume it, and
//! whom it names (read once per role), for the "can become" graph.

use super::condition::{self, Context, Tri};
use super::document::{Document, Effect, Match, Principal as P};
use super::model::Principal;
use crate::util::glob::glob;

/// Who asks to assume a role: a principal of the data, or an AWS service.
pub(super) enum Caller<'a> {
    Principal(&'a Principal),
    Service(&'a str, &'a str),
}

/// Does the trust policy let the caller assume the role? Also says whether it names the
/// caller's own ARN (then, in the same account, no identity permission is needed).
pub(super) fn trusts(trust: &Document, caller: &Caller) -> (Tri, bool) {
    // What the trust policy's conditions may know: the caller's ARN and account, or for a
    // service the account it acts for. Built only for statements that have conditions.
    let ctx = std::cell::OnceCell::new();
    let context = || {
        ctx.get_or_init(|| {
            let mut c = Context::unknown();
            match caller {
                Caller::Principal(p) => {
                    c.set("aws:PrincipalArn", vec![p.arn.clone()]);
                    c.set("aws:PrincipalAccount", vec![p.account_id.clone()]);
                }
                Caller::Service(_, account) => {
                    c.set("aws:SourceAccount", vec![account.to_string()])
                }
            }
            c
        })
    };
    let principal_matches = |pr: &P| -> (bool, bool) {
        match (pr, caller) {
            (P::Anyone, _) => (true, false),
            (P::Aws(id), Caller::Principal(p)) => {
                if id == &p.arn {
                    (true, true)
                } else {
                    let root = id
                        .strip_suffix(":root")
                        .is_some_and(|r| r.ends_with(&format!(":iam::{}", p.account_id)));
                    (root || id == &p.account_id, false)
                }
            }
            (P::Service(s), Caller::Service(name, _)) => (s.eq_ignore_ascii_case(name), false),
            _ => (false, false),
        }
    };
    let assume = |actions: &Match<String>| match actions {
        Match::Only(list) => list.iter().any(|a| glob(a, "sts:AssumeRole", true)),
        Match::AllBut(list) => !list.iter().any(|a| glob(a, "sts:AssumeRole", true)),
        Match::Absent => false,
    };
    let (mut allow, mut deny, mut explicit) = (Tri::No, Tri::No, false);
    for s in &trust.statements {
        if !assume(&s.actions) {
            continue;
        }
        let (hit, exact) = match &s.principals {
            Match::Only(list) => list
                .iter()
                .map(principal_matches)
                .fold((false, false), |a, b| (a.0 || b.0, a.1 || b.1)),
            Match::AllBut(list) => (!list.iter().any(|p| principal_matches(p).0), false),
            Match::Absent => (false, false),
        };
        if !hit {
            continue;
        }
        let t = if s.conditions.is_empty() {
            Tri::Yes
        } else {
            condition::all(&s.conditions, context())
        };
        match s.effect {
            Effect::Allow => {
                if t > Tri::No && exact {
                    explicit = true;
                }
                allow = allow.or(t);
            }
            Effect::Deny => deny = deny.or(t),
        }
    }
    (allow.and(deny.negate()), explicit)
}

/// Whom a role's trust policy names, read once per role.
#[derive(Default)]
pub(super) struct Trusted {
    pub arns: Vec<String>,
    pub accounts: Vec<String>,
    pub anyone: bool,
    pub services: Vec<String>,
}

pub(super) fn trusted(p: &Principal) -> Trusted {
    let mut t = Trusted::default();
    let Some(trust) = &p.trust else { return t };
    if p.service_linked {
        return t;
    }
    for s in trust
        .statements
        .iter()
        .filter(|s| s.effect == Effect::Allow)
    {
        let Match::Only(list) = &s.principals else {
            // NotPrincipal with Allow trusts nearly everyone.
            t.anyone = true;
            continue;
        };
        for pr in list {
            match pr {
                P::Anyone => t.anyone = true,
                P::Aws(id) => match id.strip_suffix(":root") {
                    Some(root) => t
                        .accounts
                        .push(root.rsplit(':').next().unwrap_or_default().to_string()),
                    None if id.chars().all(|c| c.is_ascii_digit()) => t.accounts.push(id.clone()),
                    None => t.arns.push(id.clone()),
                },
                P::Service(svc) => t.services.push(svc.to_ascii_lowercase()),
                _ => {}
            }
        }
    }
    t
}
