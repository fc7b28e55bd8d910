//! Loading the policy set: built-ins plus `--policies` directories, validated as a whole before
//! anything is evaluated (metadata complete, ids and packages unique, files named by their id,
//! tests beside their policy, Rego compiles, `deny` and `checked` defined). Every broken policy
//! is reported in one run, each mistake at its line and column.

use super::finding::RuleInfo;
use super::metadata;
use super::set::{Policy, PolicyError, PolicySet};
use super::source::{self, RegoFile};
use crate::util::diagnostic::{Diagnostic, Diagnostics, Position};
use crate::util::yaml::Step;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

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

    pub(super) fn from_files(files: Vec<(RegoFile, bool)>) -> Result<Self, PolicyError> {
        let mut problems = Diagnostics::default();
        let mut set = PolicySet::default();
        let mut tests: BTreeMap<String, RegoFile> = BTreeMap::new();
        let mut policy_files = Vec::new();
        let mut packages: BTreeMap<String, String> = BTreeMap::new();
        let mut custom_library = false;
        for (file, builtin) in files {
            if file.is_test() {
                tests.insert(file.path.clone(), file);
                continue;
            }
            if let Some(first) = packages.insert(file.package.clone(), file.path.clone()) {
                problems.push(Diagnostic::at(
                    &file.path,
                    file.package_position(),
                    format!(
                        "duplicate Rego package `{}`: also declared in {first}; give each policy a package of its own",
                        file.package
                    ),
                ));
            }
            if file.is_library() {
                custom_library |= !builtin;
                set.libraries.push(file);
            } else {
                policy_files.push((file, builtin));
            }
        }
        let mut by_id: BTreeMap<String, Policy> = BTreeMap::new();
        for (file, builtin) in policy_files {
            let meta = match metadata::parse(&file.path, &file.text) {
                Ok(meta) => meta,
                Err(found) => {
                    problems.extend(found);
                    continue;
                }
            };
            let at_id = |message: String| {
                let id = [Step::Key("custom"), Step::Key("id")];
                metadata::diagnostic(&file.path, &file.text, &id, message)
            };
            if file.file_stem() != meta.id {
                problems.push(at_id(format!(
                    "policy id `{}` must match the file name (`{}.rego`): one policy per file, named by its id",
                    meta.id, meta.id
                )));
                continue;
            }
            if let Some(first) = by_id.get(&meta.id) {
                problems.push(at_id(format!(
                    "duplicate policy id `{}`: defined in {} and in {}",
                    meta.id, first.file.path, file.path
                )));
                continue;
            }
            let test = tests.remove(&file.test_path());
            let rule = Arc::new(RuleInfo {
                id: meta.id.clone(),
                title: meta.title.clone(),
                severity: meta.severity,
                remediation: meta.remediation.clone(),
                frameworks: meta.frameworks.clone(),
            });
            by_id.insert(
                meta.id.clone(),
                Policy {
                    meta,
                    file,
                    test,
                    rule,
                    builtin,
                },
            );
        }
        for (path, test) in tests {
            // A library's tests are in a library package's test file.
            if set.libraries.iter().any(|l| l.test_path() == path) {
                set.library_tests.push(test);
            } else {
                let expected = format!("{}.rego", path.trim_end_matches("_test.rego"));
                problems.push(Diagnostic::file(
                    path,
                    format!("test file has no policy beside it (expected {expected})"),
                ));
            }
        }
        set.policies = by_id.into_values().collect();
        if problems.is_empty() {
            problems = set.compile_problems(custom_library)?;
        }
        problems.sort();
        problems.into_result(set).map_err(PolicyError::Invalid)
    }

    /// Compiles every policy and evaluates its two rules on an empty inventory, which catches
    /// syntax errors, unknown functions and missing `deny`/`checked` rules before any real
    /// input. Every policy that fails is reported, a broken library once.
    ///
    /// Built-in policies are skipped unless a custom library is loaded beside them: with only
    /// built-in libraries their Rego is fixed in the binary and checked by its test suite
    /// (`palisade policies test`), and checking them again was most of a scan's loading time
    /// (300 of 330 ms on the demo, once the libraries were parsed only once). Should one ever fail anyway, evaluating it fails, and a policy that fails to
    /// evaluate is reported as an error, never as a pass.
    fn compile_problems(&self, custom_library: bool) -> Result<Diagnostics, PolicyError> {
        let empty = crate::inventory::Inventory::empty(chrono::DateTime::UNIX_EPOCH);
        let input =
            super::input::build(&empty, &Default::default()).map_err(|e| PolicyError::Rego {
                file: "<empty inventory>".into(),
                message: e.to_string(),
            })?;
        let failed: Vec<PolicyError> = self
            .policies
            .par_iter()
            .filter(|policy| custom_library || !policy.builtin)
            .filter_map(|policy| self.check_compiles(policy, &input).err())
            .collect();
        let mut problems = Diagnostics::default();
        for e in failed {
            let d = match e {
                PolicyError::Rego { file, message } => self.rego_diagnostic(&file, &message),
                other => return Err(other),
            };
            if !problems.iter().any(|seen| *seen == d) {
                problems.push(d);
            }
        }
        Ok(problems)
    }

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

    /// A regorus error as a diagnostic. Its own rendering (`--> file:line:col`, the line, a
    /// caret, `error: ...`) is read back for the position and the message; an error without
    /// one (a missing rule) points at the module's `package` line.
    fn rego_diagnostic(&self, file: &str, message: &str) -> Diagnostic {
        let module = self
            .libraries
            .iter()
            .chain(self.policies.iter().map(|p| &p.file))
            .find(|m| m.path == file);
        let located = message.lines().find_map(|l| {
            let at = l.trim().strip_prefix("--> ")?;
            let mut parts = at.rsplitn(3, ':');
            let column: usize = parts.next()?.parse().ok()?;
            let line: usize = parts.next()?.parse().ok()?;
            (parts.next()? == file).then_some((line, column))
        });
        let said = message
            .lines()
            .find_map(|l| l.strip_prefix("error: "))
            .filter(|_| located.is_some())
            .unwrap_or(message)
            .trim();
        let said = format!("Rego error: {said}");
        match (module, located) {
            (Some(m), Some((line, column))) => {
                let source = m
                    .text
                    .lines()
                    .nth(line.saturating_sub(1))
                    .unwrap_or_default();
                let column = char_column(source, column);
                Diagnostic::at(file, Position::at(&m.text, line, column, 1), said)
            }
            (Some(m), None) => Diagnostic::at(file, m.package_position(), said),
            (None, _) => Diagnostic::file(file, said),
        }
    }
}

