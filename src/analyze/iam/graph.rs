//! The "can become" graph: an edge from A to B when A can act as B (assume it, pass it to a
//! compute service and run code as it, take over code already running as it, mint its
//! credentials). A principal that reaches an admin-equivalent or self-escalating principal
//! through it has an escalation path, found by one breadth-first search from all of those.

use super::catalog::{ActionSet, Catalog};
use super::condition::{Context, Tri};
use super::document::{Document, Match};
use super::eval::Resource;
use super::methods::{EdgeMethod, EdgeTarget, EDGE_METHODS, IMPLIED};
use super::model::{short, Kind, Model, Principal};
use super::principal::{context, Neutralised};
use super::trust::{trusted, trusts, Caller, Trusted};
use crate::util::glob::glob;
use serde::Serialize;
use std::collections::{HashMap, VecDeque};

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

/// A principal that may use one edge method, with what does not depend on the target.
struct Source {
    at: usize,
    /// The method's actions on new resources.
    base: Tri,
    /// Its actions on the target, for a target no policy of the source names.
    wild: Tri,
    /// Resource patterns (other than `*`) in the source's statements about those actions: a
    /// target matching one of them needs a decision of its own.
    patterns: Vec<String>,
}

/// An edge method's actions as catalog ids, resolved once for all principals.
struct MethodActions {
    on_target: Vec<u32>,
    on_any: Vec<u32>,
    /// Actions the method itself grants the caller, so no identity allow is needed for them.
    implied: Vec<u32>,
}

impl MethodActions {
    /// `None` when the catalog lacks one of its actions: nobody can be allowed it.
    fn of(m: &EdgeMethod, catalog: &Catalog) -> Option<MethodActions> {
        let ids =
            |list: &[&str]| -> Option<Vec<u32>> { list.iter().map(|a| catalog.id(a)).collect() };
        Some(MethodActions {
            on_target: ids(m.on_target)?,
            on_any: ids(m.on_any)?,
            implied: IMPLIED
                .iter()
                .filter(|(name, _)| *name == m.name)
                .filter_map(|(_, a)| catalog.id(a))
                .collect(),
        })
    }
}

/// What one principal's policies make of one edge method.
enum Holds {
    /// Its allow statements do not name every action the method needs.
    Not,
    /// They name them, but not on new resources: a deny, boundary or SCP takes them away, or
    /// the allows name specific resources only.
    Neutralised(Neutralised),
    Source(Source),
}

/// Whether principal `p` (at index `at`) holds method `m`; what does not depend on the target
/// is decided here, once, rather than for every target.
fn holds(
    p: &Principal,
    at: usize,
    m: &EdgeMethod,
    actions: &MethodActions,
    may: &ActionSet,
    ctx: &Context,
) -> Holds {
    if !actions
        .on_target
        .iter()
        .chain(&actions.on_any)
        .all(|id| may.contains(*id) || actions.implied.contains(id))
    {
        return Holds::Not;
    }
    let decide = |id: u32| Tri::from(p.policies.decide(id, Resource::Any, ctx).access);
    let base = actions
        .on_any
        .iter()
        .fold(Tri::Yes, |acc, id| acc.and(decide(*id)));
    if base == Tri::No {
        let by = actions
            .on_any
            .iter()
            .find_map(|id| p.policies.decide(*id, Resource::Any, ctx).blocked_by)
            .unwrap_or_else(|| "its allow statements name specific resources only".into());
        return Holds::Neutralised(Neutralised {
            method: m.name.into(),
            by,
        });
    }
    let wild = actions
        .on_target
        .iter()
        .fold(Tri::Yes, |acc, id| acc.and(decide(*id)));
    Holds::Source(Source {
        at,
        base,
        wild,
        patterns: target_patterns(p, &actions.on_target),
    })
}

/// Resource patterns (other than `*`) of the statements about the method's target actions,
/// in any of the principal's policies: a target matching one needs a decision of its own.
fn target_patterns(p: &Principal, on_target: &[u32]) -> Vec<String> {
    let mut patterns = Vec::new();
    let policies = p
        .policies
        .identity
        .iter()
        .chain(&p.policies.boundary)
        .chain(p.policies.scp_levels.iter().flatten());
    for policy in policies {
        for st in &policy.statements {
            if !on_target.iter().any(|id| st.actions.contains(*id)) {
                continue;
            }
            if let Match::Only(list) | Match::AllBut(list) = &st.resources {
                patterns.extend(
                    list.iter()
                        .filter(|r| !r.chars().all(|c| c == '*'))
                        .cloned(),
                );
            }
        }
    }
    patterns.sort();
    patterns.dedup();
    patterns
}

