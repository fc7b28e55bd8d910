//! The policy set: built-ins plus `--policies` directories, validated as a whole before anything
//! is evaluated (ids unique, metadata complete, Rego compiles, `deny` and `checked` defined).

use super::finding::RuleInfo;
use super::metadata::{self, PolicyMeta};
use super::source::{self, RegoFile, SourceError};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::PathBuf;
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
    #[error("{file}: {message}")]
    Invalid { file: String, message: String },
    #[error("duplicate policy id `{id}`: defined in {first} and in {second}")]
    DuplicateId {
        id: String,
        first: String,
        second: String,
    },
    #[error("duplicate Rego package `{package}`: declared in {first} and in {second}")]
    DuplicatePackage {
        package: String,
        first: String,
        second: String,
    },
    #[error("{file}: Rego error: {message}")]
    Rego { file: String, message: String },
    #[error("{file}: test file has no policy beside it (expected {expected})")]
    OrphanTest { file: String, expected: String },
}

/// The built-in helper libraries (and their tests) whose packages `own` does not define:
/// custom policies may import them even when the built-in checks are left out.
fn builtin_libraries_except(own: &[RegoFile]) -> Result<Vec<(RegoFile, bool)>, PolicyError> {
    let builtin = source::builtin()?;
    let libraries: Vec<&RegoFile> = builtin
        .iter()
        .filter(|b| b.is_library() && !b.is_test())
        .filter(|b| !own.iter().any(|o| o.package == b.package))
        .collect();
    Ok(builtin
        .iter()
        .filter(|b| {
            libraries
                .iter()
                .any(|l| l.path == b.path || l.test_path() == b.path)
        })
        .map(|b| (b.clone(), true))
        .collect())
}

impl PolicySet {
    /// Loads the built-ins (unless `builtin` is false) and every directory, then validates.
    pub fn load(builtin: bool, dirs: &[PathBuf]) -> Result<Self, PolicyError> {
        let mut own = Vec::new();
        for dir in dirs {
            own.extend(source::directory(dir)?);
        }
        let mut files: Vec<(RegoFile, bool)> = if builtin {
            source::builtin()?.into_iter().map(|f| (f, true)).collect()
        } else {
            builtin_libraries_except(&own)?
        };
        files.extend(own.into_iter().map(|f| (f, false)));
        Self::from_files(files)
    }

    fn from_files(files: Vec<(RegoFile, bool)>) -> Result<Self, PolicyError> {
        let mut set = PolicySet::default();
        let mut tests: BTreeMap<String, RegoFile> = BTreeMap::new();
        let mut policy_files = Vec::new();
        let mut packages: BTreeMap<String, String> = BTreeMap::new();
        for (file, builtin) in files {
            if !file.is_test() {
                if let Some(first) = packages.insert(file.package.clone(), file.path.clone()) {
                    return Err(PolicyError::DuplicatePackage {
                        package: file.package.clone(),
                        first,
                        second: file.path.clone(),
                    });
                }
            }
            if file.is_test() {
                tests.insert(file.path.clone(), file);
            } else if file.is_library() {
                set.libraries.push(file);
            } else {
                policy_files.push((file, builtin));
            }
        }
        let mut by_id: BTreeMap<String, Policy> = BTreeMap::new();
        for (file, builtin) in policy_files {
            let meta = metadata::parse(&file.text).map_err(|message| PolicyError::Invalid {
                file: file.path.clone(),
                message,
            })?;
            if file.file_stem() != meta.id {
                return Err(PolicyError::Invalid {
                    file: file.path.clone(),
                    message: format!(
                        "policy id `{}` must match the file name (`{}.rego`): one policy per file, named by its id",
                        meta.id, meta.id
                    ),
                });
            }
            let test = tests.remove(&file.test_path());
            let rule = Arc::new(RuleInfo {
                id: meta.id.clone(),
                title: meta.title.clone(),
                severity: meta.severity,
                remediation: meta.remediation.clone(),
                frameworks: meta.frameworks.clone(),
            });
            let policy = Policy {
                meta,
                file,
                test,
                rule,
                builtin,
            };
            if let Some(first) = by_id.get(&policy.meta.id) {
                return Err(PolicyError::DuplicateId {
                    id: policy.meta.id.clone(),
                    first: first.file.path.clone(),
                    second: policy.file.path.clone(),
                });
            }
            by_id.insert(policy.meta.id.clone(), policy);
        }
        for (path, test) in tests {
            // A library's tests are in a library package's test file.
            if set.libraries.iter().any(|l| l.test_path() == path) {
                set.library_tests.push(test);
            } else {
                return Err(PolicyError::OrphanTest {
                    expected: format!("{}.rego", path.trim_end_matches("_test.rego")),
                    file: path,
                });
            }
        }
        set.policies = by_id.into_values().collect();
        let empty = crate::inventory::Inventory::empty(chrono::DateTime::UNIX_EPOCH);
        let input =
            super::input::build(&empty, &Default::default()).map_err(|e| PolicyError::Rego {
                file: "<empty inventory>".into(),
                message: e.to_string(),
            })?;
        set.policies
            .par_iter()
            .try_for_each(|policy| set.check_compiles(policy, &input))?;
        Ok(set)
    }

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

