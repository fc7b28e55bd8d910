//! OCSF 1.6 JSON Lines for SIEMs, AWS Security Lake and Security Hub: one Detection Finding
//! (class 2004) per failing, suppressed or no-longer-failing result, and one Compliance Finding
//! (class 2003) per control of each `--framework`, per account. Every event declares the
//! `cloud` profile. `tests/ocsf/README.md` has the field mapping; the tests validate every line
//! against the official schema.

use super::ScanReport;
use crate::compliance::{evaluate_where, ControlResult, ControlStatus, Framework};
use crate::findings::baseline::Absent;
use crate::findings::BaselineState;
use crate::findings::{Finding, Severity, Status};
use crate::inventory::ResourceRef;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::io::Write;
use std::sync::Arc;

pub const OCSF_VERSION: &str = "1.6.0";
const DETECTION: u32 = 2004;
const COMPLIANCE: u32 = 2003;
/// Failing resources listed in one Compliance Finding (the Detection Findings have them all).
const MAX_CONTROL_RESOURCES: usize = 50;

fn severity(s: Severity) -> (u8, &'static str) {
    match s {
        Severity::Info => (1, "Informational"),
        Severity::Low => (2, "Low"),
        Severity::Medium => (3, "Medium"),
        Severity::High => (4, "High"),
        Severity::Critical => (5, "Critical"),
    }
}

fn activity(id: u8) -> &'static str {
    match id {
        1 => "Create",
        2 => "Update",
        3 => "Close",
        _ => "Unknown",
    }
}

/// The fields every event shares: class, activity, severity, status, time, metadata, cloud.
struct Base<'a> {
    class_uid: u32,
    activity_id: u8,
    severity: Severity,
    status: (u8, &'static str),
    time: i64,
    account: &'a str,
    region: &'a str,
}

impl Base<'_> {
    fn event(&self, message: String, finding_info: Value) -> serde_json::Map<String, Value> {
        let (class_name, type_prefix) = match self.class_uid {
            DETECTION => ("Detection Finding", "Detection Finding"),
            _ => ("Compliance Finding", "Compliance Finding"),
        };
        let (sev_id, sev) = severity(self.severity);
        let v = json!({
            "activity_id": self.activity_id,
            "activity_name": activity(self.activity_id),
            "category_uid": 2,
            "category_name": "Findings",
            "class_uid": self.class_uid,
            "class_name": class_name,
            "type_uid": self.class_uid * 100 + u32::from(self.activity_id),
            "type_name": format!("{type_prefix}: {}", activity(self.activity_id)),
            "severity_id": sev_id,
            "severity": sev,
            "status_id": self.status.0,
            "status": self.status.1,
            "time": self.time,
            "message": message,
            "metadata": {
                "version": OCSF_VERSION,
                "product": {
                    "name": "Palisade",
                    "vendor_name": "Palisade",
                    "version": env!("CARGO_PKG_VERSION"),
                    "url_string": "https://github.com/palisade-security/palisade",
                },
                "profiles": ["cloud"],
                "log_name": "scan",
            },
            "cloud": {
                "provider": "AWS",
                "region": self.region,
                "account": {"uid": self.account, "type_id": 10, "type": "AWS Account"},
            },
            "finding_info": finding_info,
        });
        match v {
            Value::Object(m) => m,
            _ => serde_json::Map::new(),
        }
    }
}

fn partition(arn: &str) -> Option<&str> {
    arn.strip_prefix("arn:")
        .and_then(|rest| rest.split(':').next())
        .filter(|p| !p.is_empty())
}

fn resource(r: &ResourceRef) -> Value {
    let mut v = json!({
        "uid": r.arn,
        "type": r.resource_type,
        "name": r.name,
        "region": r.region,
    });
    if let Some(p) = partition(&r.arn) {
        v["cloud_partition"] = json!(p);
    }
    if !r.tags.is_empty() {
        v["tags"] = r
            .tags
            .iter()
            .map(|(k, val)| json!({"name": k, "value": val}))
            .collect();
    }
    v
}

/// The same identity SARIF uses: sha256(policy NUL arn), 32 hex digits.
fn finding_uid(policy: &str, arn: &str) -> String {
    super::sarif::fingerprint(policy, arn)
}

fn control_uid(framework: &str, control: &str, account: &str) -> String {
    super::sarif::digest_id(&[framework, control, account])
}

