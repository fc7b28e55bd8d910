//! IAM analysis: credential facts, and least-privilege analysis with real policy semantics
//! (effective permissions, admin equivalence, privilege escalation, multi-hop paths), exposed
//! to Rego under `input.facts.iam`.
//!
//! - [`document`] and [`condition`]: the policy language.
//! - [`catalog`]: every AWS action, for wildcard expansion and access levels.
//! - [`eval`]: AWS's evaluation logic for one request.
//! - [`model`]: principals with their compiled policies.
//! - [`principal`]: what one principal can do by itself; [`graph`]: who can become whom.

pub mod catalog;
pub mod condition;
mod credentials;
pub mod document;
pub mod eval;
pub mod graph;
pub mod methods;
pub mod model;
pub mod principal;
mod trust;

pub use credentials::{AccessKeyFacts, RoleFacts, UserFacts};

use crate::inventory::{Gap, Inventory};
use catalog::{Catalog, Level};
use document::{Effect, Match};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Default, Clone, Serialize, PartialEq)]
pub struct IamFacts {
    /// By user ARN.
    pub users: BTreeMap<String, UserFacts>,
    /// By role ARN.
    pub roles: BTreeMap<String, RoleFacts>,
    /// Effective-permission analysis by user or role ARN.
    pub principals: BTreeMap<String, PrincipalFacts>,
    /// Customer-managed policy documents by policy ARN, with what the document checks read.
    pub documents: BTreeMap<String, DocumentFacts>,
    /// Inline policy documents by the ARN of the user, group or role they are in, then by
    /// policy name: the same facts, since an inline statement grants what a managed one does.
    /// (One that cannot be parsed also makes its owner's effective-permission analysis a gap.)
    pub inline_documents: BTreeMap<String, BTreeMap<String, DocumentFacts>>,
    /// Parts of the analysis the data did not allow (policies attached but not present).
    #[serde(skip)]
    pub gaps: Vec<Gap>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PrincipalFacts {
    pub kind: model::Kind,
    pub name: String,
    pub account_id: String,
    pub service_linked: bool,
    /// `null` unless admin-equivalent.
    pub admin: Option<principal::Admin>,
    /// Ways it can raise its own permissions.
    pub escalations: Vec<principal::Escalation>,
    /// Methods (and admin) its allow statements grant but a deny, boundary, SCP, missing or
    /// unprivileged target takes away.
    pub neutralised: Vec<principal::Neutralised>,
    /// The shortest path to an admin-equivalent or self-escalating principal, when it is
    /// neither itself.
    pub path: Option<graph::Path>,
    /// Data-reading actions allowed without resource constraints.
    pub exfiltration: Vec<principal::Allowed>,
    /// Permissions-management actions allowed without resource constraints.
    pub permissions_management: principal::Counted,
    /// Attached policies whose documents are missing: the analysis is incomplete.
    pub missing_policies: Vec<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DocumentFacts {
    /// Why the document could not be read; `null` when it parsed.
    pub error: Option<String>,
    pub not_action_allows: Vec<String>,
    pub not_resource_allows: Vec<String>,
    pub write_on_all_resources: Vec<WriteOnAll>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct WriteOnAll {
    pub statement: String,
    /// Write and permissions-management actions it allows on `*` that could be scoped.
    pub count: usize,
    pub sample: Vec<String>,
    pub conditional: bool,
    /// The statement allows every action (reported by the admin checks instead).
    pub all_actions: bool,
}

pub fn analyze(inv: &Inventory) -> IamFacts {
    let (users, roles) = credentials::analyze(inv);
    let started = std::time::Instant::now();
    let catalog = Catalog::get();
    let model = model::build(inv);
    tracing::debug!(elapsed = ?started.elapsed(), principals = model.principals.len(), "iam model built");
    let own: Vec<principal::Own> = model
        .principals
        .par_iter()
        .map(|p| principal::analyze(p, &model, catalog))
        .collect();
    tracing::debug!(elapsed = ?started.elapsed(), "iam principals analysed");
    let goals: Vec<Option<(&'static str, String)>> = own
        .iter()
        .map(|o| match (&o.admin, o.escalations.first()) {
            (Some(_), _) => Some(("admin", "admin-equivalent".to_string())),
            (None, Some(e)) => Some(("escalation", e.action.clone())),
            (None, None) => None,
        })
        .collect();
    let graph::Reach { paths, dead_ends } = graph::paths(&model, catalog, &goals);
    tracing::debug!(elapsed = ?started.elapsed(), "iam escalation paths found");
    let (documents, inline_documents) = documents(&model.documents);
    let principals = model
        .principals
        .iter()
        .zip(own)
        .zip(paths.into_iter().zip(dead_ends))
        .map(|((p, mut o), (path, dead_ends))| {
            if path.is_none() {
                o.neutralised.extend(dead_ends);
            }
            let facts = PrincipalFacts {
                kind: p.kind,
                name: p.name.clone(),
                account_id: p.account_id.clone(),
                service_linked: p.service_linked,
                admin: o.admin,
                escalations: o.escalations,
                neutralised: o.neutralised,
                path,
                exfiltration: o.exfiltration,
                permissions_management: o.permissions_management,
                missing_policies: p.missing_policies.clone(),
            };
            (p.arn.clone(), facts)
        })
        .collect();
    IamFacts {
        users,
        roles,
        principals,
        documents,
        inline_documents,
        gaps: model.gaps,
    }
}

type Documents = BTreeMap<String, DocumentFacts>;
type InlineDocuments = BTreeMap<String, BTreeMap<String, DocumentFacts>>;

/// Document facts by managed policy ARN, and by owner ARN then name for inline policies.
fn documents(records: &[model::DocumentRecord]) -> (Documents, InlineDocuments) {
    let facts: Vec<DocumentFacts> = records.par_iter().map(document_facts).collect();
    let (mut managed, mut inline) = (Documents::new(), InlineDocuments::new());
    for (d, f) in records.iter().zip(facts) {
        match &d.inline {
            None => {
                managed.insert(d.resource.clone(), f);
            }
            Some(name) => {
                inline
                    .entry(d.resource.clone())
                    .or_default()
                    .insert(name.clone(), f);
            }
        }
    }
    (managed, inline)
}

fn document_facts(d: &model::DocumentRecord) -> DocumentFacts {
    let mut facts = DocumentFacts {
        error: None,
        not_action_allows: Vec::new(),
        not_resource_allows: Vec::new(),
        write_on_all_resources: Vec::new(),
    };
    let policy = match &d.policy {
        Ok(p) => p,
        Err(e) => {
            facts.error = Some(e.clone());
            return facts;
        }
    };
    let catalog = Catalog::get();
    for (s, raw) in policy.statements.iter().zip(&policy.document.statements) {
        if s.effect != Effect::Allow {
            continue;
        }
        if matches!(raw.actions, Match::AllBut(_)) {
            facts.not_action_allows.push(s.label.clone());
        }
        if matches!(raw.resources, Match::AllBut(_)) {
            facts.not_resource_allows.push(s.label.clone());
        }
        let on_all = match &raw.resources {
            Match::Only(list) => list.iter().any(|r| r.chars().all(|c| c == '*')),
            _ => false,
        };
        if !on_all {
            continue;
        }
        let mut count = 0;
        let mut sample = Vec::new();
        for id in s.actions.iter() {
            let a = catalog.action(id);
            if matches!(a.level, Level::Write | Level::PermissionsManagement)
                && !a.resource_types.is_empty()
            {
                count += 1;
                if sample.len() < 5 {
                    sample.push(a.full_name());
                }
            }
        }
        if count > 0 {
            facts.write_on_all_resources.push(WriteOnAll {
                statement: s.label.clone(),
                count,
                sample,
                conditional: !s.conditions.is_empty(),
                all_actions: s.actions.is_full(),
            });
        }
    }
    facts
}

#[cfg(test)]
mod tests;
