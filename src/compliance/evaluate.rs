//! Per-control status from the findings of the policies that evidence each control.
//!
//! A control fails when any of its policies has a failing result; it is `not-evaluated` when
//! none fails but some result could not be decided (a collection gap, a policy error) or one of
//! its policies did not run; it passes only when every result passed. Suppressed results do not
//! fail a control, and are counted.

use super::framework::{Control, Framework};
use crate::findings::{Counts, Finding, Status};
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ControlStatus {
    Fail,
    NotEvaluated,
    Pass,
    Manual,
}

impl ControlStatus {
    pub const ALL: [ControlStatus; 4] = [
        ControlStatus::Fail,
        ControlStatus::NotEvaluated,
        ControlStatus::Pass,
        ControlStatus::Manual,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ControlStatus::Fail => "fail",
            ControlStatus::NotEvaluated => "not-evaluated",
            ControlStatus::Pass => "pass",
            ControlStatus::Manual => "manual",
        }
    }
}

/// The outcome of one control.
#[derive(Debug, Clone)]
pub struct ControlResult {
    pub control: Arc<Control>,
    pub status: ControlStatus,
    /// Results of the control's policies, by status.
    pub counts: Counts,
    /// Indexes into the scan's findings of the failing results behind a `fail`.
    pub failing: Vec<usize>,
    /// Policies the control names that did not run in this scan.
    pub not_run: Vec<String>,
    /// One sentence on why the control has its status.
    pub reason: String,
}

/// The outcome of one framework.
#[derive(Debug, Clone)]
pub struct FrameworkResult {
    pub framework: Arc<Framework>,
    pub controls: Vec<ControlResult>,
}

impl FrameworkResult {
    /// Number of controls with `status`.
    pub fn count(&self, status: ControlStatus) -> usize {
        self.controls.iter().filter(|c| c.status == status).count()
    }

    /// Number of controls with each status.
    pub fn tally(&self) -> [(ControlStatus, usize); 4] {
        ControlStatus::ALL.map(|s| (s, self.count(s)))
    }
}

fn plural(n: usize, one: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {one}s")
    }
}

/// Up to four policy ids, then how many more (the full list is in the control's `failing`).
fn names(ids: &[&str]) -> String {
    const SHOWN: usize = 4;
    if ids.len() <= SHOWN {
        return ids.join(", ");
    }
    format!("{} and {} more", ids[..SHOWN].join(", "), ids.len() - SHOWN)
}

/// Evaluates `frameworks` against the findings of one scan; `ran` holds the policy ids that ran.
pub fn evaluate(
    frameworks: &[Arc<Framework>],
    findings: &[Finding],
    ran: &BTreeSet<&str>,
) -> Vec<FrameworkResult> {
    evaluate_where(frameworks, findings, ran, |_| true)
}

/// [`evaluate`] over the findings `keep` accepts (one account's, say); `failing` indexes still
/// point into the whole `findings` slice.
pub fn evaluate_where(
    frameworks: &[Arc<Framework>],
    findings: &[Finding],
    ran: &BTreeSet<&str>,
    keep: impl Fn(&Finding) -> bool,
) -> Vec<FrameworkResult> {
    if frameworks.is_empty() {
        // The common scan without --framework: no pass over (possibly millions of) findings.
        return Vec::new();
    }
    let mut by_policy: HashMap<&str, (Counts, Vec<usize>)> = HashMap::new();
    for (i, f) in findings.iter().enumerate().filter(|(_, f)| keep(f)) {
        let entry = by_policy.entry(f.policy_id()).or_default();
        entry.0.add(f.status);
        if f.status == Status::Fail {
            entry.1.push(i);
        }
    }
    frameworks
        .iter()
        .map(|fw| FrameworkResult {
            framework: fw.clone(),
            controls: fw
                .controls
                .iter()
                .map(|c| control_result(c, &by_policy, ran))
                .collect(),
        })
        .collect()
}

