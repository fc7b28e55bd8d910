//! The catalog: the loaded policies together with the compliance frameworks, checked against
//! each other (every policy a control names exists; every control a custom policy declares
//! exists), with each policy's rule carrying the controls it evidences.

use super::bind::{bind, Declared};
use super::framework::{controls_by_policy, Framework, FrameworkError};
use super::parse;
use crate::engine::{source, PolicyError, PolicySet};
use crate::util::diagnostic::Diagnostics;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;

/// Policies and frameworks, loaded and bound.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub policies: PolicySet,
    /// Built-in and `DIR/frameworks/*.yaml`, sorted by id, with the controls custom policies
    /// declare merged in.
    pub frameworks: Vec<Arc<Framework>>,
}

#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error(transparent)]
    Policy(#[from] PolicyError),
    #[error(transparent)]
    Framework(#[from] FrameworkError),
    /// Broken policies and broken framework files, found in the same load.
    #[error("cannot load the policies and frameworks: {}", .0.summary())]
    Invalid(#[source] Diagnostics),
}

impl Catalog {
    /// Loads the built-in policies (unless `builtin` is false), every `--policies` directory,
    /// the built-in frameworks and each directory's `frameworks/`, and binds them.
    /// Policies and frameworks are both read before either is refused, so that one run shows
    /// the mistakes in both.
    pub fn load(builtin: bool, dirs: &[PathBuf]) -> Result<Catalog, CatalogError> {
        match (PolicySet::load(builtin, dirs), parse::load(dirs)) {
            (Ok(policies), Ok(frameworks)) => Catalog::bind(policies, frameworks),
            (Err(PolicyError::Invalid(mut found)), Err(FrameworkError::Invalid(in_frameworks))) => {
                found.extend(in_frameworks.0);
                Err(CatalogError::Invalid(found))
            }
            (Err(e), _) => Err(e.into()),
            (_, Err(e)) => Err(e.into()),
        }
    }

    /// Checks the frameworks against the policies (every referenced id exists, among the loaded
    /// and the built-in policies), merges the controls policies declare in their metadata, and
    /// gives each policy's rule the controls it evidences.
    pub fn bind(
        mut policies: PolicySet,
        mut frameworks: Vec<Framework>,
    ) -> Result<Catalog, CatalogError> {
        let mut known: BTreeSet<String> = policies
            .policies
            .iter()
            .map(|p| p.meta.id.clone())
            .collect();
        // With the built-ins loaded they are all in the set; without, frameworks may still
        // name them (their controls are then `not-evaluated`, not broken).
        if !policies.policies.iter().any(|p| p.builtin) {
            known.extend(
                source::builtin()
                    .map_err(PolicyError::from)?
                    .iter()
                    .filter(|f| !f.is_test() && !f.is_library())
                    .map(|f| f.file_stem().to_string()),
            );
        }
        let declared = policies.policies.iter().map(|p| Declared {
            policy: &p.meta.id,
            controls: &p.meta.frameworks,
            file: &p.file.path,
            rego: &p.file.text,
        });
        bind(&mut frameworks, &known, declared)?;
        let mut by_policy = controls_by_policy(&frameworks);
        for p in &mut policies.policies {
            let mut rule = (*p.rule).clone();
            rule.frameworks = by_policy.remove(p.meta.id.as_str()).unwrap_or_default();
            p.rule = Arc::new(rule);
        }
        Ok(Catalog {
            policies,
            frameworks: frameworks.into_iter().map(Arc::new).collect(),
        })
    }

    /// The framework with this id.
    pub fn framework(&self, id: &str) -> Option<&Arc<Framework>> {
        self.frameworks.iter().find(|f| f.id == id)
    }

    /// The frameworks with these ids, in the order given (each once); an unknown id is an error
    /// that lists the known ones.
    pub fn select(&self, ids: &[String]) -> Result<Vec<Arc<Framework>>, UnknownFramework> {
        let mut out: Vec<Arc<Framework>> = Vec::new();
        for id in ids {
            let Some(fw) = self.framework(id) else {
                return Err(UnknownFramework {
                    id: id.clone(),
                    known: self.frameworks.iter().map(|f| f.id.clone()).collect(),
                });
            };
            if !out.iter().any(|f| f.id == fw.id) {
                out.push(fw.clone());
            }
        }
        Ok(out)
    }
}

#[derive(Debug, thiserror::Error)]
#[error("unknown framework `{id}`: the frameworks are {} (see `palisade frameworks list`)", known.join(", "))]
pub struct UnknownFramework {
    pub id: String,
    pub known: Vec<String>,
}
