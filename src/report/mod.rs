//! Report: one file per format; every format renders the same sorted `Finding` list.

pub mod json;
pub mod sarif;
pub mod terminal;

use crate::engine::PolicySet;
use crate::findings::Finding;
use crate::inventory::SnapshotHeader;

/// Everything a report may show about one scan.
pub struct ScanReport<'a> {
    pub findings: &'a [Finding],
    pub policies: &'a PolicySet,
    /// The scanned snapshot's header: version, time, accounts, gaps.
    pub snapshot: &'a SnapshotHeader,
    /// Number of resources in the inventory.
    pub resources: usize,
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
