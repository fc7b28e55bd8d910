//! AWS's policy evaluation logic for one principal: an explicit deny anywhere wins; identity
//! policies (inline, attached, and the groups') are unioned; a permissions boundary and every
//! level of service control policies must also allow. Conditions the analysis cannot decide
//! make an allow *conditional*.
//!
//! Resources are asked about in two ways: a named ARN, or [`Resource::Any`], "an arbitrary
//! resource no policy names", which only `"*"` covers. That is the question behind "can this
//! principal do X without resource constraints".

use super::catalog::{ActionSet, Catalog};
use super::condition::{self, Context, Tri};
use super::document::{self, Document, Effect, Match};
use crate::util::glob::glob;
use std::collections::HashMap;
use std::sync::Arc;

#[derive(Debug)]
pub struct CompiledStatement {
    pub label: String,
    pub effect: Effect,
    pub actions: Arc<ActionSet>,
    pub resources: Match<String>,
    pub conditions: Vec<condition::Condition>,
}

/// One policy document, compiled, with the name findings use for it.
#[derive(Debug)]
pub struct Policy {
    /// `arn:aws:iam::…:policy/name`, or `user/name inline policy "p"`.
    pub label: String,
    pub statements: Vec<CompiledStatement>,
    pub document: Document,
}

/// Compiles documents, sharing the action sets of identical action lists.
pub struct Compiler {
    pub catalog: &'static Catalog,
    sets: HashMap<(bool, Vec<String>), Arc<ActionSet>>,
}

impl Default for Compiler {
    fn default() -> Self {
        Compiler {
            catalog: Catalog::get(),
            sets: HashMap::new(),
        }
    }
}

impl Compiler {
    pub fn compile(
        &mut self,
        label: String,
        raw: &serde_json::Value,
    ) -> Result<Policy, document::DocumentError> {
        let document = document::parse(raw)?;
        Ok(self.compile_document(label, document))
    }

    pub fn compile_document(&mut self, label: String, document: Document) -> Policy {
        let statements = document
            .statements
            .iter()
            .map(|s| {
                let (negated, patterns) = match &s.actions {
                    Match::Only(p) => (false, p.clone()),
                    Match::AllBut(p) => (true, p.clone()),
                    Match::Absent => (false, Vec::new()),
                };
                let actions = self.action_set(negated, patterns);
                CompiledStatement {
                    label: s.label.clone(),
                    effect: s.effect,
                    actions,
                    resources: s.resources.clone(),
                    conditions: s.conditions.clone(),
                }
            })
            .collect();
        Policy {
            label,
            statements,
            document,
        }
    }

    fn action_set(&mut self, negated: bool, patterns: Vec<String>) -> Arc<ActionSet> {
        let catalog = self.catalog;
        self.sets
            .entry((negated, patterns))
            .or_insert_with_key(|(negated, patterns)| {
                let mut set = ActionSet::empty(catalog.len());
                for p in patterns {
                    set.union_with(&catalog.expand(p));
                }
                Arc::new(if *negated { set.complement() } else { set })
            })
            .clone()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resource<'a> {
    /// An arbitrary resource that no policy names: only `"*"` (or a `NotResource` that
    /// excludes something else) covers it.
    Any,
    Arn(&'a str),
}

/// Every policy that governs one principal's requests.
#[derive(Debug, Default, Clone)]
pub struct PolicySet {
    pub identity: Vec<Arc<Policy>>,
    pub boundary: Option<Arc<Policy>>,
    /// Service control policies by level of the organization (root, OUs, account); each
    /// level must allow.
    pub scp_levels: Vec<Vec<Arc<Policy>>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Access {
    Denied,
    Conditional,
    Allowed,
}

impl From<Tri> for Access {
    fn from(t: Tri) -> Access {
        match t {
            Tri::No => Access::Denied,
            Tri::Maybe => Access::Conditional,
            Tri::Yes => Access::Allowed,
        }
    }
}

impl From<Access> for Tri {
    fn from(a: Access) -> Tri {
        match a {
            Access::Denied => Tri::No,
            Access::Conditional => Tri::Maybe,
            Access::Allowed => Tri::Yes,
        }
    }
}

/// The outcome of one request and what decided it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub access: Access,
    /// The identity policy and statement that allow it (when anything does).
    pub allowed_by: Option<String>,
    /// Why identity policies' allow does not take effect: an explicit deny, the boundary, an SCP.
    pub blocked_by: Option<String>,
}

fn statement_matches(s: &CompiledStatement, action: u32, resource: Resource, ctx: &Context) -> Tri {
    if !s.actions.contains(action) {
        return Tri::No;
    }
    let on = resource_matches(&s.resources, resource, ctx);
    if on == Tri::No {
        return Tri::No;
    }
    on.and(condition::all(&s.conditions, ctx))
}

fn resource_matches(m: &Match<String>, resource: Resource, ctx: &Context) -> Tri {
    let covers = |pattern: &str| -> Tri {
        match resource {
            Resource::Any => Tri::from_bool(pattern.chars().all(|c| c == '*')),
            Resource::Arn(arn) => match ctx.substitute(pattern) {
                Some(p) => Tri::from_bool(glob(&p, arn, false)),
                None => Tri::Maybe,
            },
        }
    };
    let any = |patterns: &[String]| patterns.iter().fold(Tri::No, |acc, p| acc.or(covers(p)));
    match m {
        // Identity policies must have a Resource; SCPs and hand-made files may leave it out.
        Match::Absent => Tri::Yes,
        Match::Only(patterns) => any(patterns),
        Match::AllBut(patterns) => match resource {
            // "Everything but X" covers resources no policy names.
            Resource::Any => Tri::from_bool(!patterns.iter().any(|p| p.chars().all(|c| c == '*'))),
            Resource::Arn(_) => any(patterns).negate(),
        },
    }
}

/// The strongest matching statement of `effect` among these policies, with its label (a
/// definite match ends the search).
fn strongest<'a>(
    policies: impl IntoIterator<Item = &'a Arc<Policy>>,
    effect: Effect,
    action: u32,
    resource: Resource,
    ctx: &Context,
) -> (Tri, Option<String>) {
    let mut best = (Tri::No, None);
    for p in policies {
        for s in p.statements.iter().filter(|s| s.effect == effect) {
            let t = statement_matches(s, action, resource, ctx);
            if t > best.0 {
                best = (t, Some(format!("{} statement {}", p.label, s.label)));
                if t == Tri::Yes {
                    return best;
                }
            }
        }
    }
    best
}

impl PolicySet {
    fn all(&self) -> impl Iterator<Item = &Arc<Policy>> {
        self.identity
            .iter()
            .chain(self.boundary.iter())
            .chain(self.scp_levels.iter().flatten())
    }