struct Search<'a> {
    /// Edge methods a principal's allow statements name but that lead nowhere, and why.
    blocked: Vec<Vec<Neutralised>>,
    model: &'a Model,
    catalog: &'a Catalog,
    contexts: Vec<Context>,
    trusted: Vec<Trusted>,
    by_arn: HashMap<&'a str, usize>,
    /// Sources by method, then by account.
    sources: Vec<HashMap<&'a str, Vec<Source>>>,
    assume: Option<u32>,
}

impl<'a> Search<'a> {
    fn new(model: &'a Model, catalog: &'a Catalog, goal: &[bool]) -> Search<'a> {
        let ps = &model.principals;
        let contexts: Vec<Context> = ps.iter().map(context).collect();
        let actions: Vec<Option<MethodActions>> = EDGE_METHODS
            .iter()
            .map(|m| MethodActions::of(m, catalog))
            .collect();
        let mut sources: Vec<HashMap<&str, Vec<Source>>> =
            EDGE_METHODS.iter().map(|_| HashMap::new()).collect();
        let mut blocked: Vec<Vec<Neutralised>> = vec![Vec::new(); ps.len()];
        for (at, p) in ps.iter().enumerate() {
            // Goals need no path; service-linked roles act only for their service.
            if goal[at] || p.service_linked {
                continue;
            }
            let may = p.policies.may(catalog);
            for (mi, (m, actions)) in EDGE_METHODS.iter().zip(&actions).enumerate() {
                let Some(actions) = actions else { continue };
                match holds(p, at, m, actions, &may, &contexts[at]) {
                    Holds::Not => {}
                    Holds::Neutralised(n) => blocked[at].push(n),
                    Holds::Source(src) => sources[mi]
                        .entry(p.account_id.as_str())
                        .or_default()
                        .push(src),
                }
            }
        }
        Search {
            blocked,
            model,
            catalog,
            contexts,
            trusted: ps.iter().map(trusted).collect(),
            by_arn: ps
                .iter()
                .enumerate()
                .map(|(i, p)| (p.arn.as_str(), i))
                .collect(),
            sources,
            assume: catalog.id("sts:AssumeRole"),
        }
    }

    /// The source's actions on this target: its general answer unless one of its resource
    /// patterns names the target (or holds a policy variable).
    fn on_target(&self, m: &EdgeMethod, src: &Source, to: usize, names_caller: bool) -> Tri {
        let (p, t) = (&self.model.principals[src.at], &self.model.principals[to]);
        let named = src
            .patterns
            .iter()
            .any(|pat| pat.contains("${") || glob(pat, &t.arn, false));
        if !(named || names_caller && src.wild == Tri::No) {
            return src.wild;
        }
        let mut result = Tri::Yes;
        for a in m.on_target {
            let Some(id) = self.catalog.id(a) else {
                return Tri::No;
            };
            let d = p
                .policies
                .decide(id, Resource::Arn(&t.arn), &self.contexts[src.at]);
            let mut access = Tri::from(d.access);
            // A trust policy naming the caller's ARN in its own account grants the assumption
            // by itself, unless something explicitly denies it.
            if access == Tri::No
                && names_caller
                && t.account_id == p.account_id
                && d.blocked_by.is_none()
                && self.assume == Some(id)
            {
                access = Tri::Yes;
            }
            result = result.and(access);
        }
        result
    }

    /// Why each principal without a path gets nowhere with the edge methods it holds.
    fn dead_ends(
        &self,
        next: &[Option<(&'static EdgeMethod, usize, bool)>],
        goal: &[bool],
    ) -> Vec<Vec<Neutralised>> {
        let ps = &self.model.principals;
        // Possible targets per method and account.
        let mut targets: HashMap<(usize, &str), usize> = HashMap::new();
        for (to, t) in ps.iter().enumerate() {
            for (mi, m) in EDGE_METHODS.iter().enumerate() {
                let fits = match m.target {
                    EdgeTarget::OtherUser => t.kind == Kind::User,
                    EdgeTarget::AnyRole => t.kind == Kind::Role && !t.service_linked,
                    EdgeTarget::TrustedRole => t.kind == Kind::Role && t.trust.is_some(),
                    EdgeTarget::PassedTo(svc) | EdgeTarget::RunningAs(svc) => {
                        self.trusted[to].services.iter().any(|s| s == svc)
                            && (!m.needs_instance_profile || t.has_instance_profile)
                    }
                };
                if fits {
                    *targets.entry((mi, t.account_id.as_str())).or_default() += 1;
                }
            }
        }
        let mut out = self.blocked.clone();
        for (mi, m) in EDGE_METHODS.iter().enumerate() {
            for src in self.sources[mi].values().flatten() {
                if next[src.at].is_some() || goal[src.at] {
                    continue;
                }
                let p = &ps[src.at];
                let mut count = targets
                    .get(&(mi, p.account_id.as_str()))
                    .copied()
                    .unwrap_or(0);
                if m.target == EdgeTarget::OtherUser && p.kind == Kind::User {
                    count = count.saturating_sub(1);
                }
                let by = match (m.target, count) {
                    (EdgeTarget::PassedTo(svc) | EdgeTarget::RunningAs(svc), 0) => format!(
                        "no target: no role in the account trusts {svc}{}",
                        if m.needs_instance_profile { " with an instance profile" } else { "" }
                    ),
                    (EdgeTarget::OtherUser, 0) => "no target: no other user in the account".into(),
                    (_, 0) => "no target: no role it could use".into(),
                    _ => "no privileged target: none of the principals it can become this way is admin-equivalent or can escalate".into(),
                };
                out[src.at].push(Neutralised {
                    method: m.name.into(),
                    by,
                });
            }
        }
        for notes in &mut out {
            notes.sort_by(|a, b| a.method.cmp(&b.method));
            notes.dedup_by(|a, b| a.method == b.method);
        }
        out
    }

    /// Sources (not yet reached) that can become `to` by one method, with how conditionally.
    fn sources_of(
        &self,
        to: usize,
        reached: &[bool],
        mut found: impl FnMut(usize, &'static EdgeMethod, Tri),
    ) {
        let t = &self.model.principals[to];
        let trusted = &self.trusted[to];
        for (mi, m) in EDGE_METHODS.iter().enumerate() {
            let by_account = &self.sources[mi];
            let local = || by_account.get(t.account_id.as_str()).into_iter().flatten();
            let mut consider = |src: &Source, trust: Tri, names_caller: bool| {
                if let Some(r) = self.edge(m, src, to, trust, names_caller, reached) {
                    found(src.at, m, r);
                }
            };
            match m.target {
                EdgeTarget::OtherUser if t.kind == Kind::User => {
                    local().for_each(|s| consider(s, Tri::Yes, false))
                }
                EdgeTarget::AnyRole if t.kind == Kind::Role && !t.service_linked => {
                    // The rewritten trust policy names the caller.
                    local().for_each(|s| consider(s, Tri::Yes, true))
                }
                EdgeTarget::PassedTo(svc) | EdgeTarget::RunningAs(svc)
                    if t.kind == Kind::Role
                        && trusted.services.iter().any(|s| s == svc)
                        && (!m.needs_instance_profile || t.has_instance_profile) =>
                {
                    if let Some(doc) = &t.trust {
                        let (trust, _) = trusts(doc, &Caller::Service(svc, &t.account_id));
                        local().for_each(|s| consider(s, trust, false));
                    }
                }
                EdgeTarget::TrustedRole if t.kind == Kind::Role => {
                    if let Some(doc) = &t.trust {
                        self.assuming(doc, to, by_account, reached, &mut consider);
                    }
                }
                _ => {}
            }
        }
    }

    /// How the source becomes `to` by method `m`, given what the target's trust policy says
    /// (`None` when it cannot, or was already reached): code running as a role is only
    /// conditionally the role's, since Palisade does not see which code runs as which role.
    fn edge(
        &self,
        m: &EdgeMethod,
        src: &Source,
        to: usize,
        trust: Tri,
        names_caller: bool,
        reached: &[bool],
    ) -> Option<Tri> {
        if reached[src.at] || src.at == to {
            return None;
        }
        let mut r = src.base.and(trust);
        if r == Tri::No {
            return None;
        }
        r = r.and(self.on_target(m, src, to, names_caller));
        if matches!(m.target, EdgeTarget::RunningAs(_)) {
            r = r.and(Tri::Maybe);
        }
        (r > Tri::No).then_some(r)
    }

    /// Sources that may call `sts:AssumeRole` on role `to`: the principals of every account its
    /// trust policy admits, and those it names by ARN, each judged by the trust policy with
    /// the caller's own ARN and account.
    fn assuming(
        &self,
        trust: &Document,
        to: usize,
        by_account: &HashMap<&'a str, Vec<Source>>,
        reached: &[bool],
        consider: &mut impl FnMut(&Source, Tri, bool),
    ) {
        let ps = &self.model.principals;
        let trusted = &self.trusted[to];
        let mut judge = |s: &Source| {
            if reached[s.at] {
                return;
            }
            let (admits, names) = trusts(trust, &Caller::Principal(&ps[s.at]));
            consider(s, admits, names);
        };
        if trusted.anyone {
            by_account.values().flatten().for_each(&mut judge);
        } else {
            for account in &trusted.accounts {
                by_account
                    .get(account.as_str())
                    .into_iter()
                    .flatten()
                    .for_each(&mut judge);
            }
        }
        // Principals the trust names by ARN need no identity allow of their own.
        for arn in &trusted.arns {
            let Some(&at) = self.by_arn.get(arn.as_str()) else {
                continue;
            };
            if ps[at].service_linked || reached[at] {
                continue;
            }
            // Its own entry when it has one (its identity policies may allow or deny the
            // assumption); otherwise the trust alone decides.
            let listed = by_account
                .get(ps[at].account_id.as_str())
                .and_then(|v| v.iter().find(|s| s.at == at));
            match listed {
                Some(src) => judge(src),
                None => judge(&Source {
                    at,
                    base: Tri::Yes,
                    wild: Tri::No,
                    patterns: Vec::new(),
                }),
            }
        }
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

/// Escalation paths, and for principals without one, the edge methods they hold that lead
/// nowhere (no target, or no privileged target).
pub struct Reach {
    pub paths: Vec<Option<Path>>,
    pub dead_ends: Vec<Vec<Neutralised>>,
}

/// The shortest path from each principal to a goal (an admin-equivalent or self-escalating
/// principal, `goal[i]` saying how its end reads), preferring paths whose every step is
/// unconditional. A breadth-first search backwards from all goals at once; edges are found as
/// the search needs them, never all materialised (an account where thousands of principals may
/// `iam:CreateAccessKey` on `*` has tens of millions of them).
pub fn paths(model: &Model, catalog: &Catalog, goal: &[Option<(&'static str, String)>]) -> Reach {
    let n = model.principals.len();
    let is_goal: Vec<bool> = goal.iter().map(Option::is_some).collect();
    let search = Search::new(model, catalog, &is_goal);
    // next[i] = (the method, the principal it becomes, conditional) toward the nearest goal.
    let mut next: Vec<Option<(&'static EdgeMethod, usize, bool)>> = vec![None; n];
    let mut reached = is_goal.clone();
    for conditional_ok in [false, true] {
        let mut queue: VecDeque<usize> = (0..n).filter(|i| reached[*i]).collect();
        while let Some(to) = queue.pop_front() {
            let mut hits = Vec::new();
            search.sources_of(to, &reached, |from, m, t| {
                if t == Tri::Yes || conditional_ok {
                    hits.push((from, m, t));
                }
            });
            for (from, m, t) in hits {
                if reached[from] {
                    continue;
                }
                reached[from] = true;
                next[from] = Some((m, to, t == Tri::Maybe));
                queue.push_back(from);
            }
        }
    }
    let dead_ends = search.dead_ends(&next, &is_goal);
    let paths = (0..n)
        .map(|start| {
            next[start]?;
            let mut text = short(&model.principals[start].arn).to_string();
            let (mut at, mut hops, mut conditional) = (start, 0, false);
            while let Some((m, to, c)) = next[at] {
                conditional |= c;
                hops += 1;
                let (prev, target) = (&model.principals[at], &model.principals[to]);
                // Hops into another account name it.
                let name = if target.account_id == prev.account_id {
                    short(&target.arn).to_string()
                } else {
                    format!("{}:{}", target.account_id, short(&target.arn))
                };
                text.push_str(&format!(" → {name} ({})", describe(m)));
                at = to;
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
        .collect();
    Reach { paths, dead_ends }
}
