//! The JSON report: versioned (`"version": 1`) and kept apart from internal types, so the
//! internal representation can change without breaking users. Policy facts (title, severity,
//! remediation, framework controls) appear once under `policies`; findings name their policy.
//! Written as a stream: a million-resource report never sits in memory as one string. The
//! findings, most of the report, are rendered in parallel a batch at a time and written in
//! order, byte for byte what one serializer would write.

use super::ScanReport;
use crate::findings::baseline::Absent;
use crate::findings::suppress::{Suppression, SuppressionUse};
use crate::findings::BaselineState;
use crate::findings::{Controls, Counts, Finding, Severity, Status};
use crate::inventory::{Gap, ResourceRef};
use rayon::prelude::*;
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
    message: crate::engine::Words<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    evidence: Option<serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    suppression: Option<&'a Suppression>,
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline_state: Option<BaselineState>,
}

/// Serializes findings one by one from the slice, without an intermediate vector.
struct Findings<'a>(&'a [Finding]);

impl Serialize for Findings<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(JsonFinding::of))
    }
}

impl<'a> JsonFinding<'a> {
    fn of(f: &'a Finding) -> Self {
        JsonFinding {
            policy_id: &f.rule.id,
            title: &f.rule.title,
            severity: f.severity,
            status: f.status,
            resource: &f.resource,
            message: f.words(),
            evidence: f.evidence(),
            suppression: f.suppression.as_deref(),
            baseline_state: f.baseline,
        }
    }
}

/// Findings rendered per parallel task, and tasks per batch held in memory before writing.
const FINDINGS_PER_TASK: usize = 2048;
const TASKS_PER_BATCH: usize = 16;

/// How the pretty printer indents an element of the top-level `findings` array.
const ELEMENT_INDENT: &[u8] = b"    ";

/// `findings` as the pretty printer lays out the elements of the report's last field: each
/// element on its own lines at depth two, comma-separated. `first` says whether the slice
/// starts the array. Written by [`super::pretty`], or by serde_json for a finding it refuses.
fn render_findings(findings: &[Finding], first: bool) -> serde_json::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(findings.len() * 1024);
    for (k, f) in findings.iter().enumerate() {
        out.extend_from_slice(if first && k == 0 { b"\n" } else { b",\n" });
        out.extend_from_slice(ELEMENT_INDENT);
        let start = out.len();
        if JsonFinding::of(f)
            .serialize(&mut super::pretty::Pretty::new(&mut out, 2))
            .is_err()
        {
            out.truncate(start);
            render_with_serde_json(f, &mut out)?;
        }
    }
    Ok(out)
}

/// One finding as serde_json's pretty printer writes it, indented as an element of `findings`.
fn render_with_serde_json(f: &Finding, out: &mut Vec<u8>) -> serde_json::Result<()> {
    let one = serde_json::to_vec_pretty(&JsonFinding::of(f))?;
    // JSON strings escape their newlines, so every raw newline is the printer's own.
    for (i, line) in one.split(|&b| b == b'\n').enumerate() {
        if i > 0 {
            out.push(b'\n');
            out.extend_from_slice(ELEMENT_INDENT);
        }
        out.extend_from_slice(line);
    }
    Ok(())
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
    write_chunked(r, out, FINDINGS_PER_TASK, TASKS_PER_BATCH)
}

fn report<'a>(r: &'a ScanReport, findings: &'a [Finding]) -> Report<'a> {
    Report {
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
        findings: Findings(findings),
    }
}

/// The report as one serializer writes it (small reports, and the reference in tests).
fn write_sequential(r: &ScanReport, out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &report(r, r.findings))?;
    out.write_all(b"\n")
}

/// [`write`], rendering `per_task` findings per parallel task and `per_batch` tasks at a time.
fn write_chunked(
    r: &ScanReport,
    out: &mut dyn Write,
    per_task: usize,
    per_batch: usize,
) -> std::io::Result<()> {
    // A report that fits in one task is written as it is: the head below (summary counts,
    // compliance views) would otherwise be built twice.
    if r.findings.len() <= per_task {
        return write_sequential(r, out);
    }
    // Everything but the findings, whose empty array closes the document: the findings are
    // then written in its place.
    let mut head = serde_json::to_vec_pretty(&report(r, &[]))?;
    const EMPTY_TAIL: &[u8] = b"[]\n}";
    if !head.ends_with(EMPTY_TAIL) {
        return write_sequential(r, out);
    }
    head.truncate(head.len() - EMPTY_TAIL.len());
    out.write_all(&head)?;
    out.write_all(b"[")?;
    for (b, batch) in r.findings.chunks(per_task * per_batch).enumerate() {
        let parts: Vec<serde_json::Result<Vec<u8>>> = batch
            .par_chunks(per_task)
            .enumerate()
            .map(|(t, part)| render_findings(part, b == 0 && t == 0))
            .collect();
        for part in parts {
            out.write_all(&part?)?;
        }
    }
    out.write_all(b"\n  ]\n}\n")
}

/// The JSON report as a string (tests and small outputs).
pub fn render(r: &ScanReport) -> String {
    super::to_string(|w| write(r, w))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::{scan, ScanRequest, Source};

    #[test]
    fn parallel_rendering_is_byte_for_byte_the_serializers_output() {
        let mut request = ScanRequest::new(Source::Demo);
        request.frameworks = vec!["hipaa".into()];
        let outcome = scan(request).unwrap();
        let r = ScanReport::of(&outcome, false);
        assert!(r.findings.len() > 1000);
        let reference = crate::report::to_string(|w| write_sequential(&r, w));
        // Odd sizes: tasks and batches end mid-policy, the last ones short.
        for (per_task, per_batch) in [(7, 3), (1, 1), (500, 2), (r.findings.len() - 1, 4)] {
            let parallel = crate::report::to_string(|w| write_chunked(&r, w, per_task, per_batch));
            assert!(
                parallel == reference,
                "{per_task} per task, {per_batch} per batch"
            );
        }
        serde_json::from_str::<serde_json::Value>(&reference).unwrap();
    }

    #[test]
    fn each_finding_is_written_as_serde_json_writes_it() {
        let outcome = scan(ScanRequest::new(Source::Demo)).unwrap();
        let r = ScanReport::of(&outcome, false);
        let mut evidence = 0;
        for f in r.findings {
            evidence += usize::from(f.evidence().is_some());
            let ours = render_findings(std::slice::from_ref(f), false).unwrap();
            let mut theirs = b",\n".to_vec();
            theirs.extend_from_slice(ELEMENT_INDENT);
            render_with_serde_json(f, &mut theirs).unwrap();
            assert!(ours == theirs, "{}", String::from_utf8_lossy(&ours));
        }
        assert!(
            evidence > 100,
            "the demo's findings carry evidence to lay out"
        );
    }
}
