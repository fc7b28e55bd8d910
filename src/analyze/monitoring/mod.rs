//! Monitoring analysis: which CIS event patterns each CloudWatch Logs metric filter catches,
//! decided by evaluating the filter pattern against the CloudTrail events of each pattern
//! ([`cis`]) rather than by matching its text. Exposed to Rego under `input.facts.monitoring`.
//!
//! - [`pattern`]: the filter pattern language.
//! - [`cis`]: the CIS AWS Foundations 3.0 section 4 event patterns.

pub mod cis;
pub mod pattern;

use crate::inventory::Inventory;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::LazyLock;

#[derive(Debug, Default, Clone, Serialize, PartialEq)]
pub struct MonitoringFacts {
    /// The CIS event patterns by slug (`unauthorized-api-calls`).
    pub patterns: BTreeMap<&'static str, PatternInfo>,
    /// By log group ARN, then metric filter name.
    pub filters: BTreeMap<String, BTreeMap<String, FilterFacts>>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PatternInfo {
    /// The CIS recommendation (`4.1`).
    pub cis: &'static str,
    pub title: &'static str,
    /// The events a covering filter matches, as messages name them.
    pub events: Vec<String>,
}

#[derive(Debug, Default, Clone, Serialize, PartialEq)]
pub struct FilterFacts {
    /// Patterns whose every event it matches, without matching the unrelated one.
    pub covers: Vec<&'static str>,
    /// Patterns it catches only in part: the events it misses.
    pub misses: BTreeMap<&'static str, Vec<String>>,
    /// Patterns whose events it matches along with an unrelated read: it counts too much to
    /// alert on, so it does not count.
    pub too_broad: Vec<&'static str>,
    /// Why the pattern could not be analysed (it then covers nothing).
    pub error: Option<String>,
}

static PATTERNS: LazyLock<Vec<cis::EventPattern>> = LazyLock::new(cis::patterns);

/// Judges every metric filter of every log group.
pub fn analyze(inventory: &Inventory) -> MonitoringFacts {
    let patterns = PATTERNS
        .iter()
        .map(|p| {
            let info = PatternInfo {
                cis: p.cis,
                title: p.title,
                events: p.events.iter().map(|(label, _)| label.clone()).collect(),
            };
            (p.slug, info)
        })
        .collect();
    let mut filters: BTreeMap<String, BTreeMap<String, FilterFacts>> = BTreeMap::new();
    for group in &inventory.logging.log_groups {
        let judged = group
            .metric_filters
            .iter()
            .map(|f| (f.name.clone(), judge(&f.pattern)))
            .collect::<BTreeMap<_, _>>();
        if !judged.is_empty() {
            filters.entry(group.arn.clone()).or_default().extend(judged);
        }
    }
    MonitoringFacts { patterns, filters }
}

/// What one filter pattern catches.
pub fn judge(text: &str) -> FilterFacts {
    let parsed = match pattern::parse(text) {
        Ok(p) => p,
        Err(e) => {
            return FilterFacts {
                error: Some(e.to_string()),
                ..FilterFacts::default()
            }
        }
    };
    let mut facts = FilterFacts::default();
    for p in PATTERNS.iter() {
        let missed: Vec<String> = p
            .events
            .iter()
            .filter(|(_, event)| !parsed.matches(event))
            .map(|(label, _)| label.clone())
            .collect();
        if missed.is_empty() {
            if parsed.matches(&p.unrelated.1) {
                facts.too_broad.push(p.slug);
            } else {
                facts.covers.push(p.slug);
            }
        } else if missed.len() < p.events.len() {
            facts.misses.insert(p.slug, missed);
        }
    }
    facts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cis_filters_cover_their_own_pattern_only() {
        let cases = [
            ("unauthorized-api-calls", r#"{($.errorCode="*UnauthorizedOperation")||($.errorCode="AccessDenied*")&&($.sourceIPAddress!="delivery.logs.amazonaws.com")&&($.eventName!="HeadBucket")}"#),
            ("console-sign-in-without-mfa", r#"{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }"#),
            ("root-account-usage", r#"{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }"#),
            ("cloudtrail-changes", "{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }"),
            ("console-authentication-failures", r#"{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }"#),
            ("kms-key-disable-or-deletion", "{($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) }"),
        ];
        for (slug, text) in cases {
            let facts = judge(text);
            assert_eq!(facts.error, None, "{slug}");
            assert_eq!(facts.covers, vec![slug], "{slug}: {facts:?}");
        }
    }

    #[test]
    fn a_partial_filter_names_what_it_misses() {
        let facts = judge(r#"{ $.errorCode = "AccessDenied" }"#);
        assert!(facts.covers.is_empty());
        assert_eq!(
            facts.misses["unauthorized-api-calls"],
            vec![
                "AccessDeniedException on Decrypt".to_string(),
                "Client.UnauthorizedOperation on RunInstances".to_string()
            ]
        );
    }

    #[test]
    fn a_filter_that_counts_everything_covers_nothing() {
        let facts = judge("");
        assert!(facts.covers.is_empty());
        assert_eq!(facts.too_broad.len(), PATTERNS.len());
    }

    #[test]
    fn an_unreadable_pattern_is_an_error_not_a_match() {
        let facts = judge("{ ($.eventName = CreateTrail ");
        assert!(facts.error.is_some());
        assert!(facts.covers.is_empty() && facts.misses.is_empty());
    }
}
