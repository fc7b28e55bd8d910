//! SARIF 2.1.0 for GitHub code scanning: a small typed model (section numbers refer to the
//! OASIS SARIF 2.1.0 specification) and the rules GitHub adds on top of it.
//!
//! GitHub rejects a whole upload for one bad result, so every result gets a scheme-less,
//! space-free relative `artifactLocation.uri` (`aws/<account>/<region>/<service>/<resource>`; an
//! ARN would read as a URI with scheme `arn:`), `region.startLine: 1`, the ARN as a logical
//! location, and its own `primaryLocationLineHash` (GitHub cannot hash a file that does not exist).

use super::ScanReport;
use crate::engine::Policy;
use crate::findings::baseline::Absent;
use crate::findings::BaselineState;
use crate::findings::{Finding, Severity, Status};
use crate::inventory::ResourceRef;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// GitHub truncates longer descriptions.
const MAX_DESCRIPTION: usize = 1024;
/// GitHub keeps at most 20 tags per rule.
const MAX_TAGS: usize = 20;
const INFORMATION_URI: &str = "https://github.com/palisade-security/palisade";

/// §3.13 sarifLog.
#[derive(Serialize)]
pub struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run<'a>>,
}

/// §3.14 run.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    results: Vec<SarifResult>,
    column_kind: &'static str,
    properties: RunProperties<'a>,
}

/// §3.8 property bag of the run: whether suppressed results are in the log (a later
/// `--baseline` needs to know), and per-control compliance of each `--framework`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RunProperties<'a> {
    suppressed_results_included: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    compliance: Vec<super::controls::FrameworkView<'a>>,
}

/// §3.18 tool, §3.19 toolComponent.
#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    information_uri: &'static str,
    rules: Vec<Rule>,
}

/// §3.49 reportingDescriptor.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: String,
    name: String,
    short_description: Text,
    full_description: Text,
    help: Help,
    #[serde(skip_serializing_if = "Option::is_none")]
    help_uri: Option<String>,
    default_configuration: Configuration,
    properties: RuleProperties,
}

/// §3.11 multiformatMessageString.
#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

/// §3.50 reportingConfiguration.
#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    tags: Vec<String>,
    precision: &'static str,
    #[serde(rename = "security-severity")]
    security_severity: &'static str,
}

/// §3.27 result.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    /// §3.27.9: `pass` for a baseline result that no longer fails (default `fail`).
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<&'static str>,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
    partial_fingerprints: BTreeMap<&'static str, String>,
    /// §3.27.24.
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline_state: Option<BaselineState>,
    /// §3.27.23, §3.35.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<SarifSuppression>,
    properties: ResultProperties,
}

/// §3.35 suppression: an accepted risk from the config.
#[derive(Serialize)]
struct SarifSuppression {
    kind: &'static str,
    status: &'static str,
    justification: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<SuppressionProperties>,
}

#[derive(Serialize)]
struct SuppressionProperties {
    expires: String,
}

/// §3.28 location.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
    logical_locations: Vec<LogicalLocation>,
}

/// §3.29 physicalLocation.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

/// §3.4 artifactLocation.
#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

/// §3.30 region.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
}

/// §3.33 logicalLocation.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LogicalLocation {
    name: String,
    fully_qualified_name: String,
    kind: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultProperties {
    severity: Severity,
    resource_type: String,
    account_id: String,
    region: String,
}

/// SARIF `level` for a severity: GitHub shows `error` and `warning` as alerts by default.
fn level(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low | Severity::Info => "note",
    }
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut t: String = s.chars().take(max - 1).collect();
    t.push('…');
    t
}

/// The AWS service a policy id names: its first word (`ec2-security-group-…` → `ec2`).
pub fn service(policy_id: &str) -> &str {
    policy_id.split('-').next().unwrap_or("aws")
}

