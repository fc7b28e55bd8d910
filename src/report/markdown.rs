//! The Markdown summary, sized for `$GITHUB_STEP_SUMMARY` (at most 1 MiB per step): counts by
//! severity, the top failing findings, a control table per framework, suppressions, baseline
//! changes and gaps. Past the budget, lines are dropped and a note says how many.

use super::{json::failing_by_severity, ScanReport};
use crate::compliance::{ControlStatus, FrameworkResult};
use crate::findings::BaselineState;
use crate::findings::{Counts, Finding, Severity, Status};
use std::io::Write;

/// GitHub's limit for one step's summary.
pub const MAX_BYTES: usize = 1024 * 1024;
/// Room kept for the truncation note.
const NOTE_ROOM: usize = 1024;
/// Failing findings listed in full.
const TOP_FINDINGS: usize = 50;
/// Collection gaps listed in full.
const TOP_GAPS: usize = 50;

/// A Markdown document that stops taking lines at its byte budget and counts what it dropped.
struct Doc {
    text: String,
    budget: usize,
    dropped: usize,
}

impl Doc {
    fn line(&mut self, line: &str) {
        if self.dropped > 0 || self.text.len() + line.len() + 1 > self.budget {
            self.dropped += 1;
            return;
        }
        self.text.push_str(line);
        self.text.push('\n');
    }
}

/// Escapes a cloud string for a Markdown table cell: no table breaks, no HTML, no links or
/// emphasis, one line.
pub fn cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' => out.push_str("\\|"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => out.extend(c.escape_unicode()),
            c => out.push(c),
        }
    }
    out
}

fn icon(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "🟥",
        Severity::High => "🟧",
        Severity::Medium => "🟨",
        Severity::Low => "🟦",
        Severity::Info => "⬜",
    }
}

fn status_label(s: ControlStatus) -> &'static str {
    match s {
        ControlStatus::Fail => "❌ fail",
        ControlStatus::NotEvaluated => "❔ not evaluated",
        ControlStatus::Pass => "✅ pass",
        ControlStatus::Manual => "📝 manual",
    }
}

/// Renders the summary within `budget` bytes.
fn render_within(r: &ScanReport, budget: usize) -> String {
    let mut d = Doc {
        text: String::new(),
        budget: budget.saturating_sub(NOTE_ROOM),
        dropped: 0,
    };
    summary(r, &mut d);
    top_findings(r, &mut d);
    for fw in r.compliance {
        controls(fw, &mut d);
    }
    estate(r, &mut d);
    suppressions(r, &mut d);
    baseline(r, &mut d);
    gaps(r, &mut d);
    if d.dropped > 0 {
        d.text.push_str(&format!(
            "\n> **Truncated:** this summary stops at {} KiB (the limit of a GitHub step summary); {} more lines are left out. The JSON and SARIF reports have every result.\n",
            budget / 1024,
            d.dropped
        ));
    }
    d.text
}

/// Writes the Markdown summary (at most [`MAX_BYTES`]).
pub fn write(r: &ScanReport, out: &mut dyn Write) -> std::io::Result<()> {
    out.write_all(render_within(r, MAX_BYTES).as_bytes())
}

/// The Markdown summary as a string (tests).
pub fn render(r: &ScanReport) -> String {
    render_within(r, MAX_BYTES)
}

fn summary(r: &ScanReport, d: &mut Doc) {
    let c = Counts::of(r.findings);
    let by_sev = failing_by_severity(r.findings);
    d.line(&format!("## Palisade: {} failing", c.fail));
    d.line("");
    let accounts: Vec<String> = r.accounts().iter().map(|a| cell(a)).collect();
    d.line(&format!(
        "{} policies over {} resources in {} {}, collected {}.",
        r.policies.policies.len(),
        r.resources,
        if accounts.len() == 1 {
            "account"
        } else {
            "accounts"
        },
        accounts.join(", "),
        r.snapshot
            .collected_at
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    ));
    if let Some(b) = r.baseline {
        d.line("");
        d.line(&format!(
            "**{} new since baseline**, {} no longer failing (baseline `{}`).",
            b.new,
            b.absent.len(),
            cell(&b.path)
        ));
    }
    d.line("");
    d.line("| Severity | Failing |");
    d.line("|---|---:|");
    for s in Severity::ALL {
        d.line(&format!("| {} {} | {} |", icon(s), s, by_sev[&s]));
    }
    d.line("");
    d.line(&format!(
        "Passed: {} · Not evaluated: {} · Errors: {} · Suppressed: {}",
        c.pass, c.not_evaluated, c.error, c.suppressed
    ));
    d.line("");
}

