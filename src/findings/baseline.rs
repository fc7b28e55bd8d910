//! `--baseline FILE`: compares failing results with an earlier Palisade SARIF or JSON report.
//! A result is identified by its policy id and resource ARN (the SARIF fingerprint hashes the
//! same pair), so the comparison survives reworded messages and reordered output.

use crate::engine::{BaselineState, Finding, Severity, Status};
use crate::inventory::{ResourceIndex, ResourceRef};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One failing result of the baseline report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BaselineEntry {
    pub policy_id: String,
    pub arn: String,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
    /// The resource's type, account and region as the baseline recorded them (for resources
    /// that are gone, whose ARN alone may not say).
    #[serde(skip)]
    pub resource_type: Option<String>,
    #[serde(skip)]
    pub account_id: Option<String>,
    #[serde(skip)]
    pub region: Option<String>,
}

impl BaselineEntry {
    /// The resource as the baseline knew it.
    fn resource(&self) -> ResourceRef {
        let mut r = ResourceRef::from_arn(
            &self.arn,
            self.resource_type.as_deref().unwrap_or("AWS::Unknown"),
        );
        if let Some(a) = self.account_id.as_ref().filter(|a| !a.is_empty()) {
            r.account_id = a.clone();
        }
        if let Some(region) = self.region.as_ref().filter(|r| !r.is_empty()) {
            r.region = region.clone();
        }
        r
    }
}

/// The failing results of an earlier report.
#[derive(Debug, Clone, Default)]
pub struct Baseline {
    pub path: PathBuf,
    /// In file order.
    pub entries: Vec<BaselineEntry>,
    /// Whether the baseline lists suppressed results: a JSON report does, a SARIF log only when
    /// written with `--sarif-include-suppressed`. When it does not, a suppressed result now
    /// cannot be called new or unchanged.
    pub has_suppressed: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    #[error("cannot read the baseline {path}: {error}")]
    Read {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error("the baseline {path} is not JSON: {error}")]
    Json {
        path: PathBuf,
        error: serde_json::Error,
    },
    #[error("the baseline {path} is neither a SARIF log nor a Palisade JSON report: {why}")]
    Format { path: PathBuf, why: String },
}

/// What a result that was in the baseline is now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Now {
    /// The policy passes on the resource: fixed.
    Pass,
    /// The result could not be decided this time (a collection gap): not known to be fixed.
    NotEvaluated,
    /// The policy failed to evaluate.
    Error,
    /// The resource is no longer in the inventory: deleted (or not collected).
    Gone,
    /// The policy did not run in this scan.
    NotRun,
    /// The resource is there and the policy ran, but judged nothing about it.
    NoResult,
}

impl Now {
    /// Whether the result is known to be gone for good: the check passes, or the resource is.
    pub fn fixed(self) -> bool {
        matches!(self, Now::Pass | Now::Gone)
    }

    /// Short wording for reports.
    pub fn describe(self) -> &'static str {
        match self {
            Now::Pass => "passes now",
            Now::NotEvaluated => "not evaluated now (a collection gap): not known to be fixed",
            Now::Error => "the policy failed to evaluate now: not known to be fixed",
            Now::Gone => "the resource is no longer in the inventory",
            Now::NotRun => "the policy did not run in this scan: not known to be fixed",
            Now::NoResult => "the policy no longer judges this resource",
        }
    }

    /// The result status a report shows for it.
    pub fn status(self) -> Status {
        match self {
            Now::Pass | Now::Gone => Status::Pass,
            Now::Error => Status::Error,
            _ => Status::NotEvaluated,
        }
    }
}

/// A baseline result that no longer fails.
#[derive(Debug, Clone, Serialize)]
pub struct Absent {
    #[serde(flatten)]
    pub entry: BaselineEntry,
    pub now: Now,
    #[serde(skip)]
    pub resource: Arc<ResourceRef>,
}

impl Baseline {
    pub fn load(path: &Path) -> Result<Baseline, BaselineError> {
        let text = std::fs::read_to_string(path).map_err(|error| BaselineError::Read {
            path: path.to_path_buf(),
            error,
        })?;
        let value: serde_json::Value =
            serde_json::from_str(&text).map_err(|error| BaselineError::Json {
                path: path.to_path_buf(),
                error,
            })?;
        let entries = parse(&value).map_err(|why| BaselineError::Format {
            path: path.to_path_buf(),
            why,
        })?;
        Ok(Baseline {
            path: path.to_path_buf(),
            entries,
            has_suppressed: has_suppressed(&value),
        })
    }
}

fn owned(s: Option<&str>) -> Option<String> {
    s.map(str::to_string)
}