/// `ec2-security-group-ssh-open-to-internet` → `Ec2SecurityGroupSshOpenToInternet`.
fn pascal(id: &str) -> String {
    id.split('-')
        .map(|p| {
            let mut c = p.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// Keeps `[A-Za-z0-9._-]`, percent-encodes every other byte, and never yields `.` or `..`.
fn uri_segment(s: &str) -> String {
    if s.is_empty() {
        return "_".into();
    }
    if s == "." || s == ".." {
        return s.replace('.', "%2E");
    }
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `aws/<account>/<region>/<service>/<resource path>` from a finding's resource.
pub fn artifact_uri(r: &ResourceRef) -> String {
    let parts: Vec<&str> = r.arn.splitn(6, ':').collect();
    let (service, resource) = match parts.as_slice() {
        ["arn", _, service, _, _, resource] => (*service, *resource),
        _ => ("unknown", r.arn.as_str()),
    };
    let mut uri = format!(
        "aws/{}/{}/{}",
        uri_segment(&r.account_id),
        uri_segment(&r.region),
        uri_segment(service)
    );
    for seg in resource.split(['/', ':']) {
        uri.push('/');
        uri.push_str(&uri_segment(seg));
    }
    uri
}

/// Stable across runs and machines: the same policy on the same resource is the same alert.
pub fn fingerprint(policy_id: &str, arn: &str) -> String {
    digest_id(&[policy_id, arn])
}

/// The first 32 hex digits of the SHA-256 of `parts` joined by NUL bytes: a stable id.
pub fn digest_id(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            h.update([0]);
        }
        h.update(part.as_bytes());
    }
    let digest = h.finalize();
    digest.iter().take(16).map(|b| format!("{b:02x}")).collect()
}

fn rule(p: &Policy) -> Rule {
    let m = &p.meta;
    let service = service(&m.id).to_string();
    let mut tags = vec![
        "security".to_string(),
        "aws".to_string(),
        service,
        m.severity.to_string(),
    ];
    for (framework, controls) in &p.rule.frameworks {
        tags.push(framework.clone());
        for c in controls {
            tags.push(format!("{framework}/{c}"));
        }
    }
    tags.dedup();
    tags.truncate(MAX_TAGS);
    let mut controls = String::new();
    for (framework, ids) in &p.rule.frameworks {
        controls.push_str(&format!("- {framework}: {}\n", ids.join(", ")));
    }
    let references: String = m.references.iter().map(|r| format!("- <{r}>\n")).collect();
    let markdown = format!(
        "## {}\n\n{}\n\n### Remediation\n\n{}\n\n### Framework controls\n\n{}\n### References\n\n{}",
        m.title,
        m.description,
        m.remediation,
        if controls.is_empty() { "- none\n".into() } else { controls },
        if references.is_empty() { "- none\n".into() } else { references },
    );
    Rule {
        id: m.id.clone(),
        name: pascal(&m.id),
        short_description: Text {
            text: truncate(&m.title, MAX_DESCRIPTION),
        },
        full_description: Text {
            text: truncate(&m.description, MAX_DESCRIPTION),
        },
        help: Help {
            text: format!("{}\n\nRemediation: {}", m.description, m.remediation),
            markdown,
        },
        help_uri: m.references.first().cloned(),
        default_configuration: Configuration {
            level: level(m.severity),
        },
        properties: RuleProperties {
            tags,
            precision: "high",
            security_severity: m.severity.security_severity(),
        },
    }
}

/// A result for `policy_id` on resource `r`, without the fields that depend on its state.
fn located(policy_id: &str, r: &ResourceRef, level: &'static str, text: String) -> SarifResult {
    SarifResult {
        rule_id: policy_id.to_string(),
        rule_index: None,
        kind: None,
        level,
        message: Text {
            text: format!("{text} [{policy_id}: {}]", r.arn),
        },
        locations: vec![Location {
            physical_location: PhysicalLocation {
                artifact_location: ArtifactLocation {
                    uri: artifact_uri(r),
                },
                region: Region { start_line: 1 },
            },
            logical_locations: vec![LogicalLocation {
                name: r.name.clone(),
                fully_qualified_name: r.arn.clone(),
                kind: "resource",
            }],
        }],
        partial_fingerprints: BTreeMap::from([(
            "primaryLocationLineHash",
            fingerprint(policy_id, &r.arn),
        )]),
        baseline_state: None,
        suppressions: Vec::new(),
        properties: ResultProperties {
            severity: Severity::Info,
            resource_type: r.resource_type.clone(),
            account_id: r.account_id.clone(),
            region: r.region.clone(),
        },
    }
}

fn result(f: &Finding, rule_index: Option<usize>) -> SarifResult {
    let mut out = located(
        &f.rule.id,
        &f.resource,
        level(f.severity),
        f.message().into_owned(),
    );
    out.rule_index = rule_index;
    out.baseline_state = f.baseline;
    out.properties.severity = f.severity;
    if let Some(s) = &f.suppression {
        out.suppressions.push(SarifSuppression {
            kind: "external",
            status: "accepted",
            justification: s.justification.clone(),
            properties: s.expires.map(|d| SuppressionProperties {
                expires: d.to_string(),
            }),
        });
    }
    out
}

/// A baseline result that no longer fails: `kind: pass`, `level: none`, `baselineState: absent`.
fn absent_result(a: &Absent, rule_index: Option<usize>) -> SarifResult {
    let text = format!(
        "no longer failing since the baseline ({}); was: {}",
        a.now.describe(),
        a.entry.message
    );
    let mut out = located(&a.entry.policy_id, &a.resource, "none", text);
    out.rule_index = rule_index;
    out.kind = Some("pass");
    out.baseline_state = Some(BaselineState::Absent);
    out.properties.severity = a.entry.severity.unwrap_or(Severity::Info);
    out
}

/// Whether a finding is a SARIF result: failing, or suppressed when those are asked for.
pub fn included(f: &Finding, suppressed: bool) -> bool {
    f.status == Status::Fail || (suppressed && f.status == Status::Suppressed)
}

/// The SARIF log: one run, one rule per policy, one result per failing resource.
pub fn build<'a>(r: &'a ScanReport) -> Log<'a> {
    let rules: Vec<Rule> = r.policies.policies.iter().map(rule).collect();
    let index: BTreeMap<&str, usize> = r
        .policies
        .policies
        .iter()
        .enumerate()
        .map(|(i, p)| (p.meta.id.as_str(), i))
        .collect();
    let mut results: Vec<SarifResult> = r
        .findings
        .iter()
        .filter(|f| included(f, r.sarif_suppressed))
        .filter_map(|f| index.get(f.rule.id.as_str()).map(|i| result(f, Some(*i))))
        .collect();
    if let Some(b) = r.baseline {
        results.extend(
            b.absent
                .iter()
                .map(|a| absent_result(a, index.get(a.entry.policy_id.as_str()).copied())),
        );
    }
    let compliance = super::controls::views(r);
    Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "Palisade",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    information_uri: INFORMATION_URI,
                    rules,
                },
            },
            results,
            column_kind: "utf16CodeUnits",
            properties: RunProperties {
                suppressed_results_included: r.sarif_suppressed,
                compliance,
            },
        }],
    }
}

/// GitHub code scanning accepts at most this many results per run.
pub const GITHUB_MAX_RESULTS: usize = 25_000;

/// Writes the SARIF log to `out`.
pub fn write(r: &ScanReport, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &build(r))?;
    out.write_all(b"\n")
}

/// The SARIF log as a string (tests and small outputs).
pub fn render(r: &ScanReport) -> String {
    super::to_string(|w| write(r, w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_segments_are_safe() {
        assert_eq!(uri_segment("sg-0abc"), "sg-0abc");
        assert_eq!(uri_segment("my bucket"), "my%20bucket");
        assert_eq!(uri_segment(".."), "%2E%2E");
        assert_eq!(uri_segment("a:b"), "a%3Ab");
        assert_eq!(uri_segment("<script>"), "%3Cscript%3E");
        assert_eq!(uri_segment(""), "_");
    }

    #[test]
    fn pascal_case_names() {
        assert_eq!(pascal("iam-root-mfa-disabled"), "IamRootMfaDisabled");
    }
}