/// Writes one event per line.
fn line(out: &mut dyn Write, event: serde_json::Map<String, Value>) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, &event)?;
    out.write_all(b"\n")
}

fn remediation(r: &ScanReport, policy: &str, fallback: &str) -> Value {
    let mut v = json!({ "desc": fallback });
    if let Some(p) = r.policies.get(policy) {
        v["desc"] = json!(p.meta.remediation);
        if !p.meta.references.is_empty() {
            v["references"] = json!(p.meta.references);
        }
    }
    v
}

fn detection(r: &ScanReport, f: &Finding, time: i64, out: &mut dyn Write) -> std::io::Result<()> {
    let activity_id = match f.baseline {
        Some(BaselineState::Unchanged) => 2,
        _ => 1,
    };
    let (status, detail) = match (&f.status, &f.suppression) {
        (Status::Suppressed, Some(s)) => (
            (3, "Suppressed"),
            Some(format!(
                "suppression {}: {}{}",
                s.index,
                s.justification,
                s.expires
                    .map(|d| format!(" (until {d})"))
                    .unwrap_or_default()
            )),
        ),
        _ => ((1, "New"), None),
    };
    let base = Base {
        class_uid: DETECTION,
        activity_id,
        severity: f.severity,
        status,
        time,
        account: &f.resource.account_id,
        region: &f.resource.region,
    };
    let description = r
        .policies
        .get(&f.rule.id)
        .map(|p| p.meta.description.clone())
        .unwrap_or_default();
    let mut info = json!({
        "uid": finding_uid(&f.rule.id, &f.resource.arn),
        "title": f.rule.title,
        "types": ["Software and Configuration Checks/AWS Security Best Practices"],
        "analytic": {"uid": f.rule.id, "name": f.rule.title, "type_id": 1, "type": "Rule"},
        "created_time": time,
    });
    if !description.is_empty() {
        info["desc"] = json!(description);
    }
    let mut e = base.event(f.message().into_owned(), info);
    if let Some(d) = detail {
        e.insert("status_detail".into(), json!(d));
    }
    e.insert("resources".into(), json!([resource(&f.resource)]));
    e.insert(
        "remediation".into(),
        remediation(r, &f.rule.id, &f.rule.remediation),
    );
    line(out, e)
}

fn fixed(r: &ScanReport, a: &Absent, time: i64, out: &mut dyn Write) -> std::io::Result<()> {
    // Only a passing result (or a deleted resource) is known to be fixed; otherwise the finding
    // is updated, not closed.
    let now = a.now.describe();
    let (activity_id, status) = if a.now.fixed() {
        (3, (4, "Resolved"))
    } else {
        (2, (0, "Unknown"))
    };
    let title = r
        .policies
        .get(&a.entry.policy_id)
        .map(|p| p.meta.title.clone())
        .unwrap_or_else(|| a.entry.policy_id.clone());
    let base = Base {
        class_uid: DETECTION,
        activity_id,
        severity: a.entry.severity.unwrap_or(Severity::Info),
        status,
        time,
        account: &a.resource.account_id,
        region: &a.resource.region,
    };
    let info = json!({
        "uid": finding_uid(&a.entry.policy_id, &a.entry.arn),
        "title": title,
        "analytic": {"uid": a.entry.policy_id, "name": title, "type_id": 1, "type": "Rule"},
    });
    let mut e = base.event(
        format!(
            "no longer failing since the baseline ({now}); was: {}",
            a.entry.message
        ),
        info,
    );
    e.insert("status_detail".into(), json!(now));
    e.insert("resources".into(), json!([resource(&a.resource)]));
    e.insert(
        "remediation".into(),
        remediation(r, &a.entry.policy_id, "no action: no longer failing"),
    );
    line(out, e)
}

fn compliance_status(s: ControlStatus) -> (u8, &'static str) {
    match s {
        ControlStatus::Pass => (1, "Pass"),
        ControlStatus::Fail => (3, "Fail"),
        ControlStatus::NotEvaluated => (0, "Unknown"),
        ControlStatus::Manual => (99, "Other"),
    }
}