fn str_at<'a>(v: &'a serde_json::Value, pointer: &str) -> Option<&'a str> {
    v.pointer(pointer).and_then(|s| s.as_str())
}

fn has_suppressed(v: &serde_json::Value) -> bool {
    match v.get("runs").and_then(|r| r.as_array()) {
        Some(runs) => runs.iter().all(|run| {
            run.pointer("/properties/suppressedResultsIncluded")
                == Some(&serde_json::Value::Bool(true))
        }),
        None => true,
    }
}

/// The failing (and suppressed) results of a SARIF log or a Palisade JSON report.
fn parse(v: &serde_json::Value) -> Result<Vec<BaselineEntry>, String> {
    if let Some(runs) = v.get("runs").and_then(|r| r.as_array()) {
        let mut out = Vec::new();
        for (ri, run) in runs.iter().enumerate() {
            let results = run
                .get("results")
                .and_then(|r| r.as_array())
                .ok_or_else(|| format!("runs[{ri}] has no results array"))?;
            for (i, r) in results.iter().enumerate() {
                if str_at(r, "/baselineState") == Some("absent") {
                    continue;
                }
                let policy = str_at(r, "/ruleId")
                    .ok_or_else(|| format!("runs[{ri}].results[{i}] has no ruleId"))?;
                let arn = str_at(r, "/locations/0/logicalLocations/0/fullyQualifiedName")
                    .ok_or_else(|| {
                        format!(
                            "runs[{ri}].results[{i}] has no logical location with the resource ARN (not written by Palisade?)"
                        )
                    })?;
                // Palisade's SARIF messages end with `[policy: arn]`; the entry keeps the message.
                let text = str_at(r, "/message/text").unwrap_or_default();
                let suffix = format!(" [{policy}: {arn}]");
                out.push(BaselineEntry {
                    policy_id: policy.to_string(),
                    arn: arn.to_string(),
                    message: text.strip_suffix(&suffix).unwrap_or(text).to_string(),
                    severity: str_at(r, "/properties/severity").and_then(|s| s.parse().ok()),
                    resource_type: owned(str_at(r, "/properties/resourceType")),
                    account_id: owned(str_at(r, "/properties/accountId")),
                    region: owned(str_at(r, "/properties/region")),
                });
            }
        }
        return Ok(out);
    }
    let findings = v
        .get("findings")
        .and_then(|f| f.as_array())
        .filter(|_| str_at(v, "/tool/name") == Some("palisade"))
        .ok_or("expected `runs` (SARIF) or `tool.name: palisade` with `findings` (JSON)")?;
    let mut out = Vec::new();
    for (i, f) in findings.iter().enumerate() {
        if !matches!(str_at(f, "/status"), Some("fail") | Some("suppressed")) {
            continue;
        }
        let (Some(policy), Some(arn)) = (str_at(f, "/policy_id"), str_at(f, "/resource/arn"))
        else {
            return Err(format!("findings[{i}] has no policy_id or resource.arn"));
        };
        out.push(BaselineEntry {
            policy_id: policy.to_string(),
            arn: arn.to_string(),
            message: str_at(f, "/message").unwrap_or_default().to_string(),
            severity: str_at(f, "/severity").and_then(|s| s.parse().ok()),
            resource_type: owned(str_at(f, "/resource/type")),
            account_id: owned(str_at(f, "/resource/account_id")),
            region: owned(str_at(f, "/resource/region")),
        });
    }
    Ok(out)
}

/// Marks each failing or suppressed finding new or unchanged, and returns the baseline results
/// that no longer fail, with what they are now; `ran` tells which policies ran in this scan.
pub fn apply(
    findings: &mut [Finding],
    baseline: &Baseline,
    index: &ResourceIndex,
    ran: impl Fn(&str) -> bool,
) -> Vec<Absent> {
    let known: HashSet<(&str, &str)> = baseline
        .entries
        .iter()
        .map(|e| (e.policy_id.as_str(), e.arn.as_str()))
        .collect();
    let mut now: HashMap<(&str, &str), Status> = HashMap::new();
    for f in findings.iter_mut() {
        let judged = match f.status {
            Status::Fail => true,
            Status::Suppressed => baseline.has_suppressed,
            _ => false,
        };
        if judged {
            let key = (f.rule.id.as_str(), f.resource.arn.as_str());
            f.baseline = Some(if known.contains(&key) {
                BaselineState::Unchanged
            } else {
                BaselineState::New
            });
        }
    }
    for f in findings.iter() {
        now.insert((f.rule.id.as_str(), f.resource.arn.as_str()), f.status);
    }
    let mut seen = HashSet::new();
    baseline
        .entries
        .iter()
        .filter(|e| seen.insert((e.policy_id.as_str(), e.arn.as_str())))
        .filter_map(|e| {
            let state = now.get(&(e.policy_id.as_str(), e.arn.as_str())).copied();
            let indexed = index.get(&e.arn);
            let now = match state {
                Some(Status::Fail | Status::Suppressed) => return None,
                Some(Status::Pass) => Now::Pass,
                Some(Status::NotEvaluated) => Now::NotEvaluated,
                Some(Status::Error) => Now::Error,
                None if !ran(&e.policy_id) => Now::NotRun,
                None if indexed.is_none() => Now::Gone,
                None => Now::NoResult,
            };
            Some(Absent {
                entry: e.clone(),
                now,
                resource: indexed.cloned().unwrap_or_else(|| Arc::new(e.resource())),
            })
        })
        .collect()
}

