//! Suppressions (`[[suppressions]]` in `palisade.toml`): accepted risks, each with a policy, the
//! resources it covers (ARN globs or tags), a justification and an optional expiry date. A
//! suppressed result keeps its place in every report with status `suppressed`; an expired
//! suppression stops suppressing and is reported.

use super::{Finding, Status};
use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

/// One `[[suppressions]]` entry.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Suppression {
    /// A policy id, or a glob of ids (`ec2-security-group-*-open-to-internet`).
    pub policy: String,
    /// ARN globs (`*` any run of characters, `?` one character); a result matches if any does.
    #[serde(default)]
    pub resources: Vec<String>,
    /// Tags the resource must all carry; the value `*` accepts any value.
    #[serde(default)]
    pub tags: BTreeMap<String, String>,
    /// Why the risk is accepted, and by whom: shown wherever the result is.
    pub justification: String,
    /// The last day (UTC) the suppression applies; after it the results fail again.
    #[serde(
        default,
        deserialize_with = "date",
        skip_serializing_if = "Option::is_none"
    )]
    pub expires: Option<NaiveDate>,
    /// 1-based position in the config, for messages.
    #[serde(skip_deserializing)]
    pub index: usize,
}

/// Accepts a TOML date (`expires = 2027-01-31`) or a string (`expires = "2027-01-31"`).
fn date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    let v = toml::Value::deserialize(d)?;
    let text = match &v {
        toml::Value::String(s) => s.clone(),
        toml::Value::Datetime(dt) => dt.to_string(),
        other => {
            return Err(serde::de::Error::custom(format!(
                "expires must be a date like 2027-01-31, not a {}",
                other.type_str()
            )))
        }
    };
    NaiveDate::parse_from_str(&text, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| {
            serde::de::Error::custom(format!(
                "expires {text:?} is not a date like 2027-01-31 (a day, without a time)"
            ))
        })
}

impl Suppression {
    /// Checks what serde cannot: a justification, and something to select resources by.
    pub fn validate(&self) -> Result<(), String> {
        let at = format!("suppression {} (policy `{}`)", self.index, self.policy);
        if self.policy.trim().is_empty() {
            return Err(format!("suppression {} names no policy", self.index));
        }
        if self.justification.trim().is_empty() {
            return Err(format!(
                "{at} has an empty justification: say why the risk is accepted"
            ));
        }
        if self.resources.is_empty() && self.tags.is_empty() {
            return Err(format!(
                "{at} selects no resources: give `resources` (ARN globs; \"*\" for all) or `tags`"
            ));
        }
        if let Some(r) = self.resources.iter().find(|r| r.trim().is_empty()) {
            return Err(format!("{at} has an empty resource pattern {r:?}"));
        }
        Ok(())
    }

    /// Whether the suppression is past its expiry date on `today`.
    pub fn expired(&self, today: NaiveDate) -> bool {
        self.expires.is_some_and(|e| e < today)
    }

    /// Whether the suppression covers `f` (expiry aside).
    pub fn covers(&self, f: &Finding) -> bool {
        glob(&self.policy, &f.rule.id)
            && (self.resources.is_empty()
                || self.resources.iter().any(|r| glob(r, &f.resource.arn)))
            && self.tags.iter().all(|(k, v)| {
                f.resource
                    .tags
                    .get(k)
                    .is_some_and(|actual| v == "*" || actual == v)
            })
    }
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
        let Some(u) = uses.iter_mut().find(|u| u.rule.covers(f)) else {
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

/// Shell-style glob over the whole string, case-sensitive: `*` matches any run of characters
/// (`/` and `:` included), `?` one; everything else is literal. The IAM condition operators'
/// matcher, which is the same thing.
pub fn glob(pattern: &str, text: &str) -> bool {
    crate::analyze::iam::condition::glob(pattern, text, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glob_matches_whole_strings() {
        assert!(glob("arn:aws:s3:::logs-*", "arn:aws:s3:::logs-2026"));
        assert!(glob("*", ""));
        assert!(glob(
            "ec2-*-open-to-internet",
            "ec2-security-group-ssh-open-to-internet"
        ));
        assert!(!glob("arn:aws:s3:::logs-*", "arn:aws:s3:::other-logs-1"));
        assert!(glob("a?c", "abc") && !glob("a?c", "ac"));
        assert!(glob("*b*b", "abxbb") && !glob("*b*b", "abxba"));
        assert!(glob("s3-bucket-public-read", "s3-bucket-public-read"));
        assert!(!glob("s3-bucket-public", "s3-bucket-public-read"));
    }

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

    #[test]
    fn mistakes_are_named() {
        let bad = |t: &str| {
            let mut s: Suppression = match toml::from_str(t) {
                Ok(s) => s,
                Err(e) => return e.to_string(),
            };
            s.index = 3;
            s.validate().unwrap_err()
        };
        assert!(
            bad("policy = \"a-b\"\nresources = [\"*\"]\njustification = \" \"\n")
                .contains("empty justification")
        );
        assert!(bad("policy = \"a-b\"\njustification = \"x\"\n").contains("selects no resources"));
        assert!(bad("policy = \"a-b\"\nresources = [\"*\"]\njustification = \"x\"\nexpires = \"31/01/2027\"\n").contains("not a date"));
        assert!(bad("policy = \"a-b\"\nresources = [\"*\"]\njustification = \"x\"\nexpires = 2027-01-31T10:00:00Z\n").contains("not a date"));
        assert!(
            bad("policy = \"a-b\"\nresource = [\"*\"]\njustification = \"x\"\n")
                .contains("unknown field")
        );
    }
}
