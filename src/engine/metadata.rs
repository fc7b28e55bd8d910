//! The `# METADATA` block of a policy: parsed from YAML, validated in one step, with errors that
//! name the file.

use super::finding::Controls;
use super::severity::Severity;
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
    /// Every collection the policy reads, scope first.
    pub fn collections(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.scope.as_str()).chain(self.inputs.iter().map(String::as_str))
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
    inputs: Vec<String>,
    #[serde(default)]
    needs: Vec<String>,
    remediation: Option<String>,
    #[serde(default)]
    references: Vec<String>,
    #[serde(default)]
    frameworks: Controls,
}

/// Extracts the first `# METADATA` comment block of a Rego file, without the comment markers.
pub fn extract_block(rego: &str) -> Option<String> {
    let mut lines = rego.lines().skip_while(|l| l.trim() != "# METADATA");
    lines.next()?;
    let mut yaml = String::new();
    for line in lines {
        let t = line.trim_start();
        let Some(rest) = t.strip_prefix('#') else {
            break;
        };
        yaml.push_str(rest.strip_prefix(' ').unwrap_or(rest));
        yaml.push('\n');
    }
    Some(yaml)
}

/// Parses and validates a policy's metadata. Errors are plain sentences; the caller adds the file.
pub fn parse(rego: &str) -> Result<PolicyMeta, String> {
    let block = extract_block(rego).ok_or("no `# METADATA` annotation block")?;
    let raw: RawMeta =
        serde_yaml::from_str(&block).map_err(|e| format!("METADATA is not valid: {e}"))?;
    let custom = raw.custom.ok_or("METADATA has no `custom` section")?;
    let missing = |field: &str| format!("METADATA is missing `{field}`");
    let nonempty = |v: Option<String>, field: &str| match v {
        Some(s) if !s.trim().is_empty() => Ok(s.trim().to_string()),
        _ => Err(missing(field)),
    };
    let id = nonempty(custom.id, "custom.id")?;
    if !is_policy_id(&id) {
        return Err(format!(
            "policy id {id:?} is not a kebab-case slug prefixed by its service (e.g. `ec2-security-group-ssh-open-to-internet`)"
        ));
    }
    let severity = nonempty(custom.severity, "custom.severity")?
        .parse::<Severity>()
        .map_err(|e| e.to_string())?;
    let scope = nonempty(custom.scope, "custom.scope")?;
    for c in std::iter::once(&scope).chain(&custom.inputs) {
        if !crate::engine::input::is_collection(c) {
            return Err(format!(
                "`{c}` is not an inventory collection (see docs/policy-authoring.md for the list)"
            ));
        }
    }
    for n in &custom.needs {
        let valid = n.split_once(':').is_some_and(|(svc, op)| {
            !svc.is_empty() && !op.is_empty() && op.starts_with(|c: char| c.is_ascii_uppercase())
        });
        if !valid {
            return Err(format!(
                "`needs` entry {n:?} is not `service:Operation` (e.g. `s3:GetBucketPolicy`)"
            ));
        }
        if crate::inventory::collections::operation(n).is_none() {
            return Err(format!(
                "`needs` entry {n:?} is not an operation Palisade calls (see `palisade collections`)"
            ));
        }
    }
    for (framework, controls) in &custom.frameworks {
        if controls.is_empty() {
            return Err(format!("framework `{framework}` lists no controls"));
        }
    }
    Ok(PolicyMeta {
        id,
        title: nonempty(raw.title, "title")?,
        description: nonempty(raw.description, "description")?,
        severity,
        resource_type: nonempty(custom.resource_type, "custom.resource_type")?,
        scope,
        inputs: custom.inputs,
        needs: custom.needs,
        remediation: nonempty(custom.remediation, "custom.remediation")?,
        references: custom.references,
        frameworks: custom.frameworks,
    })
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

    #[test]
    fn parses_a_complete_block() {
        let m = parse(GOOD).unwrap();
        assert_eq!(m.id, "ec2-example-thing");
        assert_eq!(m.severity, Severity::High);
        assert_eq!(m.description, "Checks a thing.");
        assert_eq!(m.frameworks["hipaa"], vec!["164.312(e)(1)"]);
    }

    #[test]
    fn names_the_missing_field() {
        let text = GOOD.replace("#   remediation: Fix it.\n", "");
        assert_eq!(
            parse(&text).unwrap_err(),
            "METADATA is missing `custom.remediation`"
        );
        assert!(parse("package x").unwrap_err().contains("no `# METADATA`"));
    }

    #[test]
    fn rejects_bad_ids_severities_and_collections() {
        assert!(parse(&GOOD.replace("ec2-example-thing", "Bad_Id"))
            .unwrap_err()
            .contains("kebab"));
        assert!(parse(&GOOD.replace("severity: high", "severity: severe")).is_err());
        assert!(
            parse(&GOOD.replace("network.security_groups", "network.nope"))
                .unwrap_err()
                .contains("not an inventory collection")
        );
        assert!(parse(&GOOD.replace("  frameworks:", "  frameworkz:")).is_err());
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