/// regorus counts a tab as four columns; diagnostics count characters.
fn char_column(line: &str, rego_column: usize) -> usize {
    let mut width = 1;
    for (i, c) in line.chars().enumerate() {
        if width >= rego_column {
            return i + 1;
        }
        width += if c == '\t' { 4 } else { 1 };
    }
    line.chars().count() + 1 + rego_column.saturating_sub(width)
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

    /// Each diagnostic as `file:line:col: message`.
    fn problems(files: Vec<(RegoFile, bool)>) -> Vec<String> {
        match PolicySet::from_files(files) {
            Err(PolicyError::Invalid(found)) => found
                .iter()
                .map(|d| format!("{}: {}", d.location(), d.message))
                .collect(),
            other => panic!("expected located problems, got {other:?}"),
        }
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
    fn every_broken_policy_is_reported_at_its_line() {
        let found = problems(vec![
            file("d/ec2-a-b.rego", &policy("ec2-a-b", "x.same")),
            file("d/ec2-c-d.rego", &policy("ec2-c-d", "x.same")),
            file("d/other.rego", &policy("ec2-e-f", "x.other")),
            file(
                "d/ec2-g-h.rego",
                &policy("ec2-g-h", "x.g").replace("#   severity: low\n", ""),
            ),
            file("d/ec2-z_test.rego", "package z_test\n"),
        ]);
        assert_eq!(
            found,
            [
                "d/ec2-c-d.rego:10:9: duplicate Rego package `x.same`: also declared in d/ec2-a-b.rego; give each policy a package of its own",
                "d/other.rego:5:5: policy id `ec2-e-f` must match the file name (`ec2-e-f.rego`): one policy per file, named by its id",
                "d/ec2-g-h.rego:4:3: METADATA is missing `custom.severity`",
                "d/ec2-z_test.rego: test file has no policy beside it (expected d/ec2-z.rego)",
            ]
        );
    }

    #[test]
    fn a_duplicate_id_points_at_the_second_definition() {
        let found = problems(vec![
            file("a/ec2-a-b.rego", &policy("ec2-a-b", "x.a")),
            file("b/ec2-a-b.rego", &policy("ec2-a-b", "x.b")),
        ]);
        assert_eq!(
            found,
            ["b/ec2-a-b.rego:5:5: duplicate policy id `ec2-a-b`: defined in a/ec2-a-b.rego and in b/ec2-a-b.rego"]
        );
    }

    #[test]
    fn regorus_columns_count_a_tab_as_four() {
        assert_eq!(char_column("\tab", 5), 2);
        assert_eq!(char_column("ab", 2), 2);
        assert_eq!(char_column("ab", 4), 4);
    }

    #[test]
    fn every_policy_that_does_not_compile_is_reported() {
        let no_deny = policy("ec2-a-b", "x.a").replace("deny contains", "denied contains");
        let syntax = policy("ec2-c-d", "x.c").replace("\tv.is_default\n", "\tv.is_default )\n");
        let found = problems(vec![
            file("d/ec2-a-b.rego", &no_deny),
            file("d/ec2-c-d.rego", &syntax),
            file("d/ec2-e-f.rego", &policy("ec2-e-f", "x.e")),
        ]);
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(
            found[0].starts_with("d/ec2-a-b.rego:10:9: Rego error: rule `deny`"),
            "a missing rule points at the package: {}",
            found[0]
        );
        assert!(
            found[1].starts_with("d/ec2-c-d.rego:18:15: Rego error: "),
            "the `)` after a tab and 13 characters: {}",
            found[1]
        );
    }
}