    /// May this principal call `action` on `resource`?
    pub fn decide(&self, action: u32, resource: Resource, ctx: &Context) -> Decision {
        let (allowed, allowed_by) = strongest(&self.identity, Effect::Allow, action, resource, ctx);
        if allowed == Tri::No {
            // Still say whether something denies it explicitly: a resource policy naming the
            // caller (a trust policy) can grant what identity policies do not, but never past
            // an explicit deny.
            let (denied, label) = strongest(self.all(), Effect::Deny, action, resource, ctx);
            return Decision {
                access: Access::Denied,
                allowed_by: None,
                blocked_by: (denied == Tri::Yes)
                    .then(|| format!("explicit deny in {}", label.unwrap_or_default())),
            };
        }
        let mut result = allowed;
        let mut blocked_by = None;
        let (denied, deny_label) = strongest(self.all(), Effect::Deny, action, resource, ctx);
        if denied > Tri::No {
            result = result.and(denied.negate());
            blocked_by = deny_label.map(|l| {
                let how = if denied == Tri::Yes {
                    ""
                } else {
                    "conditional "
                };
                format!("{how}explicit deny in {l}")
            });
        }
        if let Some(b) = &self.boundary {
            let (t, _) = strongest([b], Effect::Allow, action, resource, ctx);
            if t < result {
                result = t;
                blocked_by = Some(format!("permissions boundary {}", b.label));
            }
        }
        for level in &self.scp_levels {
            let (t, _) = strongest(level, Effect::Allow, action, resource, ctx);
            if t < result {
                result = t;
                let names: Vec<&str> = level.iter().map(|p| p.label.as_str()).collect();
                blocked_by = Some(format!("service control policies {}", names.join(", ")));
            }
        }
        Decision {
            access: result.into(),
            allowed_by,
            blocked_by: if result < allowed { blocked_by } else { None },
        }
    }

    /// Every action allowed on resources no policy names, unconditionally and at all.
    pub fn effective_on_any(&self, ctx: &Context, catalog: &Catalog) -> (ActionSet, ActionSet) {
        let n = catalog.len();
        // (unconditional, possibly) unions per group of policies.
        let union = |policies: &[Arc<Policy>], effect: Effect| {
            let mut yes = ActionSet::empty(n);
            let mut maybe = ActionSet::empty(n);
            for p in policies {
                for s in p.statements.iter().filter(|s| s.effect == effect) {
                    let t = resource_matches(&s.resources, Resource::Any, ctx)
                        .and(condition::all(&s.conditions, ctx));
                    match t {
                        Tri::Yes => yes.union_with(&s.actions),
                        Tri::Maybe => maybe.union_with(&s.actions),
                        Tri::No => {}
                    }
                }
            }
            maybe.union_with(&yes);
            (yes, maybe)
        };
        let (mut yes, mut maybe) = union(&self.identity, Effect::Allow);
        let limits = self
            .boundary
            .iter()
            .map(|b| vec![b.clone()])
            .chain(self.scp_levels.iter().cloned());
        for level in limits {
            let (ly, lm) = union(&level, Effect::Allow);
            yes.intersect_with(&ly);
            maybe.intersect_with(&lm);
        }
        let all: Vec<Arc<Policy>> = self.all().cloned().collect();
        let (deny_yes, deny_maybe) = union(&all, Effect::Deny);
        yes.difference_with(&deny_maybe);
        maybe.difference_with(&deny_yes);
        (yes, maybe)
    }