fn finding_row(f: &Finding) -> String {
    let new = if f.baseline == Some(BaselineState::New) {
        " 🆕"
    } else {
        ""
    };
    format!(
        "| {} {}{new} | `{}` | {} | {} |",
        icon(f.severity),
        f.severity,
        cell(&f.rule.id),
        cell(&f.resource.arn),
        cell(&f.message())
    )
}

fn top_findings(r: &ScanReport, d: &mut Doc) {
    let fails: Vec<&Finding> = r
        .findings
        .iter()
        .filter(|f| f.status == Status::Fail)
        .collect();
    if fails.is_empty() {
        return;
    }
    let shown = fails.len().min(TOP_FINDINGS);
    d.line(&format!("### Top findings ({shown} of {})", fails.len()));
    d.line("");
    d.line("| Severity | Policy | Resource | Message |");
    d.line("|---|---|---|---|");
    for f in &fails[..shown] {
        d.line(&finding_row(f));
    }
    d.line("");
}

fn control_row(c: &crate::compliance::ControlResult) -> String {
    format!(
        "| {} | {} | {} | {} |",
        cell(&c.control.id),
        cell(&c.control.title),
        status_label(c.status),
        cell(&c.reason)
    )
}

fn controls(fw: &FrameworkResult, d: &mut Doc) {
    let tally: Vec<String> = fw
        .tally()
        .iter()
        .map(|(s, n)| format!("{n} {}", s.as_str()))
        .collect();
    d.line(&format!(
        "### {} {} (`{}`)",
        cell(&fw.framework.title),
        cell(&fw.framework.version),
        cell(&fw.framework.id)
    ));
    d.line("");
    d.line(&format!("Controls: {}.", tally.join(", ")));
    d.line("");
    d.line("| Control | Title | Status | Why |");
    d.line("|---|---|---|---|");
    for c in fw
        .controls
        .iter()
        .filter(|c| c.status != ControlStatus::Manual)
    {
        d.line(&control_row(c));
    }
    let manual: Vec<_> = fw
        .controls
        .iter()
        .filter(|c| c.status == ControlStatus::Manual)
        .collect();
    d.line("");
    if !manual.is_empty() {
        d.line(&format!(
            "<details><summary>{} controls need manual evidence</summary>",
            manual.len()
        ));
        d.line("");
        d.line("| Control | Title | Status | What to check |");
        d.line("|---|---|---|---|");
        for c in manual {
            d.line(&control_row(c));
        }
        d.line("");
        d.line("</details>");
        d.line("");
    }
}

fn suppressions(r: &ScanReport, d: &mut Doc) {
    let expired: Vec<_> = r.expired_suppressions().collect();
    let suppressed = r
        .findings
        .iter()
        .filter(|f| f.status == Status::Suppressed)
        .count();
    if expired.is_empty() && suppressed == 0 {
        return;
    }
    d.line("### Suppressions");
    d.line("");
    d.line(&format!(
        "{suppressed} failing results are suppressed by the config."
    ));
    for u in expired {
        d.line(&format!(
            "- ⚠️ Suppression {} (`{}`) **expired** on {}: {} results fail again. Justification was: {}",
            u.rule.index,
            cell(&u.rule.policy),
            u.rule.expires.map(|e| e.to_string()).unwrap_or_default(),
            u.matched,
            cell(&u.rule.justification)
        ));
    }
    d.line("");
}

