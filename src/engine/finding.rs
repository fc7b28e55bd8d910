//! The result of evaluation: one `Finding` per policy and resource (or scope, for gaps and
//! errors), built here and in `gaps`, and rendered by every report format.

use super::severity::Severity;
use crate::config::Suppression;
use crate::inventory::ResourceRef;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

/// What a policy concluded about one resource (or one scope, for gaps and errors).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Fail,
    Error,
    NotEvaluated,
    Suppressed,
    Pass,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Fail => "fail",
            Status::Error => "error",
            Status::NotEvaluated => "not-evaluated",
            Status::Suppressed => "suppressed",
            Status::Pass => "pass",
        }
    }
}

/// Framework id (`hipaa`, `pci-dss-4.0.1`) to the controls a policy evidences there.
pub type Controls = BTreeMap<String, Vec<String>>;

/// The policy facts a finding repeats; shared, since thousands of findings name one policy.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleInfo {
    pub id: String,
    pub title: String,
    pub severity: Severity,
    pub remediation: String,
    pub frameworks: Controls,
}

/// SARIF 2.1.0 §3.27.24 `baselineState`, restricted to what a scan can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BaselineState {
    /// Failing now, not in the baseline.
    New,
    /// Failing now and in the baseline.
    Unchanged,
    /// In the baseline, not failing now.
    Absent,
}

impl BaselineState {
    pub fn as_str(self) -> &'static str {
        match self {
            BaselineState::New => "new",
            BaselineState::Unchanged => "unchanged",
            BaselineState::Absent => "absent",
        }
    }
}

/// One result of one policy for one resource.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub rule: Arc<RuleInfo>,
    pub status: Status,
    pub resource: Arc<ResourceRef>,
    pub message: String,
    /// The rule's severity, or the lower one the policy gave this result (a hygiene finding
    /// whose exposure analysis shows nothing reachable).
    pub severity: Severity,
    /// What the policy looked at to decide, as it reported it. Shared: a collection gap's
    /// evidence is one value for every policy it blinds (at a million resources, hundreds of
    /// thousands of results would otherwise each hold a copy).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Arc<serde_json::Value>>,
    /// The config entry that suppresses this failing result (status `suppressed`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suppression: Option<Arc<Suppression>>,
    /// Compared with `--baseline`: new or unchanged (failing and suppressed results only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline: Option<BaselineState>,
}

impl Finding {
    /// A result of `rule` on `resource` at the rule's severity, without evidence: every
    /// finding starts here.
    pub fn new(
        rule: Arc<RuleInfo>,
        status: Status,
        resource: Arc<ResourceRef>,
        message: String,
    ) -> Finding {
        Finding {
            severity: rule.severity,
            rule,
            status,
            resource,
            message,
            evidence: None,
            suppression: None,
            baseline: None,
        }
    }

    /// The same result at `severity`: never above the rule's (a policy may only lower it).
    pub fn with_severity(mut self, severity: Severity) -> Finding {
        self.severity = severity.min(self.rule.severity);
        self
    }

    /// The same result with what the policy looked at to decide.
    pub fn with_evidence(self, evidence: serde_json::Value) -> Finding {
        self.with_shared_evidence(Arc::new(evidence))
    }

    /// The same result with evidence it shares with other results (`null` is no evidence).
    pub fn with_shared_evidence(mut self, evidence: Arc<serde_json::Value>) -> Finding {
        self.evidence = (!evidence.is_null()).then_some(evidence);
        self
    }

    pub fn policy_id(&self) -> &str {
        &self.rule.id
    }

    pub fn severity(&self) -> Severity {
        self.severity
    }

    /// The order every report uses: most severe first, then policy id, then resource.
    pub fn sort_key(&self) -> (std::cmp::Reverse<Severity>, &str, &str, Status, &str) {
        (
            std::cmp::Reverse(self.severity),
            &self.rule.id,
            &self.resource.arn,
            self.status,
            &self.message,
        )
    }
}

#[cfg(test)]
impl Finding {
    /// A high-severity result of `policy` on an S3 bucket ARN, for unit tests.
    pub fn example(policy: &str, arn: &str, status: Status) -> Finding {
        let rule = Arc::new(RuleInfo {
            id: policy.into(),
            title: policy.into(),
            severity: Severity::High,
            remediation: String::new(),
            frameworks: Default::default(),
        });
        let resource = Arc::new(ResourceRef::from_arn(arn, "AWS::S3::Bucket"));
        Finding::new(rule, status, resource, String::new())
    }
}

/// Sorts findings into the stable report order.
pub fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}

/// Counts by status, for summaries.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub fail: usize,
    pub pass: usize,
    pub not_evaluated: usize,
    pub error: usize,
    pub suppressed: usize,
}

impl Counts {
    pub fn of(findings: &[Finding]) -> Self {
        let mut c = Counts::default();
        for f in findings {
            c.add(f.status);
        }
        c
    }

    pub fn add(&mut self, status: Status) {
        match status {
            Status::Fail => self.fail += 1,
            Status::Pass => self.pass += 1,
            Status::NotEvaluated => self.not_evaluated += 1,
            Status::Error => self.error += 1,
            Status::Suppressed => self.suppressed += 1,
        }
    }

    pub fn merge(&mut self, other: &Counts) {
        self.fail += other.fail;
        self.pass += other.pass;
        self.not_evaluated += other.not_evaluated;
        self.error += other.error;
        self.suppressed += other.suppressed;
    }
}
