//! Framework files (`policies/frameworks/<id>.yaml`): controls with the policies that evidence
//! them, or what an auditor must check by hand. Parsed and checked as a whole before a scan.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One compliance framework: HIPAA Security Rule, PCI DSS, CIS AWS Foundations.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
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
    /// Shared with the control results of every scan that evaluates them.
    pub controls: Vec<Arc<Control>>,
    /// Where it was loaded from (for error messages).
    #[serde(skip)]
    pub path: String,
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
    #[error("framework file {file}: {message}")]
    Invalid { file: String, message: String },
    #[error("duplicate framework id `{id}`: defined in {first} and in {second}")]
    Duplicate {
        id: String,
        first: String,
        second: String,
    },
    #[error("framework `{framework}` control {control}: there is no policy `{policy}`")]
    UnknownPolicy {
        framework: String,
        control: String,
        policy: String,
    },
    #[error("policy `{policy}` maps to framework `{framework}`, which is not loaded (frameworks: {known})")]
    UnknownFramework {
        policy: String,
        framework: String,
        known: String,
    },
    #[error("policy `{policy}` maps to control `{control}`, which framework `{framework}` does not have")]
    UnknownControl {
        policy: String,
        framework: String,
        control: String,
    },
}

/// Framework ids are short kebab-case slugs with dots allowed (`pci-dss-4.0`).
fn is_framework_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.')
}

/// Parses and checks one framework file; `path` names it in errors and gives the expected id.
pub fn parse(path: &str, text: &str) -> Result<Framework, FrameworkError> {
    let invalid = |message: String| FrameworkError::Invalid {
        file: path.to_string(),
        message,
    };
    let mut fw: Framework = serde_yaml::from_str(text).map_err(|e| invalid(e.to_string()))?;
    fw.path = path.to_string();
    let stem = Path::new(path)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    if !is_framework_id(&fw.id) {
        return Err(invalid(format!(
            "framework id {:?} must be lowercase letters, digits, `-` and `.` (e.g. `pci-dss-4.0`)",
            fw.id
        )));
    }
    if fw.id != stem {
        return Err(invalid(format!(
            "framework id `{}` must match the file name (`{}.yaml`)",
            fw.id, fw.id
        )));
    }
    if fw.controls.is_empty() {
        return Err(invalid("lists no controls".into()));
    }
    let mut seen = BTreeSet::new();
    for c in &fw.controls {
        if c.id.trim().is_empty() || c.title.trim().is_empty() {
            return Err(invalid(format!(
                "a control has an empty id or title (after {:?})",
                seen.last()
            )));
        }
        if !seen.insert(c.id.as_str()) {
            return Err(invalid(format!("control {} is listed twice", c.id)));
        }
        let manual = c.manual.as_deref().is_some_and(|m| !m.trim().is_empty());
        if c.policies.is_empty() && !manual {
            return Err(invalid(format!(
                "control {} has neither `policies` nor `manual`: say which policies evidence it, or what an auditor checks by hand",
                c.id
            )));
        }
        let mut policies = BTreeSet::new();
        for p in &c.policies {
            if !policies.insert(p) {
                return Err(invalid(format!(
                    "control {} lists policy `{p}` twice",
                    c.id
                )));
            }
        }
    }
    Ok(fw)
}

/// The built-in frameworks, then those in each `DIR/frameworks/*.yaml`, sorted by id.
pub fn load(dirs: &[PathBuf]) -> Result<Vec<Framework>, FrameworkError> {
    let mut files: Vec<(String, String)> = crate::util::builtin::framework_files()
        .iter()
        .map(|(p, t)| (p.to_string(), t.to_string()))
        .collect();
    for dir in dirs {
        let fw_dir = dir.join("frameworks");
        let Ok(entries) = std::fs::read_dir(&fw_dir) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
            .collect();
        paths.sort();
        for p in paths {
            let text = std::fs::read_to_string(&p).map_err(|error| FrameworkError::Read {
                file: p.clone(),
                error,
            })?;
            files.push((p.display().to_string(), text));
        }
    }
    let mut by_id: BTreeMap<String, Framework> = BTreeMap::new();
    for (path, text) in files {
        let fw = parse(&path, &text)?;
        if let Some(first) = by_id.get(&fw.id) {
            return Err(FrameworkError::Duplicate {
                id: fw.id.clone(),
                first: first.path.clone(),
                second: path,
            });
        }
        by_id.insert(fw.id.clone(), fw);
    }
    Ok(by_id.into_values().collect())
}