/// The outcome of comparing a scan with a baseline report.
#[derive(Debug, Clone)]
pub struct Summary {
    pub path: String,
    /// Failing results now that were not in the baseline.
    pub new: usize,
    /// Baseline results that no longer fail.
    pub absent: Vec<Absent>,
}

/// Failing results new since the baseline.
pub fn new_count(findings: &[Finding]) -> usize {
    findings
        .iter()
        .filter(|f| f.status == Status::Fail && f.baseline == Some(BaselineState::New))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(policy: &str, arn: &str, status: Status) -> Finding {
        Finding::example(policy, arn, status)
    }

    #[test]
    fn sarif_and_json_baselines_parse() {
        let sarif = serde_json::json!({"runs": [{"results": [
            {"ruleId": "p-a", "message": {"text": "m [p-a: arn:1]"}, "properties": {"severity": "high"},
             "locations": [{"logicalLocations": [{"fullyQualifiedName": "arn:1"}]}]},
            {"ruleId": "p-b", "baselineState": "absent",
             "locations": [{"logicalLocations": [{"fullyQualifiedName": "arn:2"}]}]}
        ]}]});
        let e = parse(&sarif).unwrap();
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].message, "m");
        assert_eq!(
            (e[0].policy_id.as_str(), e[0].severity),
            ("p-a", Some(Severity::High))
        );
        let json = serde_json::json!({"tool": {"name": "palisade"}, "findings": [
            {"policy_id": "p-a", "status": "fail", "resource": {"arn": "arn:1"}},
            {"policy_id": "p-a", "status": "pass", "resource": {"arn": "arn:2"}},
            {"policy_id": "p-c", "status": "suppressed", "resource": {"arn": "arn:3"}}
        ]});
        assert_eq!(parse(&json).unwrap().len(), 2);
        assert!(parse(&serde_json::json!({"findings": []})).is_err());
        assert!(has_suppressed(&json));
        assert!(!has_suppressed(&sarif));
        let no_arn = serde_json::json!({"runs": [{"results": [{"ruleId": "x"}]}]});
        assert!(parse(&no_arn).unwrap_err().contains("logical location"));
    }

    #[test]
    fn new_unchanged_and_absent() {
        let entry = |p: &str, a: &str| BaselineEntry {
            policy_id: p.into(),
            arn: a.into(),
            message: String::new(),
            severity: None,
            resource_type: None,
            account_id: Some("123456789012".into()),
            region: None,
        };
        let baseline = Baseline {
            path: PathBuf::new(),
            has_suppressed: true,
            entries: vec![
                entry("p", "arn:still"),
                entry("p", "arn:fixed"),
                entry("p", "arn:gap"),
                entry("p", "arn:gone"),
                entry("q", "arn:other"),
            ],
        };
        let mut findings = vec![
            finding("p", "arn:still", Status::Fail),
            finding("p", "arn:new", Status::Fail),
            finding("p", "arn:fixed", Status::Pass),
            finding("p", "arn:gap", Status::NotEvaluated),
        ];
        let absent = apply(&mut findings, &baseline, &ResourceIndex::default(), |p| {
            p == "p"
        });
        assert_eq!(findings[0].baseline, Some(BaselineState::Unchanged));
        assert_eq!(findings[1].baseline, Some(BaselineState::New));
        assert_eq!(findings[2].baseline, None);
        let now: Vec<(&str, Now)> = absent
            .iter()
            .map(|a| (a.entry.arn.as_str(), a.now))
            .collect();
        assert_eq!(
            now,
            vec![
                ("arn:fixed", Now::Pass),
                ("arn:gap", Now::NotEvaluated),
                ("arn:gone", Now::Gone),
                ("arn:other", Now::NotRun)
            ]
        );
        assert_eq!(new_count(&findings), 1);
        // A resource that is gone keeps the account the baseline recorded.
        assert_eq!(absent[2].resource.account_id, "123456789012");
    }
}
