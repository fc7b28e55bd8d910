//! The "can become" graph: an edge from A to B when A can act as B (assume it, pass it to a
//! compute service and run code as it, take over code already running as it, mint its
//! credentials). A principal that reaches an admin-equivalent or self-escalating principal
//! through it has an escalation path, found by one breadth-first search from all of those.

use super::catalog::Catalog;
use super::condition::{self, glob, Context, Tri};
use super::document::{Document, Effect, Match, Principal as P};
use super::eval::{Access, Resource};
use super::methods::{EdgeMethod, EdgeTarget, EDGE_METHODS};
use super::model::{short, Kind, Model, Principal};
use super::principal::context;
use serde::Serialize;
use std::collections::{HashMap, VecDeque};

#[derive(Debug, Clone)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    pub method: &'static EdgeMethod,
    pub conditional: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Path {
    /// The admin-equivalent or self-escalating principal it reaches.
    pub target: String,
    /// `admin` or `escalation`.
    pub reaches: &'static str,
    /// `user/a → role/b (sts:AssumeRole) → iam:AttachRolePolicy`
    pub text: String,
    pub hops: usize,
    pub conditional: bool,
}

/// Who asks to assume a role: a principal of the data, or an AWS service.
enum Caller<'a> {
    Principal(&'a Principal),
    Service(&'a str, &'a str),
}