/// Checks every policy a control names exists (`known`), and adds the controls that policies
/// declare in their own metadata (custom policies) to those controls.
pub fn bind<'a>(
    frameworks: &mut [Framework],
    known: &BTreeSet<String>,
    declared: impl Iterator<Item = (&'a str, &'a crate::engine::Controls)>,
) -> Result<(), FrameworkError> {
    for fw in frameworks.iter() {
        for c in &fw.controls {
            if let Some(p) = c.policies.iter().find(|p| !known.contains(*p)) {
                return Err(FrameworkError::UnknownPolicy {
                    framework: fw.id.clone(),
                    control: c.id.clone(),
                    policy: p.clone(),
                });
            }
        }
    }
    for (policy, controls) in declared {
        for (fw_id, ids) in controls {
            let Some(fw) = frameworks.iter_mut().find(|f| &f.id == fw_id) else {
                let known: Vec<&str> = frameworks.iter().map(|f| f.id.as_str()).collect();
                return Err(FrameworkError::UnknownFramework {
                    policy: policy.to_string(),
                    framework: fw_id.clone(),
                    known: known.join(", "),
                });
            };
            for id in ids {
                let Some(control) = fw.controls.iter_mut().find(|c| &c.id == id) else {
                    return Err(FrameworkError::UnknownControl {
                        policy: policy.to_string(),
                        framework: fw_id.clone(),
                        control: id.clone(),
                    });
                };
                if !control.policies.iter().any(|p| p == policy) {
                    Arc::make_mut(control).policies.push(policy.to_string());
                }
            }
        }
    }
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "id: test-fw\ntitle: Test\nversion: \"1\"\ndescription: d\ncontrols:\n  - id: \"1.1\"\n    title: One\n    description: d\n    policies: [a-b]\n  - id: \"1.2\"\n    title: Two\n    description: d\n    manual: Look at the paper records.\n";

    #[test]
    fn a_good_file_parses() {
        let fw = parse("x/test-fw.yaml", GOOD).unwrap();
        assert_eq!(fw.controls.len(), 2);
        assert!(fw.controls[1].is_manual());
        assert_eq!(fw.automated(), 1);
    }

    #[test]
    fn mistakes_are_named() {
        let bad = |path: &str, t: &str| parse(path, t).unwrap_err().to_string();
        assert!(bad("x/other.yaml", GOOD).contains("must match the file name"));
        assert!(bad(
            "x/test-fw.yaml",
            &GOOD.replace("    manual: Look at the paper records.\n", "")
        )
        .contains("control 1.2 has neither `policies` nor `manual`"));
        assert!(bad("x/test-fw.yaml", &GOOD.replace("\"1.2\"", "\"1.1\"")).contains("listed twice"));
        assert!(
            bad("x/test-fw.yaml", &GOOD.replace("title: Two", "titel: Two"))
                .contains("unknown field")
        );
        assert!(bad("x/test-fw.yaml", "controls: [").contains("test-fw.yaml"));
    }

    #[test]
    fn bind_checks_policies_and_adds_declared_controls() {
        let mut fws = vec![parse("x/test-fw.yaml", GOOD).unwrap()];
        let known: BTreeSet<String> = ["a-b".to_string(), "c-d".to_string()].into();
        let mut declared = crate::engine::Controls::new();
        declared.insert("test-fw".into(), vec!["1.2".into()]);
        bind(&mut fws, &known, [("c-d", &declared)].into_iter()).unwrap();
        assert_eq!(fws[0].controls[1].policies, vec!["c-d"]);
        assert_eq!(controls_by_policy(&fws)["c-d"]["test-fw"], vec!["1.2"]);

        let mut wrong = crate::engine::Controls::new();
        wrong.insert("test-fw".into(), vec!["9.9".into()]);
        let e = bind(&mut fws, &known, [("c-d", &wrong)].into_iter()).unwrap_err();
        assert!(e.to_string().contains("control `9.9`"), "{e}");
        let e = bind(&mut fws, &BTreeSet::new(), std::iter::empty()).unwrap_err();
        assert!(e.to_string().contains("no policy `a-b`"), "{e}");
    }
}
