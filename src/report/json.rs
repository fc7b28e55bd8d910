//! The JSON report: versioned (`"version": 1`) and kept apart from internal types, so the
//! internal representation can change without breaking users. Policy facts (title, severity,
//! remediation, framework controls) appear once under `policies`; findings name their policy.
//! Written as a stream: a million-resource report never sits in memory as one string.

use super::ScanReport;
use crate::findings::baseline::Absent;
use crate::findings::suppress::{Suppression, SuppressionUse};
use crate::findings::BaselineState;
use crate::findings::{Controls, Counts, Finding, Severity, Status};
use crate::inventory::{Gap, ResourceRef};
use serde::{Serialize, Serializer};
use std::collections::BTreeMap;
use std::io::Write;

pub const JSON_VERSION: u32 = 1;

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    tool: Tool,
    snapshot: Snapshot<'a>,
    summary: Summary,
    gaps: &'a [Gap],
    policies: BTreeMap<&'a str, PolicyEntry<'a>>,
    /// Per-control status of each `--framework`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    compliance: Vec<super::controls::FrameworkView<'a>>,
    /// What each configured suppression did.
    #[serde(skip_serializing_if = "<[SuppressionUse]>::is_empty")]
    suppressions: &'a [SuppressionUse],
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline: Option<BaselineView<'a>>,
    findings: Findings<'a>,
}

#[derive(Serialize)]
struct BaselineView<'a> {
    path: &'a str,
    new: usize,
    /// Baseline results that no longer fail, and what they are now.
    absent: &'a [Absent],
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
    /// Failing findings not in the `--baseline` report.
    #[serde(skip_serializing_if = "Option::is_none")]
    new_since_baseline: Option<usize>,
}

#[derive(Serialize)]
struct PolicyEntry<'a> {
    title: &'a str,
    severity: Severity,
    resource_type: &'a str,
    remediation: &'a str,
    references: &'a [String],
    frameworks: &'a Controls,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    policy_id: &'a str,
    title: &'a str,
    severity: Severity,
    status: Status,
    resource: &'a ResourceRef,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    evidence: Option<&'a serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    suppression: Option<&'a Suppression>,
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline_state: Option<BaselineState>,
}

/// Serializes findings one by one from the slice, without an intermediate vector.
struct Findings<'a>(&'a [Finding]);

impl Serialize for Findings<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|f| JsonFinding {
            policy_id: &f.rule.id,
            title: &f.rule.title,
            severity: f.severity,
            status: f.status,
            resource: &f.resource,
            message: &f.message,
            evidence: f.evidence.as_deref(),
            suppression: f.suppression.as_deref(),
            baseline_state: f.baseline,
        }))
    }
}

/// Failing findings by severity, every severity present (zero where none).
pub fn failing_by_severity(findings: &[Finding]) -> BTreeMap<Severity, usize> {
    let mut m: BTreeMap<Severity, usize> = Severity::ALL.iter().map(|s| (*s, 0)).collect();
    for f in findings.iter().filter(|f| f.status == Status::Fail) {
        *m.entry(f.severity).or_default() += 1;
    }
    m
}

/// Writes the JSON report to `out`.
pub fn write(r: &ScanReport, out: &mut dyn Write) -> std::io::Result<()> {
    let report = Report {
        version: JSON_VERSION,
        tool: Tool {
            name: "palisade",
            version: env!("CARGO_PKG_VERSION"),
        },
        snapshot: Snapshot {
            schema_version: &r.snapshot.schema_version,
            collected_at: r
                .snapshot
                .collected_at
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            accounts: r.accounts(),
            resources: r.resources,
        },
        summary: Summary {
            policies: r.policies.policies.len(),
            counts: Counts::of(r.findings),
            failing_by_severity: failing_by_severity(r.findings),
            new_since_baseline: r.baseline.map(|b| b.new),
        },
        gaps: &r.snapshot.gaps,
        policies: r
            .policies
            .policies
            .iter()
            .map(|p| {
                let m = &p.meta;
                let entry = PolicyEntry {
                    title: &m.title,
                    severity: m.severity,
                    resource_type: &m.resource_type,
                    remediation: &m.remediation,
                    references: &m.references,
                    frameworks: &p.rule.frameworks,
                };
                (m.id.as_str(), entry)
            })
            .collect(),
        compliance: super::controls::views(r),
        suppressions: r.suppressions,
        baseline: r.baseline.map(|b| BaselineView {
            path: &b.path,
            new: b.new,
            absent: &b.absent,
        }),
        findings: Findings(r.findings),
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    out.write_all(b"\n")
}

/// The JSON report as a string (tests and small outputs).
pub fn render(r: &ScanReport) -> String {
    super::to_string(|w| write(r, w))
}
