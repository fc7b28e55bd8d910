//! The `# METADATA` block of a policy: parsed from YAML and validated in one step, every mistake
//! reported at its line and column in the `.rego` file.

use super::annotation::Block;
use super::finding::Controls;
use super::severity::Severity;
use crate::util::diagnostic::Diagnostic;
use crate::util::yaml::{self, Step};
use serde::{Deserialize, Serialize};

/// Everything Palisade knows about a policy besides its Rego.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PolicyMeta {
    pub id: String,
    pub title: String,
    /// What it checks and why it matters (Markdown).
    pub description: String,
    pub severity: Severity,
    /// CloudFormation-style type of the resources it judges.
    pub resource_type: String,
    /// The inventory collection whose elements it judges, each on its own (e.g.
    /// `network.security_groups`); large collections are split into chunks along it.
    pub scope: String,
    /// Further collections whose elements it judges each on its own, as it does the scope's
    /// (an IAM document policy judges managed policies and the users, groups and roles holding
    /// inline ones). Each is chunked separately with the other judged collections emptied, so
    /// a large one is neither judged twice nor re-read with every chunk of another.
    pub also_judges: Vec<String>,
    /// Other collections it reads; a collection gap in any of them makes results `not-evaluated`.
    pub inputs: Vec<String>,
    /// The per-resource API operations (`service:Operation`) whose data it reads. When set, a
    /// gap on one resource's other operations (a bucket's versioning, say) leaves this policy's
    /// result for that resource alone; gaps on listing calls always apply.
    pub needs: Vec<String>,
    /// How to fix it (Markdown: console, CLI, Terraform).
    pub remediation: String,
    pub references: Vec<String>,
    /// Controls the policy declares itself, e.g. `hipaa: ["164.312(a)(2)(iv)"]` (custom
    /// policies; the built-ins are mapped in `policies/frameworks/`). The effective mapping,
    /// both merged, is the policy's `rule.frameworks`.
    #[serde(skip)]
    pub frameworks: Controls,
}

impl PolicyMeta {
    /// Every collection the policy reads, the judged ones first.
    pub fn collections(&self) -> impl Iterator<Item = &str> {
        self.judged().chain(self.inputs.iter().map(String::as_str))
    }

    /// The collections whose elements it judges: the scope, then `also_judges`.
    pub fn judged(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.scope.as_str()).chain(self.also_judges.iter().map(String::as_str))
    }
}

/// OPA's annotation fields are accepted so that policies written for OPA load unchanged; only
/// `title`, `description` and `custom` mean something to Palisade.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct RawMeta {
    title: Option<String>,
    description: Option<String>,
    #[serde(default)]
    scope: Option<serde_yaml::Value>,
    #[serde(default)]
    schemas: Option<serde_yaml::Value>,
    #[serde(default)]
    related_resources: Option<serde_yaml::Value>,
    #[serde(default)]
    authors: Option<serde_yaml::Value>,
    #[serde(default)]
    organizations: Option<serde_yaml::Value>,
    #[serde(default)]
    entrypoint: Option<bool>,
    custom: Option<RawCustom>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCustom {
    id: Option<String>,
    severity: Option<String>,
    resource_type: Option<String>,
    scope: Option<String>,
    #[serde(default)]
    also_judges: Vec<String>,
    #[serde(default)]
    inputs: Vec<String>,
    #[serde(default)]
    needs: Vec<String>,
    remediation: Option<String>,
    #[serde(default)]
    references: Vec<String>,
    #[serde(default)]
    frameworks: Controls,
}