fn baseline(r: &ScanReport, d: &mut Doc) {
    let Some(b) = r.baseline else { return };
    if b.absent.is_empty() {
        return;
    }
    d.line(&format!(
        "### No longer failing since baseline ({})",
        b.absent.len()
    ));
    d.line("");
    d.line("| Policy | Resource | Now |");
    d.line("|---|---|---|");
    for a in &b.absent {
        let now = a.now.describe();
        d.line(&format!(
            "| `{}` | {} | {now} |",
            cell(&a.entry.policy_id),
            cell(&a.entry.arn)
        ));
    }
    d.line("");
}

/// Accounts listed in the per-account table; the rest are counted.
const TOP_ACCOUNTS: usize = 25;

/// With several accounts: a table per organizational unit, then the accounts with the most
/// failing results.
fn estate(r: &ScanReport, d: &mut Doc) {
    let Some(estate) = super::estate::of(r) else {
        return;
    };
    if !estate.units.is_empty() {
        d.line(&format!(
            "### By organizational unit ({})",
            estate.units.len()
        ));
        d.line("");
        d.line("| Unit | Accounts | Failing | Critical/high | Gaps |");
        d.line("|---|---:|---:|---:|---:|");
        for u in &estate.units {
            d.line(&format!(
                "| {} | {} | {} | {} | {} |",
                cell(u.unit),
                u.accounts,
                u.failing,
                u.severe,
                u.gaps
            ));
        }
        d.line("");
    }
    // The unit column only when the snapshot knows the organization's units.
    let units = !estate.units.is_empty();
    d.line(&format!("### By account ({})", estate.accounts.len()));
    d.line("");
    if units {
        d.line("| Account | Name | Unit | Failing | Critical/high | Not evaluated | Gaps |");
        d.line("|---|---|---|---:|---:|---:|---:|");
    } else {
        d.line("| Account | Name | Failing | Critical/high | Not evaluated | Gaps |");
        d.line("|---|---|---:|---:|---:|---:|");
    }
    for a in estate.accounts.iter().take(TOP_ACCOUNTS) {
        let unit = if units {
            format!(" {} |", a.unit.map(cell).unwrap_or_default())
        } else {
            String::new()
        };
        d.line(&format!(
            "| `{}` | {} |{unit} {} | {} | {} | {} |",
            cell(a.id),
            a.name.map(cell).unwrap_or_default(),
            a.failing,
            a.severe,
            a.not_evaluated,
            a.gaps
        ));
    }
    if estate.accounts.len() > TOP_ACCOUNTS {
        let rest = &estate.accounts[TOP_ACCOUNTS..];
        let failing = rest.iter().filter(|a| a.failing > 0).count();
        d.line("");
        d.line(&format!(
            "… and {} more accounts, {failing} of them with failing results (the JSON report has every result).",
            rest.len()
        ));
    }
    d.line("");
}

fn gaps(r: &ScanReport, d: &mut Doc) {
    let gaps = &r.snapshot.gaps;
    if gaps.is_empty() {
        return;
    }
    d.line(&format!("### Collection gaps ({})", gaps.len()));
    d.line("");
    d.line("Results that depend on these are `not evaluated`, never passed.");
    d.line("");
    for g in gaps.iter().take(TOP_GAPS) {
        d.line(&format!("- {}", cell(&g.describe())));
    }
    if gaps.len() > TOP_GAPS {
        d.line(&format!(
            "- … and {} more (see the JSON report)",
            gaps.len() - TOP_GAPS
        ));
    }
    d.line("");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_cannot_break_tables_or_inject_html() {
        assert_eq!(cell("a|b\nc"), "a\\|b c");
        assert_eq!(cell("<script>x</script>"), "&lt;script&gt;x&lt;/script&gt;");
        assert_eq!(cell("[x](http://e)"), "\\[x\\](http://e)");
        assert_eq!(cell("`rm`"), "\\`rm\\`");
    }

    #[test]
    fn the_budget_drops_lines_and_counts_them() {
        let mut d = Doc {
            text: String::new(),
            budget: 10,
            dropped: 0,
        };
        d.line("12345");
        d.line("67890");
        d.line("1");
        assert_eq!(d.text, "12345\n");
        assert_eq!(d.dropped, 2);
    }
}