/// Does the trust policy let the caller assume the role? Also says whether it names the
/// caller's own ARN (then, in the same account, no identity permission is needed).
fn trusts(trust: &Document, caller: &Caller) -> (Tri, bool) {
    let mut ctx = Context::unknown();
    match caller {
        Caller::Principal(p) => {
            ctx.set("aws:PrincipalArn", vec![p.arn.clone()]);
            ctx.set("aws:PrincipalAccount", vec![p.account_id.clone()]);
        }
        Caller::Service(_, account) => ctx.set("aws:SourceAccount", vec![account.to_string()]),
    }
    let principal_matches = |pr: &P| -> (bool, bool) {
        match (pr, caller) {
            (P::Anyone, _) => (true, false),
            (P::Aws(id), Caller::Principal(p)) => {
                if id == &p.arn {
                    (true, true)
                } else {
                    let root = id.ends_with(&format!(":iam::{}:root", p.account_id));
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
        let t = condition::all(&s.conditions, &ctx);
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
    (allow.and(deny.not()), explicit)
}

/// Roles indexed by whom their trust policies name, so candidates are found without trying
/// every role for every caller.
#[derive(Default)]
struct TrustIndex {
    by_arn: HashMap<String, Vec<usize>>,
    by_account: HashMap<String, Vec<usize>>,
    by_service: HashMap<String, Vec<usize>>,
    anyone: Vec<usize>,
}

impl TrustIndex {
    fn build(principals: &[Principal]) -> TrustIndex {
        let mut ix = TrustIndex::default();
        for (i, r) in principals.iter().enumerate() {
            let Some(trust) = &r.trust else { continue };
            if r.service_linked {
                continue;
            }
            let add = |v: &mut Vec<usize>| {
                if v.last() != Some(&i) {
                    v.push(i)
                }
            };
            for s in trust
                .statements
                .iter()
                .filter(|s| s.effect == Effect::Allow)
            {
                let Match::Only(list) = &s.principals else {
                    // NotPrincipal with Allow trusts nearly everyone.
                    add(&mut ix.anyone);
                    continue;
                };
                for p in list {
                    match p {
                        P::Anyone => add(&mut ix.anyone),
                        P::Aws(id) => match id.strip_suffix(":root") {
                            Some(root) => {
                                let account = root.rsplit(':').next().unwrap_or_default();
                                add(ix.by_account.entry(account.to_string()).or_default())
                            }
                            None if id.chars().all(|c| c.is_ascii_digit()) => {
                                add(ix.by_account.entry(id.clone()).or_default())
                            }
                            None => add(ix.by_arn.entry(id.clone()).or_default()),
                        },
                        P::Service(s) => {
                            add(ix.by_service.entry(s.to_ascii_lowercase()).or_default())
                        }
                        _ => {}
                    }
                }
            }
        }
        ix
    }

    fn trusting(&self, p: &Principal) -> Vec<usize> {
        let mut v: Vec<usize> = self
            .by_arn
            .get(&p.arn)
            .into_iter()
            .chain(self.by_account.get(&p.account_id))
            .flatten()
            .chain(&self.anyone)
            .copied()
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }
}

/// Every edge out of every principal.
pub fn edges(model: &Model, catalog: &Catalog) -> Vec<Edge> {
    let ps = &model.principals;
    let index = TrustIndex::build(ps);
    let mut users_by_account: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut roles_by_account: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, p) in ps.iter().enumerate() {
        match p.kind {
            Kind::User => users_by_account.entry(&p.account_id).or_default().push(i),
            Kind::Role if !p.service_linked => {
                roles_by_account.entry(&p.account_id).or_default().push(i)
            }
            Kind::Role => {}
        }
    }
    let ids = |list: &[&str]| -> Option<Vec<u32>> { list.iter().map(|a| catalog.id(a)).collect() };
    let mut out = Vec::new();
    for (from, p) in ps.iter().enumerate() {
        if p.service_linked {
            continue;
        }
        let may = p.policies.may(catalog);
        let ctx = context(p);
        for m in EDGE_METHODS {
            let (Some(on_target), Some(on_any)) = (ids(m.on_target), ids(m.on_any)) else {
                continue;
            };
            // The cheap filter: every action must at least be named by some allow. A trust
            // policy naming the caller's ARN is the exception: it needs no identity allow.
            let may_all = on_target.iter().chain(&on_any).all(|id| may.contains(*id));
            if !may_all && m.target != EdgeTarget::TrustedRole {
                continue;
            }
            // Actions on new resources: one decision for all targets.
            let mut base = Tri::Yes;
            for id in &on_any {
                base = base.and(tri(p.policies.decide(*id, Resource::Any, &ctx).access));
            }
            if base == Tri::No {
                continue;
            }
            let listed = |v: Option<&Vec<usize>>| v.cloned().unwrap_or_default();
            let candidates = match m.target {
                EdgeTarget::TrustedRole if may_all => index.trusting(p),
                EdgeTarget::TrustedRole => listed(index.by_arn.get(&p.arn)),
                EdgeTarget::AnyRole => listed(roles_by_account.get(p.account_id.as_str())),
                EdgeTarget::OtherUser => listed(users_by_account.get(p.account_id.as_str())),
                EdgeTarget::PassedTo(svc) | EdgeTarget::RunningAs(svc) => index
                    .by_service
                    .get(svc)
                    .into_iter()
                    .flatten()
                    .copied()
                    .filter(|i| ps[*i].account_id == p.account_id)
                    .collect(),
            };
            for to in candidates {
                if to == from {
                    continue;
                }
                let t = &ps[to];
                if m.needs_instance_profile && !t.has_instance_profile {
                    continue;
                }
                let mut result = base;
                let trust = match m.target {
                    EdgeTarget::TrustedRole => {
                        t.trust.as_ref().map(|d| trusts(d, &Caller::Principal(p)))
                    }
                    EdgeTarget::PassedTo(svc) | EdgeTarget::RunningAs(svc) => t
                        .trust
                        .as_ref()
                        .map(|d| trusts(d, &Caller::Service(svc, &p.account_id))),
                    EdgeTarget::AnyRole | EdgeTarget::OtherUser => Some((Tri::Yes, false)),
                };
                let Some((trusted, names_caller)) = trust else {
                    continue;
                };
                result = result.and(trusted);
                if result == Tri::No {
                    continue;
                }
                for id in &on_target {
                    let d = p.policies.decide(*id, Resource::Arn(&t.arn), &ctx);
                    let mut access = tri(d.access);
                    // A trust policy naming the caller's ARN in its own account grants the
                    // assumption by itself, unless something explicitly denies it.
                    if access == Tri::No
                        && names_caller
                        && t.account_id == p.account_id
                        && d.blocked_by.is_none()
                        && catalog.id("sts:AssumeRole") == Some(*id)
                    {
                        access = Tri::Yes;
                    }
                    result = result.and(access);
                }
                if matches!(m.target, EdgeTarget::RunningAs(_)) {
                    result = result.and(Tri::Maybe);
                }
                if result > Tri::No {
                    out.push(Edge {
                        from,
                        to,
                        method: m,
                        conditional: result == Tri::Maybe,
                    });
                }
            }
        }
    }
    out
}

fn tri(a: Access) -> Tri {
    match a {
        Access::Denied => Tri::No,
        Access::Conditional => Tri::Maybe,
        Access::Allowed => Tri::Yes,
    }
}

/// How an edge reads in a path: `sts:AssumeRole`, `iam:PassRole + ec2:RunInstances`.
pub fn describe(m: &EdgeMethod) -> String {
    m.on_target
        .iter()
        .chain(m.on_any)
        .copied()
        .collect::<Vec<_>>()
        .join(" + ")
}

/// The shortest path from each principal to a `goal` (its end described by `goal_text`),
/// preferring paths whose every edge is unconditional.
pub fn paths(
    model: &Model,
    edges: &[Edge],
    goal: &[Option<(&'static str, String)>],
) -> Vec<Option<Path>> {
    let n = model.principals.len();
    let mut incoming: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, e) in edges.iter().enumerate() {
        incoming[e.to].push(i);
    }
    // next[i] = the edge to take from i toward the nearest goal.
    let mut next: Vec<Option<usize>> = vec![None; n];
    let mut reached = vec![false; n];
    for pass in [false, true] {
        let mut queue: VecDeque<usize> = (0..n)
            .filter(|i| goal[*i].is_some() || reached[*i])
            .collect();
        let mut seen = queue.iter().fold(vec![false; n], |mut s, i| {
            s[*i] = true;
            s
        });
        while let Some(at) = queue.pop_front() {
            for &ei in &incoming[at] {
                let e = &edges[ei];
                if (e.conditional && !pass) || seen[e.from] {
                    continue;
                }
                seen[e.from] = true;
                if goal[e.from].is_none() && !reached[e.from] {
                    reached[e.from] = true;
                    next[e.from] = Some(ei);
                }
                queue.push_back(e.from);
            }
        }
    }
    (0..n)
        .map(|start| {
            next[start]?;
            let mut text = short(&model.principals[start].arn).to_string();
            let mut at = start;
            let mut hops = 0;
            let mut conditional = false;
            while let Some(ei) = next[at] {
                let e = &edges[ei];
                conditional |= e.conditional;
                hops += 1;
                let (prev, to) = (&model.principals[at], &model.principals[e.to]);
                // Hops into another account name it.
                let name = if to.account_id == prev.account_id {
                    short(&to.arn).to_string()
                } else {
                    format!("{}:{}", to.account_id, short(&to.arn))
                };
                text.push_str(&format!(" → {name} ({})", describe(e.method)));
                at = e.to;
                if hops > n {
                    break;
                }
            }
            let (reaches, end) = goal[at].clone()?;
            text.push_str(&format!(" → {end}"));
            Some(Path {
                target: model.principals[at].arn.clone(),
                reaches,
                text,
                hops,
                conditional,
            })
        })
        .collect()
}
