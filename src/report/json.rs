//! The JSON report: versioned (`"version": 1`) and kept apart from internal types, so the
//! internal representation can change without breaking users.

use super::ScanReport;
use crate::findings::{Controls, Counts, Finding, Severity, Status};
use crate::inventory::{Gap, ResourceRef};
use serde::Serialize;
use std::collections::BTreeMap;

pub const JSON_VERSION: u32 = 1;

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    tool: Tool,
    snapshot: Snapshot<'a>,
    summary: Summary,
    gaps: &'a [Gap],
    findings: Vec<JsonFinding<'a>>,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct Snapshot<'a> {
    schema_version: &'a str,
    collected_at: String,
    accounts: Vec<&'a str>,
    resources: usize,
}

#[derive(Serialize)]
struct Summary {
    policies: usize,
    #[serde(flatten)]
    counts: Counts,
    /// Failing findings by severity.
    failing_by_severity: BTreeMap<Severity, usize>,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    policy_id: &'a str,
    title: &'a str,
    severity: Severity,
    status: Status,
    resource: &'a ResourceRef,
    message: &'a str,
    #[serde(skip_serializing_if = "serde_json::Value::is_null")]
    evidence: &'a serde_json::Value,
    remediation: &'a str,
    frameworks: &'a Controls,
}

fn finding(f: &Finding) -> JsonFinding<'_> {
    JsonFinding {
        policy_id: &f.rule.id,
        title: &f.rule.title,
        severity: f.rule.severity,
        status: f.status,
        resource: &f.resource,
        message: &f.message,
        evidence: &f.evidence,
        remediation: &f.rule.remediation,
        frameworks: &f.rule.frameworks,
    }
}

/// Failing findings by severity, every severity present (zero where none).
pub fn failing_by_severity(findings: &[Finding]) -> BTreeMap<Severity, usize> {
    let mut m: BTreeMap<Severity, usize> = Severity::ALL.iter().map(|s| (*s, 0)).collect();
    for f in findings.iter().filter(|f| f.status == Status::Fail) {
        *m.entry(f.rule.severity).or_default() += 1;
    }
    m
}

pub fn render(r: &ScanReport) -> String {
    let report = Report {
        version: JSON_VERSION,
        tool: Tool {
            name: "palisade",
            version: env!("CARGO_PKG_VERSION"),
        },
        snapshot: Snapshot {
            schema_version: &r.inventory.schema_version,
            collected_at: r.inventory.collected_at.to_rfc3339(),
            accounts: r.inventory.accounts.iter().map(|a| a.id.as_str()).collect(),
            resources: r.resources,
        },
        summary: Summary {
            policies: r.policies.policies.len(),
            counts: Counts::of(r.findings),
            failing_by_severity: failing_by_severity(r.findings),
        },
        gaps: &r.inventory.gaps,
        findings: r.findings.iter().map(finding).collect(),
    };
    let mut s = serde_json::to_string_pretty(&report).unwrap_or_else(|e| {
        // Serializing our own plain structs cannot fail; say so loudly if it ever does.
        format!(
            "{{\"version\":{JSON_VERSION},\"error\":{:?}}}",
            e.to_string()
        )
    });
    s.push('\n');
    s
}