/// Parses and validates a policy's metadata, reporting every mistake at its line in `file`.
pub fn parse(file: &str, rego: &str) -> Result<PolicyMeta, Vec<Diagnostic>> {
    let Some(block) = Block::find(rego) else {
        return Err(vec![Diagnostic::file(
            file,
            "no `# METADATA` annotation block: put one above the package (see docs/policy-authoring.md)",
        )]);
    };
    let raw: RawMeta = serde_yaml::from_str(&block.yaml()).map_err(|e| {
        let (message, at) = yaml::error_parts(&e);
        let message = format!("METADATA is not valid: {message}");
        vec![match at {
            Some((line, column)) => {
                Diagnostic::at(file, block.position(rego, line, column, 1), message)
            }
            None => block.diagnostic(file, rego, &[], message),
        }]
    })?;
    let mut problems = Problems::default();
    let meta = validate(raw, &mut problems);
    match meta {
        Some(meta) if problems.0.is_empty() => Ok(meta),
        _ => Err(problems
            .0
            .into_iter()
            .map(|(path, message)| {
                let path: Vec<Step> = path.iter().map(|s| s.step()).collect();
                block.diagnostic(file, rego, &path, message)
            })
            .collect()),
    }
}

/// A diagnostic at `path` of the policy's METADATA (e.g. `custom.id`), for checks made by the
/// caller (the id matches the file name, ids are unique), else at its first line.
pub fn diagnostic(file: &str, rego: &str, path: &[Step], message: String) -> Diagnostic {
    match Block::find(rego) {
        Some(block) => block.diagnostic(file, rego, path, message),
        None => Diagnostic::file(file, message),
    }
}

/// One step of a path to the value at fault, owning its text (a collection name, say).
enum At {
    Key(&'static str),
    Text(String),
}

impl At {
    fn step(&self) -> Step<'_> {
        match self {
            At::Key(k) => Step::Key(k),
            At::Text(t) => Step::Text(t),
        }
    }
}

/// The mistakes of one policy, each with the path it is at.
#[derive(Default)]
struct Problems(Vec<(Vec<At>, String)>);

impl Problems {
    fn add(&mut self, path: Vec<At>, message: String) {
        self.0.push((path, message));
    }

