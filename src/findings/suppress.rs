//! Suppressions (`[[suppressions]]` in `palisade.toml`): accepted risks, each with a policy, the
//! resources it covers (ARN globs or tags), a justification and an optional expiry date. A
//! suppressed result keeps its place in every report with status `suppressed`; an expired
//! suppression stops suppressing and is reported.

pub use crate::config::Suppression;
use crate::engine::{Finding, Status};
use chrono::NaiveDate;
use serde::Serialize;
use std::sync::Arc;

/// Whether `s` covers the failing result `f` (expiry aside).
pub fn covers(s: &Suppression, f: &Finding) -> bool {
    s.covers(&f.rule.id, &f.resource.arn, &f.resource.tags)
}

/// What one suppression did in a scan.
#[derive(Debug, Clone, Serialize)]
pub struct SuppressionUse {
    #[serde(flatten)]
    pub rule: Arc<Suppression>,
    /// Failing results it covers (suppressed, or reported as failing when expired).
    pub matched: usize,
    pub expired: bool,
}

/// Marks failing results that an unexpired suppression covers as `suppressed` (the first
/// matching entry wins) and reports, per entry, how many results it covered.
pub fn apply(
    findings: &mut [Finding],
    rules: &[Suppression],
    today: NaiveDate,
) -> Vec<SuppressionUse> {
    let mut uses: Vec<SuppressionUse> = rules
        .iter()
        .map(|r| SuppressionUse {
            rule: Arc::new(r.clone()),
            matched: 0,
            expired: r.expired(today),
        })
        .collect();
    if uses.is_empty() {
        return uses;
    }
    for f in findings.iter_mut().filter(|f| f.status == Status::Fail) {
        let Some(u) = uses.iter_mut().find(|u| covers(&u.rule, f)) else {
            continue;
        };
        u.matched += 1;
        if !u.expired {
            f.status = Status::Suppressed;
            f.suppression = Some(u.rule.clone());
        }
    }
    uses
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(policy: &str, arn: &str, tags: &[(&str, &str)]) -> Finding {
        let mut f = Finding::example(policy, arn, Status::Fail);
        let mut r = (*f.resource).clone();
        r.tags = tags
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        f.resource = Arc::new(r);
        f
    }

    fn rule(toml_text: &str) -> Suppression {
        let mut s: Suppression = toml::from_str(toml_text).unwrap();
        s.index = 1;
        s
    }

    #[test]
    fn arn_glob_tag_and_expiry() {
        let by_arn = rule("policy = \"s3-*\"\nresources = [\"arn:aws:s3:::logs-*\"]\njustification = \"log buckets are public by design\"\nexpires = 2027-01-31\n");
        let by_tag = rule("policy = \"s3-bucket-public-read\"\ntags = { env = \"sandbox\", owner = \"*\" }\njustification = \"sandbox\"\n");
        let mut findings = vec![
            finding("s3-bucket-public-read", "arn:aws:s3:::logs-1", &[]),
            finding(
                "s3-bucket-public-read",
                "arn:aws:s3:::data",
                &[("env", "sandbox"), ("owner", "x")],
            ),
            finding(
                "s3-bucket-public-read",
                "arn:aws:s3:::data2",
                &[("env", "sandbox")],
            ),
            finding("ec2-x", "arn:aws:s3:::logs-2", &[]),
        ];
        let today = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        let uses = apply(&mut findings, &[by_arn.clone(), by_tag.clone()], today);
        let statuses: Vec<Status> = findings.iter().map(|f| f.status).collect();
        assert_eq!(
            statuses,
            vec![
                Status::Suppressed,
                Status::Suppressed,
                Status::Fail,
                Status::Fail
            ]
        );
        assert_eq!(
            findings[0].suppression.as_ref().unwrap().justification,
            "log buckets are public by design"
        );
        assert_eq!((uses[0].matched, uses[1].matched), (1, 1));

        // The day after the expiry date, the same entry suppresses nothing and says so.
        let mut again = vec![finding("s3-bucket-public-read", "arn:aws:s3:::logs-1", &[])];
        let later = NaiveDate::from_ymd_opt(2027, 2, 1).unwrap();
        let uses = apply(&mut again, std::slice::from_ref(&by_arn), later);
        assert_eq!(again[0].status, Status::Fail);
        assert!(uses[0].expired && uses[0].matched == 1);
        // On the expiry day itself it still applies.
        let mut last_day = vec![finding("s3-bucket-public-read", "arn:aws:s3:::logs-1", &[])];
        apply(
            &mut last_day,
            &[by_arn],
            NaiveDate::from_ymd_opt(2027, 1, 31).unwrap(),
        );
        assert_eq!(last_day[0].status, Status::Suppressed);
    }
}
