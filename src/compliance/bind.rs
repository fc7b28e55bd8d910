//! Frameworks checked against the policies: every policy a control names exists, and every
//! control a custom policy declares in its METADATA exists and gains that policy. Every
//! mismatch is reported, at the control's line in the framework file or at the policy's
//! `frameworks:` entry in its `.rego` file.

use super::framework::{Framework, FrameworkError};
use crate::engine::{metadata, Controls};
use crate::util::diagnostic::{Diagnostic, Diagnostics, Position};
use crate::util::yaml::{self, Step};
use std::collections::BTreeSet;
use std::sync::Arc;

/// The controls one policy declares, and the file they are declared in.
pub struct Declared<'a> {
    pub policy: &'a str,
    pub controls: &'a Controls,
    /// The policy's path and text, to point at the declaration.
    pub file: &'a str,
    pub rego: &'a str,
}

/// Checks every policy a control names exists (`known`), and adds the controls that policies
/// declare in their own metadata (custom policies) to those controls.
pub fn bind<'a>(
    frameworks: &mut [Framework],
    known: &BTreeSet<String>,
    declared: impl Iterator<Item = Declared<'a>>,
) -> Result<(), FrameworkError> {
    let mut problems = Diagnostics::default();
    for fw in frameworks.iter() {
        problems.extend(unknown_policies(fw, known));
    }
    for d in declared {
        for (fw_id, ids) in d.controls {
            let Some(fw) = frameworks.iter_mut().find(|f| &f.id == fw_id) else {
                let loaded: Vec<&str> = frameworks.iter().map(|f| f.id.as_str()).collect();
                let path = [
                    Step::Key("custom"),
                    Step::Key("frameworks"),
                    Step::Key(fw_id),
                ];
                problems.push(metadata::diagnostic(
                    d.file,
                    d.rego,
                    &path,
                    format!(
                    "policy `{}` maps to framework `{fw_id}`, which is not loaded (frameworks: {})",
                    d.policy,
                    loaded.join(", ")
                ),
                ));
                continue;
            };
            for id in ids {
                let Some(control) = fw.controls.iter_mut().find(|c| &c.id == id) else {
                    let path = [
                        Step::Key("custom"),
                        Step::Key("frameworks"),
                        Step::Key(fw_id),
                        Step::Text(id),
                    ];
                    problems.push(metadata::diagnostic(d.file, d.rego, &path, format!(
                        "policy `{}` maps to control `{id}`, which framework `{fw_id}` does not have",
                        d.policy
                    )));
                    continue;
                };
                if !control.policies.iter().any(|p| p == d.policy) {
                    Arc::make_mut(control).policies.push(d.policy.to_string());
                }
            }
        }
    }
    problems.sort();
    problems.into_result(()).map_err(FrameworkError::Unbound)
}

/// Each policy a control of `fw` names that is not `known`, at its mention in the control.
fn unknown_policies(fw: &Framework, known: &BTreeSet<String>) -> Vec<Diagnostic> {
    let lines: Vec<&str> = fw.text.lines().collect();
    let mut out = Vec::new();
    for (i, c) in fw.controls.iter().enumerate() {
        for p in c.policies.iter().filter(|p| !known.contains(*p)) {
            let path = [
                Step::Key("controls"),
                Step::Item(i),
                Step::Key("policies"),
                Step::Text(p),
            ];
            let message = format!(
                "framework `{}` control {}: there is no policy `{p}` (see `palisade policies list`)",
                fw.id, c.id
            );
            out.push(match yaml::locate(&lines, &path) {
                Some(at) => Diagnostic::at(
                    &fw.path,
                    Position::at(&fw.text, at.line + 1, at.column + 1, at.width),
                    message,
                ),
                None => Diagnostic::file(&fw.path, message),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compliance::parse::parse;

    const FW: &str = "id: test-fw\ntitle: Test\nversion: \"1\"\ndescription: d\ncontrols:\n  - id: \"1.1\"\n    title: One\n    description: d\n    policies: [a-b, x-y]\n  - id: \"1.2\"\n    title: Two\n    description: d\n    policies:\n      - a-b\n      - z-z\n";

    const REGO: &str = "# METADATA\n# title: T\n# custom:\n#   id: c-d\n#   frameworks:\n#     test-fw: [\"1.2\", \"9.9\"]\n#     nist: [\"AC-1\"]\npackage c_d\n";

    fn messages(e: FrameworkError) -> Vec<String> {
        let FrameworkError::Unbound(found) = e else {
            panic!("expected located mismatches, got {e:?}");
        };
        found
            .iter()
            .map(|d| format!("{}: {}", d.location(), d.message))
            .collect()
    }

    #[test]
    fn declared_controls_are_added() {
        let mut fws = vec![parse("x/test-fw.yaml", FW).unwrap()];
        let known: BTreeSet<String> = ["a-b", "c-d", "x-y", "z-z"].map(String::from).into();
        let mut controls = Controls::new();
        controls.insert("test-fw".into(), vec!["1.2".into()]);
        let declared = Declared {
            policy: "c-d",
            controls: &controls,
            file: "c-d.rego",
            rego: REGO,
        };
        bind(&mut fws, &known, [declared].into_iter()).unwrap();
        assert_eq!(fws[0].controls[1].policies, vec!["a-b", "z-z", "c-d"]);
        let by_policy = crate::compliance::framework::controls_by_policy(&fws);
        assert_eq!(by_policy["c-d"]["test-fw"], vec!["1.2"]);
    }

    #[test]
    fn every_unknown_policy_is_located_in_its_control() {
        let mut fws = vec![parse("x/test-fw.yaml", FW).unwrap()];
        let known: BTreeSet<String> = ["a-b".to_string()].into();
        assert_eq!(
            messages(bind(&mut fws, &known, std::iter::empty()).unwrap_err()),
            [
                "x/test-fw.yaml:9:21: framework `test-fw` control 1.1: there is no policy `x-y` (see `palisade policies list`)",
                "x/test-fw.yaml:15:9: framework `test-fw` control 1.2: there is no policy `z-z` (see `palisade policies list`)",
            ]
        );
    }

    #[test]
    fn every_unknown_declared_control_is_located_in_the_policy() {
        let mut fws = vec![parse("x/test-fw.yaml", FW).unwrap()];
        let known: BTreeSet<String> = ["a-b", "c-d", "x-y", "z-z"].map(String::from).into();
        let controls: Controls = [
            (
                "test-fw".to_string(),
                vec!["1.2".to_string(), "9.9".to_string()],
            ),
            ("nist".to_string(), vec!["AC-1".to_string()]),
        ]
        .into();
        let declared = Declared {
            policy: "c-d",
            controls: &controls,
            file: "c-d.rego",
            rego: REGO,
        };
        assert_eq!(
            messages(bind(&mut fws, &known, [declared].into_iter()).unwrap_err()),
            [
                "c-d.rego:6:25: policy `c-d` maps to control `9.9`, which framework `test-fw` does not have",
                "c-d.rego:7:7: policy `c-d` maps to framework `nist`, which is not loaded (frameworks: test-fw)",
            ]
        );
    }
}
