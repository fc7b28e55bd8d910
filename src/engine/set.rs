//! The policy set: built-ins plus `--policies` directories, each policy with its metadata, test
//! and rule; loading and validating it is `load`.

use super::finding::RuleInfo;
use super::metadata::PolicyMeta;
use super::source::{RegoFile, SourceError};
use crate::util::diagnostic::Diagnostics;
use std::sync::{Arc, OnceLock};

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
    /// A Rego engine holding only the libraries, parsed once on first use (after loading has
    /// added every library); each policy's engine starts as a clone of it. The libraries are
    /// about twenty times the text of a policy, and a scan builds an engine per policy at
    /// least twice (the load check and the compiler), so parsing them once per policy was
    /// most of the time spent loading the policies. Err holds (file, message).
    base: OnceLock<Result<Box<regorus::Engine>, (String, String)>>,
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
        self.engine_with(std::iter::once(&policy.file).chain(extra.iter().copied()))
    }

    /// A fresh Rego engine holding the libraries and `modules`.
    pub fn engine_with<'a>(
        &self,
        modules: impl IntoIterator<Item = &'a RegoFile>,
    ) -> Result<regorus::Engine, PolicyError> {
        let base = self.base.get_or_init(|| {
            let mut engine = regorus::Engine::new();
            engine.set_rego_v0(false);
            for m in &self.libraries {
                add_module(&mut engine, m)?;
            }
            Ok(Box::new(engine))
        });
        let mut engine = match base {
            Ok(engine) => regorus::Engine::clone(engine),
            Err((file, message)) => {
                return Err(PolicyError::Rego {
                    file: file.clone(),
                    message: message.clone(),
                })
            }
        };
        for m in modules {
            add_module(&mut engine, m)
                .map_err(|(file, message)| PolicyError::Rego { file, message })?;
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

fn add_module(engine: &mut regorus::Engine, m: &RegoFile) -> Result<(), (String, String)> {
    engine
        .add_policy(m.path.clone(), m.text.to_string())
        .map(drop)
        .map_err(|e| (m.path.clone(), e.to_string().trim().to_string()))
}
