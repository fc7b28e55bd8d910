//! `palisade policies test`: runs every `test_` rule of the policies' `_test.rego` files.
//!
//! A test passes when its rule evaluates to `true`. Built-in policies name their tests
//! `test_fail_*` (a case the policy must flag) and `test_pass_*` (a case it must not).

use super::set::{Policy, PolicySet};
use super::source::RegoFile;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct TestResult {
    pub file: String,
    pub name: String,
    pub passed: bool,
    /// Why it failed: the rule was false, undefined, or errored.
    pub detail: Option<String>,
}

/// The `test_` rule names declared at the top level of a test file, in file order.
pub fn test_rules(file: &RegoFile) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for line in file.text.lines() {
        if !line.starts_with("test_") {
            continue;
        }
        let name: String = line
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

fn run_file(set: &PolicySet, policy: Option<&Policy>, test: &RegoFile, out: &mut Vec<TestResult>) {
    let engine = match policy {
        Some(p) => set.engine_for(p, &[test]),
        // A library test: libraries plus the test module.
        None => set.engine_with([test]),
    };
    let mut engine = match engine {
        Ok(e) => e,
        Err(e) => {
            out.push(TestResult {
                file: test.path.clone(),
                name: "(compile)".into(),
                passed: false,
                detail: Some(e.to_string()),
            });
            return;
        }
    };
    let rules = test_rules(test);
    if rules.is_empty() {
        out.push(TestResult {
            file: test.path.clone(),
            name: "(none)".into(),
            passed: false,
            detail: Some("no `test_` rules in this file".into()),
        });
    }
    for name in rules {
        let result = engine.eval_rule(format!("data.{}.{name}", test.package));
        let (passed, detail) = match result {
            Ok(regorus::Value::Bool(true)) => (true, None),
            Ok(regorus::Value::Undefined) => {
                (false, Some("undefined (a condition did not hold)".into()))
            }
            Ok(v) => (false, Some(format!("evaluated to {v}"))),
            Err(e) => (false, Some(format!("error: {e}"))),
        };
        out.push(TestResult {
            file: test.path.clone(),
            name,
            passed,
            detail,
        });
    }
}

/// Runs the tests of every policy (and library) in the set. Policies without a test file are
/// reported as a failed `(missing)` test: an untested policy is not done.
pub fn run(set: &PolicySet) -> Vec<TestResult> {
    let mut out = Vec::new();
    for policy in &set.policies {
        match &policy.test {
            Some(test) => run_file(set, Some(policy), test, &mut out),
            None => out.push(TestResult {
                file: policy.file.path.clone(),
                name: "(missing)".into(),
                passed: false,
                detail: Some(format!(
                    "no test file; expected {} beside it",
                    policy.file.test_path()
                )),
            }),
        }
    }
    for test in &set.library_tests {
        run_file(set, None, test, &mut out);
    }
    out
}