    /// The trimmed value, or a "missing" problem at `path` (as deep as the file goes).
    fn required(&mut self, v: Option<String>, path: &[&'static str]) -> Option<String> {
        match v {
            Some(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
            _ => {
                self.add(
                    path.iter().map(|k| At::Key(k)).collect(),
                    format!("METADATA is missing `{}`", path.join(".")),
                );
                None
            }
        }
    }
}

/// Every check on a parsed block, all mistakes recorded; `None` when a required field is absent.
fn validate(raw: RawMeta, problems: &mut Problems) -> Option<PolicyMeta> {
    use At::{Key, Text};
    let title = problems.required(raw.title, &["title"]);
    let description = problems.required(raw.description, &["description"]);
    let Some(custom) = raw.custom else {
        problems.add(vec![], "METADATA has no `custom` section: it holds the policy's id, severity and scope (see docs/policy-authoring.md)".into());
        return None;
    };
    let id = problems.required(custom.id, &["custom", "id"]);
    if let Some(id) = id.as_deref().filter(|id| !is_policy_id(id)) {
        problems.add(vec![Key("custom"), Key("id")], format!(
            "policy id {id:?} is not a kebab-case slug prefixed by its service (e.g. `ec2-security-group-ssh-open-to-internet`)"
        ));
    }
    let severity = problems
        .required(custom.severity, &["custom", "severity"])
        .and_then(|s| match s.parse::<Severity>() {
            Ok(s) => Some(s),
            Err(e) => {
                problems.add(vec![Key("custom"), Key("severity"), Text(s)], e.to_string());
                None
            }
        });
    let scope = problems.required(custom.scope, &["custom", "scope"]);
    check_collections(
        scope.as_ref(),
        &custom.also_judges,
        &custom.inputs,
        problems,
    );
    for n in &custom.needs {
        let valid = n.split_once(':').is_some_and(|(svc, op)| {
            !svc.is_empty() && !op.is_empty() && op.starts_with(|c: char| c.is_ascii_uppercase())
        });
        if !valid {
            problems.add(
                vec![Key("custom"), Key("needs"), Text(n.clone())],
                format!(
                    "`needs` entry {n:?} is not `service:Operation` (e.g. `s3:GetBucketPolicy`)"
                ),
            );
        } else if crate::inventory::collections::operation(n).is_none() {
            problems.add(
                vec![Key("custom"), Key("needs"), Text(n.clone())],
                format!(
                    "`needs` entry {n:?} is not an operation Palisade calls (see `palisade collections`)"
                ),
            );
        }
    }
    for (framework, controls) in &custom.frameworks {
        if controls.is_empty() {
            problems.add(
                vec![Key("custom"), Key("frameworks"), Text(framework.clone())],
                format!("framework `{framework}` lists no controls"),
            );
        }
    }
    let resource_type = problems.required(custom.resource_type, &["custom", "resource_type"]);
    let remediation = problems.required(custom.remediation, &["custom", "remediation"]);
    Some(PolicyMeta {
        id: id?,
        title: title?,
        description: description?,
        severity: severity?,
        resource_type: resource_type?,
        scope: scope?,
        also_judges: custom.also_judges,
        inputs: custom.inputs,
        needs: custom.needs,
        remediation: remediation?,
        references: custom.references,
        frameworks: custom.frameworks,
    })
}

/// Every collection named in `scope`, `also_judges` and `inputs` exists, and each judged one is
/// named once.
fn check_collections(
    scope: Option<&String>,
    also_judges: &[String],
    inputs: &[String],
    problems: &mut Problems,
) {
    use At::{Key, Text};
    let collections = scope
        .into_iter()
        .map(|c| ("scope", c))
        .chain(also_judges.iter().map(|c| ("also_judges", c)))
        .chain(inputs.iter().map(|c| ("inputs", c)));
    for (key, c) in collections {
        if !crate::engine::input::is_collection(c) {
            problems.add(
                vec![Key("custom"), Key(key), Text(c.clone())],
                format!("`{c}` is not an inventory collection (see docs/policy-authoring.md for the list)"),
            );
        }
    }
    for (i, c) in also_judges.iter().enumerate() {
        let twice = scope == Some(c) || also_judges[..i].contains(c) || inputs.contains(c);
        if twice {
            problems.add(
                vec![Key("custom"), Key("also_judges"), Text(c.clone())],
                format!("`{c}` is named twice: a collection is either the scope, judged also, or only read (`inputs`)"),
            );
        }
    }
}

/// `service-words-in-kebab-case`: lowercase ASCII letters and digits, at least two parts.
pub fn is_policy_id(id: &str) -> bool {
    let parts: Vec<&str> = id.split('-').collect();
    parts.len() >= 2
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
        && parts[0].starts_with(|c: char| c.is_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"# METADATA
# title: Example
# description: |
#   Checks a thing.
# custom:
#   id: ec2-example-thing
#   severity: high
#   resource_type: AWS::EC2::SecurityGroup
#   scope: network.security_groups
#   remediation: Fix it.
#   frameworks:
#     hipaa: ["164.312(e)(1)"]
package palisade.ec2.example_thing
"#;

    fn errors(rego: &str) -> Vec<String> {
        parse("p.rego", rego)
            .unwrap_err()
            .iter()
            .map(|d| format!("{}: {}", d.location(), d.message))
            .collect()
    }

    #[test]
    fn parses_a_complete_block() {
        let m = parse("p.rego", GOOD).unwrap();
        assert_eq!(m.id, "ec2-example-thing");
        assert_eq!(m.severity, Severity::High);
        assert_eq!(m.description, "Checks a thing.");
        assert_eq!(m.frameworks["hipaa"], vec!["164.312(e)(1)"]);
    }

    #[test]
    fn a_missing_field_is_reported_at_its_section() {
        let text = GOOD.replace("#   remediation: Fix it.\n", "");
        assert_eq!(
            errors(&text),
            ["p.rego:5:3: METADATA is missing `custom.remediation`"]
        );
        let text = GOOD.replace("# title: Example\n", "");
        assert_eq!(
            errors(&text),
            ["p.rego:1:1: METADATA is missing `title`"],
            "no section to point at: the METADATA line"
        );
        let none = errors("package x");
        assert_eq!(none.len(), 1);
        assert!(none[0].starts_with("p.rego: no `# METADATA`"), "{none:?}");
    }

    #[test]
    fn every_mistake_of_a_policy_is_located_in_the_rego_file() {
        let text = format!("package before\n\n{GOOD}")
            .replace("severity: high", "severity: severe")
            .replace("network.security_groups", "network.nope")
            .replace("ec2-example-thing", "Bad_Id");
        let found = errors(&text);
        assert_eq!(found.len(), 3, "{found:#?}");
        assert!(
            found[0].starts_with("p.rego:8:5: policy id \"Bad_Id\" is not a kebab-case slug"),
            "{}",
            found[0]
        );
        assert_eq!(
            found[1],
            "p.rego:9:15: unknown severity \"severe\": expected critical, high, medium, low or info"
        );
        assert_eq!(
            found[2],
            "p.rego:11:12: `network.nope` is not an inventory collection (see docs/policy-authoring.md for the list)"
        );
    }

    #[test]
    fn yaml_errors_point_into_the_rego_file() {
        let found = errors(&GOOD.replace("  frameworks:", "  frameworkz:"));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            found[0].starts_with("p.rego:11:5: METADATA is not valid: "),
            "{}",
            found[0]
        );
        assert!(
            found[0].contains("unknown field `frameworkz`"),
            "{}",
            found[0]
        );
        let found = errors(&GOOD.replace("#   severity: high", "#   severity: [high]"));
        assert_eq!(
            found,
            ["p.rego:7:15: METADATA is not valid: custom.severity: invalid type: sequence, expected a string"]
        );
    }

    #[test]
    fn needs_names_operations_of_the_registry() {
        let with = |needs: &str| {
            GOOD.replace(
                "#   remediation: Fix it.\n",
                &format!("#   remediation: Fix it.\n#   needs: [{needs}]\n"),
            )
        };
        assert!(parse("p.rego", &with("ec2:DescribeSecurityGroups")).is_ok());
        let found = errors(&with("ec2:DescribeSecurityGroup"));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            found[0].starts_with("p.rego:11:")
                && found[0].contains("not an operation Palisade calls"),
            "{found:#?}"
        );
    }

    #[test]
    fn also_judges_names_collections_judged_nowhere_else() {
        let with = |judges: &str, inputs: &str| {
            GOOD.replace(
                "#   remediation: Fix it.\n",
                &format!("#   remediation: Fix it.\n#   also_judges: [{judges}]\n#   inputs: [{inputs}]\n"),
            )
        };
        let m = parse("p.rego", &with("network.vpcs", "network.subnets")).unwrap();
        assert_eq!(
            m.collections().collect::<Vec<_>>(),
            ["network.security_groups", "network.vpcs", "network.subnets"]
        );
        assert_eq!(
            m.judged().collect::<Vec<_>>(),
            ["network.security_groups", "network.vpcs"]
        );
        let found = errors(&with(
            "network.security_groups, network.vpcs, network.vpcs, network.nope",
            "network.vpcs",
        ));
        assert_eq!(found.len(), 4, "{found:#?}");
        let twice = found
            .iter()
            .filter(|f| f.contains("is named twice"))
            .count();
        assert_eq!(twice, 3, "{found:#?}");
        assert!(
            found.iter().all(|f| f.starts_with("p.rego:11:")),
            "{found:#?}"
        );
        assert!(
            found
                .iter()
                .any(|f| f.contains("`network.nope` is not an inventory collection")),
            "{found:#?}"
        );
    }

    #[test]
    fn policy_ids() {
        assert!(is_policy_id("iam-root-access-key-present"));
        assert!(is_policy_id("s3-bucket-2fa"));
        assert!(!is_policy_id("iam"));
        assert!(!is_policy_id("iam--x"));
        assert!(!is_policy_id("1am-x"));
    }
}
