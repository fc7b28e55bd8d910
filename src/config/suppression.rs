//! One `[[suppressions]]` entry of `palisade.toml`: an accepted risk, with the policy, the
//! resources it covers (ARN globs or tags), a justification and an optional expiry date. What a
//! suppression does to results is `findings::suppress`.

use super::problem::{key, Problem, Step};
use crate::util::diagnostic::Position;
use crate::util::glob::glob;
use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::BTreeMap;

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
    /// Where its `policy` is in the config (file and position), for mistakes found later,
    /// such as a pattern that matches no loaded policy.
    #[serde(skip)]
    pub policy_at: Option<(String, Position)>,
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
    /// What serde cannot check: a policy, a justification, and something to select resources
    /// by. Paths are inside the entry.
    pub fn problems(&self) -> Vec<Problem> {
        let at = format!("suppression {} (policy `{}`)", self.index, self.policy);
        let mut out = Vec::new();
        if self.policy.trim().is_empty() {
            out.push(Problem::new(
                vec![key("policy")],
                format!(
                    "suppression {} names no policy: give a policy id or a glob of ids",
                    self.index
                ),
            ));
        }
        if self.justification.trim().is_empty() {
            out.push(Problem::new(
                vec![key("justification")],
                format!("{at} has an empty justification: say why the risk is accepted"),
            ));
        }
        if self.resources.is_empty() && self.tags.is_empty() {
            out.push(Problem::new(
                vec![],
                format!(
                    "{at} selects no resources: give `resources` (ARN globs; \"*\" for all) or `tags`"
                ),
            ));
        }
        for (i, r) in self.resources.iter().enumerate() {
            if r.trim().is_empty() {
                out.push(Problem::new(
                    vec![key("resources"), Step::Index(i)],
                    format!("{at} has an empty resource pattern {r:?}"),
                ));
            }
        }
        out
    }

    /// Whether the suppression is past its expiry date on `today`.
    pub fn expired(&self, today: NaiveDate) -> bool {
        self.expires.is_some_and(|e| e < today)
    }

    /// Whether the suppression covers a result of `policy_id` on the resource with this ARN and
    /// these tags (expiry aside).
    pub fn covers(&self, policy_id: &str, arn: &str, tags: &BTreeMap<String, String>) -> bool {
        glob(&self.policy, policy_id, false)
            && (self.resources.is_empty() || self.resources.iter().any(|r| glob(r, arn, false)))
            && self
                .tags
                .iter()
                .all(|(k, v)| tags.get(k).is_some_and(|actual| v == "*" || actual == v))
    }

    /// Whether the policy pattern names this policy id.
    pub fn names_policy(&self, policy_id: &str) -> bool {
        glob(&self.policy, policy_id, false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mistakes_are_named() {
        let bad = |t: &str| {
            let mut s: Suppression = match toml::from_str(t) {
                Ok(s) => s,
                Err(e) => return e.to_string(),
            };
            s.index = 3;
            let problems = s.problems();
            assert_eq!(problems.len(), 1, "{problems:?}");
            problems[0].message.clone()
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
