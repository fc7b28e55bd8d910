//! Framework files (`policies/frameworks/<id>.yaml`): controls with the policies that evidence
//! them, or what an auditor must check by hand. Reading and checking them is `parse`; checking
//! them against the policies is `bind`.

use crate::util::diagnostic::Diagnostics;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

/// One compliance framework: HIPAA Security Rule, PCI DSS, CIS AWS Foundations.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    /// `hipaa`, `pci-dss-4.0`, `cis-aws-3.0`: the file name without `.yaml`.
    pub id: String,
    pub title: String,
    /// The edition of the standard the controls follow, e.g. `4.0.1`.
    pub version: String,
    #[serde(default)]
    pub url: Option<String>,
    pub description: String,
    /// Shared with the control results of every scan that evaluates them. Read control by
    /// control, so a mistake in one does not hide those in the others (see `parse`).
    #[serde(default)]
    pub controls: Vec<Arc<Control>>,
    /// Where it was loaded from (for error messages).
    #[serde(skip)]
    pub path: String,
    /// The file's text, so that a later check (a control naming an unknown policy) can point
    /// at its line.
    #[serde(skip)]
    pub text: Arc<str>,
}

/// One control (requirement, implementation specification, recommendation).
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Control {
    pub id: String,
    pub title: String,
    /// The heading it is grouped under in reports (e.g. "Technical safeguards").
    #[serde(default)]
    pub section: Option<String>,
    pub description: String,
    /// Policy ids whose results evidence the control.
    #[serde(default)]
    pub policies: Vec<String>,
    /// For controls configuration cannot evidence: what an auditor checks by hand.
    #[serde(default)]
    pub manual: Option<String>,
}

impl Control {
    /// A control no policy evidences: its status is always `manual`.
    pub fn is_manual(&self) -> bool {
        self.policies.is_empty()
    }
}

impl Framework {
    pub fn control(&self, id: &str) -> Option<&Control> {
        self.controls.iter().find(|c| c.id == id).map(|c| &**c)
    }

    /// Number of controls evidenced by at least one policy.
    pub fn automated(&self) -> usize {
        self.controls.iter().filter(|c| !c.is_manual()).count()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum FrameworkError {
    #[error("cannot read framework file {file}: {error}")]
    Read {
        file: PathBuf,
        error: std::io::Error,
    },
    /// Every mistake in the framework files, located; the message is the summary line.
    #[error("cannot load the frameworks: {}", .0.summary())]
    Invalid(#[source] Diagnostics),
    /// Controls naming policies that do not exist, or policies declaring controls that do not.
    #[error("the frameworks and the policies do not match: {}", .0.summary())]
    Unbound(#[source] Diagnostics),
}

/// Policy id → framework id → control ids, the inverse of the framework files.
pub fn controls_by_policy(frameworks: &[Framework]) -> BTreeMap<&str, crate::engine::Controls> {
    let mut out: BTreeMap<&str, crate::engine::Controls> = BTreeMap::new();
    for fw in frameworks {
        for c in &fw.controls {
            for p in &c.policies {
                out.entry(p.as_str())
                    .or_default()
                    .entry(fw.id.clone())
                    .or_default()
                    .push(c.id.clone());
            }
        }
    }
    out
}
