//! Report: one file per format; every format renders the same sorted `Finding` list.

mod controls;
pub mod estate;
pub mod html;
pub mod json;
pub mod markdown;
pub mod ocsf;
mod pretty;
pub mod sarif;
pub mod terminal;

use crate::compliance::{Framework, FrameworkResult};
use crate::engine::PolicySet;
use crate::findings::baseline;
use crate::findings::suppress::SuppressionUse;
use crate::findings::Finding;
use crate::inventory::SnapshotHeader;
use crate::pipeline::ScanOutcome;
use std::sync::Arc;

/// Everything a report may show about one scan.
pub struct ScanReport<'a> {
    pub findings: &'a [Finding],
    pub policies: &'a PolicySet,
    /// Every loaded framework (for filters), not only those asked for.
    pub frameworks: &'a [Arc<Framework>],
    /// The scanned snapshot's header: version, time, accounts, gaps.
    pub snapshot: &'a SnapshotHeader,
    /// Number of resources in the inventory.
    pub resources: usize,
    /// Control status for each framework asked for with `--framework`.
    pub compliance: &'a [FrameworkResult],
    /// What each configured suppression did (empty without suppressions).
    pub suppressions: &'a [SuppressionUse],
    /// The comparison with `--baseline`, when one was given.
    pub baseline: Option<&'a baseline::Summary>,
    /// When the scan ran (reports' own timestamps; the snapshot has its collection time).
    pub scanned_at: chrono::DateTime<chrono::Utc>,
    /// SARIF: keep suppressed results (with `suppressions`) instead of leaving them out.
    pub sarif_suppressed: bool,
}

impl<'a> ScanReport<'a> {
    /// The report of one scan; `sarif_suppressed` keeps suppressed results in the SARIF.
    pub fn of(outcome: &'a ScanOutcome, sarif_suppressed: bool) -> Self {
        ScanReport {
            findings: &outcome.findings,
            policies: &outcome.catalog.policies,
            frameworks: &outcome.catalog.frameworks,
            snapshot: &outcome.header,
            resources: outcome.index.len(),
            compliance: &outcome.compliance,
            suppressions: &outcome.suppressions,
            baseline: outcome.baseline.as_ref(),
            scanned_at: outcome.scanned_at,
            sarif_suppressed,
        }
    }
}

impl ScanReport<'_> {
    /// Suppressions past their expiry date that still matched failing results.
    pub fn expired_suppressions(&self) -> impl Iterator<Item = &SuppressionUse> {
        self.suppressions.iter().filter(|u| u.expired)
    }

    /// The scanned account ids.
    pub fn accounts(&self) -> Vec<&str> {
        self.snapshot
            .accounts
            .iter()
            .map(|a| a.id.as_str())
            .collect()
    }
}

/// Runs a streaming renderer into a string (tests and small outputs).
pub fn to_string(write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>) -> String {
    let mut buf = Vec::new();
    // Writing into a Vec cannot fail, and every renderer writes UTF-8.
    let _ = write(&mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}

/// Makes a string from the cloud safe to print on a terminal: control characters (ANSI escapes,
/// carriage returns, bidi overrides) are shown escaped instead of acting on the terminal.
pub fn printable(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let bidi = matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
        if c.is_control() || bidi {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn printable_escapes_terminal_controls() {
        assert_eq!(super::printable("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(super::printable("x\ry\u{202e}"), "x\\u{d}y\\u{202e}");
        assert_eq!(super::printable("plain ünïcode"), "plain ünïcode");
    }
}
