//! The per-control compliance results as one serializable shape, shared by the JSON report and
//! the SARIF run's property bag, so both say the same thing the same way.

use super::ScanReport;
use crate::compliance::{ControlStatus, FrameworkResult};
use crate::findings::Counts;
use serde::{Serialize, Serializer};
use std::collections::BTreeMap;

#[derive(Serialize)]
pub struct FrameworkView<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub version: &'a str,
    /// Controls by status.
    pub summary: BTreeMap<ControlStatus, usize>,
    pub controls: Vec<ControlView<'a>>,
}

#[derive(Serialize)]
pub struct ControlView<'a> {
    pub id: &'a str,
    pub title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<&'a str>,
    pub status: ControlStatus,
    pub reason: &'a str,
    pub policies: &'a [String],
    /// Results of those policies, by status.
    pub results: Counts,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub not_run: &'a [String],
    /// The failing results behind a `fail`: policy id and resource ARN.
    #[serde(skip_serializing_if = "FailingRefs::is_empty")]
    pub failing: FailingRefs<'a>,
}

/// Streams `{policy_id, arn}` pairs from the findings without copying them.
pub struct FailingRefs<'a> {
    findings: &'a [crate::findings::Finding],
    indexes: &'a [usize],
}

impl FailingRefs<'_> {
    fn is_empty(&self) -> bool {
        self.indexes.is_empty()
    }
}

#[derive(Serialize)]
struct FailingRef<'a> {
    policy_id: &'a str,
    arn: &'a str,
}

impl Serialize for FailingRefs<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.indexes.iter().filter_map(|i| {
            self.findings.get(*i).map(|f| FailingRef {
                policy_id: &f.rule.id,
                arn: &f.resource.arn,
            })
        }))
    }
}

/// Controls by status for one framework, every status present.
pub fn summary(fw: &FrameworkResult) -> BTreeMap<ControlStatus, usize> {
    fw.tally().into_iter().collect()
}

/// Every framework asked for, in the order asked.
pub fn views<'a>(r: &'a ScanReport) -> Vec<FrameworkView<'a>> {
    r.compliance
        .iter()
        .map(|fw| FrameworkView {
            id: &fw.framework.id,
            title: &fw.framework.title,
            version: &fw.framework.version,
            summary: summary(fw),
            controls: fw
                .controls
                .iter()
                .map(|c| ControlView {
                    id: &c.control.id,
                    title: &c.control.title,
                    section: c.control.section.as_deref(),
                    status: c.status,
                    reason: &c.reason,
                    policies: &c.control.policies,
                    results: c.counts,
                    not_run: &c.not_run,
                    failing: FailingRefs {
                        findings: r.findings,
                        indexes: &c.failing,
                    },
                })
                .collect(),
        })
        .collect()
}