fn control_result(
    control: &Arc<Control>,
    by_policy: &HashMap<&str, (Counts, Vec<usize>)>,
    ran: &BTreeSet<&str>,
) -> ControlResult {
    let mut counts = Counts::default();
    let mut failing = Vec::new();
    let mut failing_policies = Vec::new();
    let mut not_run = Vec::new();
    for p in &control.policies {
        if !ran.contains(p.as_str()) {
            not_run.push(p.clone());
            continue;
        }
        if let Some((c, fails)) = by_policy.get(p.as_str()) {
            counts.merge(c);
            if !fails.is_empty() {
                failing_policies.push(p.as_str());
            }
            failing.extend_from_slice(fails);
        }
    }
    failing.sort_unstable();
    let undecided = counts.not_evaluated + counts.error;
    let (status, reason) = if control.is_manual() {
        (
            ControlStatus::Manual,
            control.manual.clone().unwrap_or_default(),
        )
    } else if counts.fail > 0 {
        (
            ControlStatus::Fail,
            format!(
                "{} of {}",
                plural(counts.fail, "failing result"),
                names(&failing_policies)
            ),
        )
    } else if undecided > 0 {
        (
            ControlStatus::NotEvaluated,
            format!(
                "nothing fails, but {} could not be decided (collection gaps or policy errors)",
                plural(undecided, "result")
            ),
        )
    } else if !not_run.is_empty() {
        (
            ControlStatus::NotEvaluated,
            format!("not run in this scan: {}", not_run.join(", ")),
        )
    } else if counts.pass + counts.suppressed == 0 {
        (
            ControlStatus::Pass,
            format!(
                "no resources in scope of {}: nothing to fail",
                control.policies.join(", ")
            ),
        )
    } else {
        let mut reason = format!("{} pass", plural(counts.pass, "result"));
        if counts.suppressed > 0 {
            reason.push_str(&format!(
                "; {} suppressed by the config",
                plural(counts.suppressed, "failing result")
            ));
        }
        (ControlStatus::Pass, reason)
    };
    ControlResult {
        control: control.clone(),
        status,
        counts,
        failing,
        not_run,
        reason,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compliance::parse::parse;

    const FW: &str = "id: t\ntitle: T\nversion: \"1\"\ndescription: d\ncontrols:\n  - {id: a, title: A, description: d, policies: [p-fail, p-pass]}\n  - {id: b, title: B, description: d, policies: [p-pass]}\n  - {id: c, title: C, description: d, policies: [p-gap]}\n  - {id: d, title: D, description: d, policies: [p-pass, p-missing]}\n  - {id: e, title: E, description: d, policies: [p-empty]}\n  - {id: f, title: F, description: d, manual: Read the training records.}\n  - {id: g, title: G, description: d, policies: [p-suppressed]}\n";

    fn finding(policy: &str, status: Status) -> Finding {
        Finding::example(policy, "arn:aws:s3:::b", status)
    }

    #[test]
    fn each_status_has_its_reason() {
        let fw = Arc::new(parse("x/t.yaml", FW).unwrap());
        let findings = vec![
            finding("p-fail", Status::Fail),
            finding("p-fail", Status::Pass),
            finding("p-pass", Status::Pass),
            finding("p-gap", Status::NotEvaluated),
            finding("p-suppressed", Status::Suppressed),
            finding("p-suppressed", Status::Pass),
        ];
        let ran: BTreeSet<&str> = ["p-fail", "p-pass", "p-gap", "p-empty", "p-suppressed"].into();
        let r = evaluate(&[fw], &findings, &ran);
        let got: Vec<(&str, ControlStatus)> = r[0]
            .controls
            .iter()
            .map(|c| (c.control.id.as_str(), c.status))
            .collect();
        use ControlStatus::*;
        assert_eq!(
            got,
            vec![
                ("a", Fail),
                ("b", Pass),
                ("c", NotEvaluated),
                ("d", NotEvaluated),
                ("e", Pass),
                ("f", Manual),
                ("g", Pass),
            ]
        );
        let c = &r[0].controls;
        assert_eq!(c[0].failing, vec![0]);
        assert_eq!(c[0].reason, "1 failing result of p-fail");
        assert_eq!(c[3].reason, "not run in this scan: p-missing");
        assert!(c[4].reason.starts_with("no resources in scope"));
        assert!(
            c[6].reason.contains("1 failing result suppressed"),
            "{}",
            c[6].reason
        );
        assert_eq!(r[0].tally()[0], (Fail, 1));
    }
}