fn control(
    r: &ScanReport,
    fw: &Framework,
    c: &ControlResult,
    account: &str,
    time: i64,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let failing: Vec<&Finding> = c
        .failing
        .iter()
        .filter_map(|i| r.findings.get(*i))
        .collect();
    let worst = failing
        .iter()
        .map(|f| f.severity)
        .max()
        .unwrap_or(Severity::Info);
    let base = Base {
        class_uid: COMPLIANCE,
        activity_id: 1,
        severity: worst,
        status: (1, "New"),
        time,
        account,
        region: "global",
    };
    let title = format!("{} {}: {}", fw.id, c.control.id, c.control.title);
    let info = json!({
        "uid": control_uid(&fw.id, &c.control.id, account),
        "title": title,
        "desc": c.control.description,
        "types": ["Software and Configuration Checks/Industry and Regulatory Standards"],
        "created_time": time,
    });
    let mut e = base.event(
        format!("{title}: {} ({})", c.status.as_str(), c.reason),
        info,
    );
    let (status_id, status) = compliance_status(c.status);
    let checks: Vec<Value> = c
        .control
        .policies
        .iter()
        .filter_map(|p| r.policies.get(p))
        .map(|p| {
            let fails = failing.iter().any(|f| f.rule.id == p.meta.id);
            // Per-policy counts are not kept per control: a policy that does not fail is known
            // to pass only when the whole control passes.
            let (sid, s) = match (fails, c.status) {
                (true, _) => (3, "Fail"),
                (false, ControlStatus::Pass) => (1, "Pass"),
                _ => (0, "Unknown"),
            };
            let (sev_id, sev) = severity(p.meta.severity);
            json!({"uid": p.meta.id, "name": p.meta.title, "standards": [fw.id],
                   "severity_id": sev_id, "severity": sev, "status_id": sid, "status": s})
        })
        .collect();
    let mut compliance = json!({
        "standards": [format!("{} {}", fw.title, fw.version)],
        "control": c.control.id,
        "desc": c.control.title,
        "status_id": status_id,
        "status": status,
        "status_detail": c.reason,
    });
    if !checks.is_empty() {
        compliance["checks"] = json!(checks);
    }
    e.insert("compliance".into(), compliance);
    if !failing.is_empty() {
        let mut seen = BTreeSet::new();
        let resources: Vec<Value> = failing
            .iter()
            .filter(|f| seen.insert(f.resource.arn.as_str()))
            .take(MAX_CONTROL_RESOURCES)
            .map(|f| resource(&f.resource))
            .collect();
        e.insert("resources".into(), json!(resources));
    }
    let fix = match c.status {
        ControlStatus::Manual => c.control.manual.clone().unwrap_or_default(),
        ControlStatus::Fail => format!(
            "Fix the failing results of the policies behind this control ({}); `palisade policies show ID` explains each.",
            c.reason
        ),
        _ => "No configuration change needed for this control.".to_string(),
    };
    e.insert("remediation".into(), json!({ "desc": fix }));
    line(out, e)
}

/// Writes the OCSF JSON Lines.
pub fn write(r: &ScanReport, out: &mut dyn Write) -> std::io::Result<()> {
    let time = r.scanned_at.timestamp_millis();
    for f in r
        .findings
        .iter()
        .filter(|f| matches!(f.status, Status::Fail | Status::Suppressed))
    {
        detection(r, f, time, out)?;
    }
    if let Some(b) = r.baseline {
        for a in &b.absent {
            fixed(r, a, time, out)?;
        }
    }
    if r.compliance.is_empty() {
        return Ok(());
    }
    let frameworks: Vec<Arc<Framework>> =
        r.compliance.iter().map(|c| c.framework.clone()).collect();
    let ran: BTreeSet<&str> = r
        .policies
        .policies
        .iter()
        .map(|p| p.meta.id.as_str())
        .collect();
    // Security Hub and Security Lake keep findings per account: one control result each. A
    // result without an account (a policy error) counts for every account. A snapshot may not
    // list its accounts (a hand-made one): then the accounts are those of the findings.
    let mut accounts: BTreeSet<&str> = r.accounts().into_iter().collect();
    if accounts.is_empty() {
        accounts.extend(
            r.findings
                .iter()
                .map(|f| f.resource.account_id.as_str())
                .filter(|a| !a.is_empty()),
        );
    }
    for account in accounts {
        let results = evaluate_where(&frameworks, r.findings, &ran, |f| {
            f.resource.account_id == account || f.resource.account_id.is_empty()
        });
        for fw in &results {
            for c in &fw.controls {
                control(r, &fw.framework, c, account, time, out)?;
            }
        }
    }
    Ok(())
}