    /// What identity policies alone allow, ignoring denies, boundaries, SCPs and conditions:
    /// what a scanner that matches allow statements would see. Used to explain what the
    /// full evaluation neutralised.
    pub fn identity_allows(&self, action: u32, resource: Resource) -> (Tri, Option<String>) {
        strongest(
            &self.identity,
            Effect::Allow,
            action,
            resource,
            &Context::optimistic(),
        )
    }

    /// Every action identity policies alone allow on unnamed resources (see `identity_allows`).
    pub fn identity_on_any(&self, catalog: &Catalog) -> ActionSet {
        let mut set = ActionSet::empty(catalog.len());
        let ctx = Context::optimistic();
        for p in &self.identity {
            for s in p.statements.iter().filter(|s| s.effect == Effect::Allow) {
                if resource_matches(&s.resources, Resource::Any, &ctx) == Tri::Yes {
                    set.union_with(&s.actions);
                }
            }
        }
        set
    }

    /// Every action any identity allow statement names, whatever its resources and
    /// conditions: a cheap filter before asking precise questions.
    pub fn may(&self, catalog: &Catalog) -> ActionSet {
        let mut set = ActionSet::empty(catalog.len());
        for p in &self.identity {
            for s in p.statements.iter().filter(|s| s.effect == Effect::Allow) {
                set.union_with(&s.actions);
            }
        }
        set
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    pub(crate) fn set(identity: &[serde_json::Value]) -> PolicySet {
        let mut c = Compiler::default();
        PolicySet {
            identity: identity
                .iter()
                .enumerate()
                .map(|(i, d)| Arc::new(c.compile(format!("p{i}"), d).unwrap()))
                .collect(),
            ..Default::default()
        }
    }

    fn id(a: &str) -> u32 {
        Catalog::get().id(a).unwrap()
    }

    fn allow(action: &str, resource: &str) -> serde_json::Value {
        json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": action, "Resource": resource}]})
    }

    fn access(p: &PolicySet, action: &str, resource: Resource) -> Access {
        p.decide(id(action), resource, &Context::unknown()).access
    }

    #[test]
    fn explicit_deny_wins_over_allow() {
        // AWS docs: an explicit deny in any policy overrides any allow.
        let p = set(&[
            allow("s3:*", "*"),
            json!({"Statement": {"Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*"}}),
        ]);
        assert_eq!(access(&p, "s3:GetObject", Resource::Any), Access::Allowed);
        let d = p.decide(id("s3:DeleteBucket"), Resource::Any, &Context::unknown());
        assert_eq!(d.access, Access::Denied);
        assert!(d.blocked_by.unwrap().contains("explicit deny in p1"));
        // Nothing allows it: implicit deny.
        assert_eq!(
            access(&p, "ec2:RunInstances", Resource::Any),
            Access::Denied
        );
    }

    #[test]
    fn boundary_caps_admin() {
        // AWS docs: the effective permissions are the intersection of identity policies and
        // the permissions boundary.
        let mut p = set(&[allow("*", "*")]);
        let mut c = Compiler::default();
        p.boundary = Some(Arc::new(
            c.compile("boundary".into(), &allow("s3:*", "*")).unwrap(),
        ));
        assert_eq!(access(&p, "s3:PutObject", Resource::Any), Access::Allowed);
        let d = p.decide(id("iam:CreateUser"), Resource::Any, &Context::unknown());
        assert_eq!(d.access, Access::Denied);
        assert_eq!(
            d.blocked_by.as_deref(),
            Some("permissions boundary boundary")
        );
        let (yes, _) = p.effective_on_any(&Context::unknown(), Catalog::get());
        assert_eq!(yes, Catalog::get().expand("s3:*"));
    }

    #[test]
    fn scp_levels_each_must_allow() {
        let mut p = set(&[allow("*", "*")]);
        let mut c = Compiler::default();
        let full = Arc::new(c.compile("FullAWSAccess".into(), &allow("*", "*")).unwrap());
        let ou = Arc::new(
            c.compile("ou-allow-list".into(), &allow("ec2:*", "*"))
                .unwrap(),
        );
        p.scp_levels = vec![vec![full.clone()], vec![ou, full]];
        assert_eq!(
            access(&p, "ec2:RunInstances", Resource::Any),
            Access::Allowed
        );
        // The OU level has FullAWSAccess too, so both levels allow everything.
        assert_eq!(access(&p, "iam:CreateUser", Resource::Any), Access::Allowed);
        let ou_only = Arc::new(c.compile("ou".into(), &allow("ec2:*", "*")).unwrap());
        p.scp_levels[1] = vec![ou_only];
        let d = p.decide(id("iam:CreateUser"), Resource::Any, &Context::unknown());
        assert_eq!(d.access, Access::Denied);
        assert!(d
            .blocked_by
            .unwrap()
            .starts_with("service control policies ou"));
    }

    #[test]
    fn not_action_with_allow_allows_everything_else() {
        // AWS docs: Allow with NotAction allows every action not listed, on the resources.
        let p = set(&[
            json!({"Statement": [{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}]}),
        ]);
        assert_eq!(
            access(&p, "ec2:RunInstances", Resource::Any),
            Access::Allowed
        );
        assert_eq!(access(&p, "iam:CreateUser", Resource::Any), Access::Denied);
    }

    #[test]
    fn not_resource_covers_everything_else() {
        let p = set(&[
            json!({"Statement": [{"Effect": "Allow", "Action": "s3:GetObject",
            "NotResource": "arn:aws:s3:::secret/*"}]}),
        ]);
        assert_eq!(access(&p, "s3:GetObject", Resource::Any), Access::Allowed);
        assert_eq!(
            access(&p, "s3:GetObject", Resource::Arn("arn:aws:s3:::secret/x")),
            Access::Denied
        );
        assert_eq!(
            access(&p, "s3:GetObject", Resource::Arn("arn:aws:s3:::public/x")),
            Access::Allowed
        );
    }

    #[test]
    fn conditions_make_allows_conditional() {
        let doc = json!({"Statement": [{"Effect": "Allow", "Action": "ec2:*", "Resource": "*",
            "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}]});
        let p = set(&[doc]);
        assert_eq!(
            access(&p, "ec2:RunInstances", Resource::Any),
            Access::Conditional
        );
        let with_mfa = Context::request([("aws:MultiFactorAuthPresent", vec!["true"])]);
        assert_eq!(
            p.decide(id("ec2:RunInstances"), Resource::Any, &with_mfa)
                .access,
            Access::Allowed
        );
        let without = Context::request([]);
        assert_eq!(
            p.decide(id("ec2:RunInstances"), Resource::Any, &without)
                .access,
            Access::Denied
        );
        // A conditional deny leaves an unconditional allow conditional.
        let p = set(&[
            allow("*", "*"),
            json!({"Statement": {"Effect": "Deny", "Action": "*", "Resource": "*",
                "Condition": {"NotIpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}}),
        ]);
        assert_eq!(
            access(&p, "s3:GetObject", Resource::Any),
            Access::Conditional
        );
        let (yes, maybe) = p.effective_on_any(&Context::unknown(), Catalog::get());
        assert!(yes.is_empty());
        assert!(maybe.is_full());
    }

    #[test]
    fn resource_patterns_and_policy_variables() {
        let p = set(&[allow(
            "iam:CreateAccessKey",
            "arn:aws:iam::*:user/${aws:username}",
        )]);
        let mut ctx = Context::unknown();
        assert_eq!(
            p.decide(
                id("iam:CreateAccessKey"),
                Resource::Arn("arn:aws:iam::1:user/bob"),
                &ctx
            )
            .access,
            Access::Conditional
        );
        ctx.set("aws:username", vec!["alice".into()]);
        assert_eq!(
            p.decide(
                id("iam:CreateAccessKey"),
                Resource::Arn("arn:aws:iam::1:user/bob"),
                &ctx
            )
            .access,
            Access::Denied
        );
        assert_eq!(
            p.decide(
                id("iam:CreateAccessKey"),
                Resource::Arn("arn:aws:iam::1:user/alice"),
                &ctx
            )
            .access,
            Access::Allowed
        );
        // A named resource does not cover "any resource".
        assert_eq!(
            p.decide(id("iam:CreateAccessKey"), Resource::Any, &ctx)
                .access,
            Access::Denied
        );
    }

    #[test]
    fn actions_match_case_insensitively_resources_case_sensitively() {
        let p = set(&[allow("S3:getobject", "arn:aws:s3:::Bucket/*")]);
        assert_eq!(
            access(&p, "s3:GetObject", Resource::Arn("arn:aws:s3:::Bucket/a")),
            Access::Allowed
        );
        assert_eq!(
            access(&p, "s3:GetObject", Resource::Arn("arn:aws:s3:::bucket/a")),
            Access::Denied
        );
    }
}
