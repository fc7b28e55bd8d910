//! The policy set: built-ins plus `--policies` directories, each policy with its metadata, test
//! and rule; loading and validating it is `load`.

use super::finding::RuleInfo;
use super::metadata::PolicyMeta;
use super::source::{RegoFile, SourceError};
use crate::util::diagnostic::Diagnostics;
use std::sync::Arc;

/// One loaded, validated policy.
#[derive(Debug, Clone)]
pub struct Policy {
    pub meta: PolicyMeta,
    pub file: RegoFile,
    pub test: Option<RegoFile>,
    pub rule: Arc<RuleInfo>,
    pub builtin: bool,
}

#[derive(Debug, Clone, Default)]
pub struct PolicySet {
    /// Sorted by id.
    pub policies: Vec<Policy>,
    /// Shared helper modules every policy engine gets.
    pub libraries: Vec<RegoFile>,
    /// Tests of library modules.
    pub library_tests: Vec<RegoFile>,
}

#[derive(Debug, thiserror::Error)]
pub enum PolicyError {
    #[error(transparent)]
    Source(#[from] SourceError),
    /// Every broken policy of a load, each mistake located; the message is the summary line.
    #[error("cannot load the policies: {}", .0.summary())]
    Invalid(#[source] Diagnostics),
    #[error("{file}: Rego error: {message}")]
    Rego { file: String, message: String },
}

impl PolicySet {
    /// A fresh Rego engine holding the libraries, the policy and any extra modules.
    pub fn engine_for(
        &self,
        policy: &Policy,
        extra: &[&RegoFile],
    ) -> Result<regorus::Engine, PolicyError> {
        let mut engine = regorus::Engine::new();
        engine.set_rego_v0(false);
        let modules = self
            .libraries
            .iter()
            .chain(std::iter::once(&policy.file))
            .chain(extra.iter().copied());
        for m in modules {
            engine
                .add_policy(m.path.clone(), m.text.to_string())
                .map_err(|e| PolicyError::Rego {
                    file: m.path.clone(),
                    message: e.to_string().trim().to_string(),
                })?;
        }
        Ok(engine)
    }

    pub fn get(&self, id: &str) -> Option<&Policy> {
        self.policies
            .binary_search_by(|p| p.meta.id.as_str().cmp(id))
            .ok()
            .map(|i| &self.policies[i])
    }
}