    /// Parses the policy and evaluates its two rules on an empty inventory, which catches syntax
    /// errors, unknown functions and missing `deny`/`checked` rules before any real input.
    fn check_compiles(
        &self,
        policy: &Policy,
        empty_input: &regorus::Value,
    ) -> Result<(), PolicyError> {
        let mut engine = self.engine_for(policy, &[])?;
        engine.set_input(empty_input.clone());
        for rule in ["deny", "checked"] {
            let path = format!("data.{}.{rule}", policy.file.package);
            engine.eval_rule(path).map_err(|e| PolicyError::Rego {
                file: policy.file.path.clone(),
                message: format!("rule `{rule}`: {e}"),
            })?;
        }
        Ok(())
    }

    pub fn get(&self, id: &str) -> Option<&Policy> {
        self.policies
            .binary_search_by(|p| p.meta.id.as_str().cmp(id))
            .ok()
            .map(|i| &self.policies[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> (RegoFile, bool) {
        let package = text
            .lines()
            .find_map(|l| l.strip_prefix("package "))
            .unwrap_or("")
            .trim()
            .to_string();
        (
            RegoFile {
                path: path.into(),
                text: Arc::from(text),
                package,
            },
            false,
        )
    }

    fn policy(id: &str, package: &str) -> String {
        format!(
            "# METADATA\n# title: T\n# description: D\n# custom:\n#   id: {id}\n#   severity: low\n#   resource_type: AWS::EC2::VPC\n#   scope: network.vpcs\n#   remediation: R\npackage {package}\n\nimport rego.v1\n\nchecked contains v.arn if some v in input.network.vpcs\n\ndeny contains {{\"arn\": v.arn, \"message\": \"m\"}} if {{\n\tsome v in input.network.vpcs\n\tv.is_default\n}}\n"
        )
    }

    #[test]
    fn loads_a_policy_with_its_test() {
        let set = PolicySet::from_files(vec![
            file("d/ec2-a-b.rego", &policy("ec2-a-b", "x.a")),
            file(
                "d/ec2-a-b_test.rego",
                "package x.a_test\n\nimport rego.v1\n\ntest_pass_x if true\n",
            ),
        ])
        .unwrap();
        assert_eq!(set.policies.len(), 1);
        assert!(set.policies[0].test.is_some());
        assert!(set.get("ec2-a-b").is_some() && set.get("ec2-c-d").is_none());
    }

    #[test]
    fn refuses_duplicate_packages_orphan_tests_and_misnamed_files() {
        let dup = PolicySet::from_files(vec![
            file("d/ec2-a-b.rego", &policy("ec2-a-b", "x.same")),
            file("d/ec2-c-d.rego", &policy("ec2-c-d", "x.same")),
        ]);
        assert!(matches!(dup, Err(PolicyError::DuplicatePackage { .. })));
        let orphan = PolicySet::from_files(vec![file("d/ec2-z_test.rego", "package z_test\n")]);
        assert!(matches!(orphan, Err(PolicyError::OrphanTest { .. })));
        let misnamed = PolicySet::from_files(vec![file("d/other.rego", &policy("ec2-a-b", "x.a"))]);
        let err = misnamed.unwrap_err().to_string();
        assert!(err.contains("must match the file name"), "{err}");
    }

    #[test]
    fn a_policy_without_deny_is_refused_at_load() {
        let text = policy("ec2-a-b", "x.a").replace("deny contains", "denied contains");
        let err = PolicySet::from_files(vec![file("d/ec2-a-b.rego", &text)]).unwrap_err();
        assert!(matches!(err, PolicyError::Rego { .. }), "{err}");
        assert!(err.to_string().contains("rule `deny`"), "{err}");
    }
}
