//! The terminal view: failing findings grouped by severity, then gaps and errors, then one
//! summary line. Colour only when asked (a TTY without `NO_COLOR`); cloud strings are escaped.

use super::{json::failing_by_severity, printable, ScanReport};
use crate::compliance::{ControlStatus, FrameworkResult};
use crate::findings::BaselineState;
use crate::findings::{Counts, Finding, Severity, Status};
use std::io::{self, Write};

struct Style {
    color: bool,
}

impl Style {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.color {
            format!("\u{1b}[{code}m{s}\u{1b}[0m")
        } else {
            s.to_string()
        }
    }

    fn severity(&self, s: Severity) -> String {
        let label = format!("{:<8}", s.as_str().to_uppercase());
        let code = match s {
            Severity::Critical => "1;31",
            Severity::High => "31",
            Severity::Medium => "33",
            Severity::Low => "36",
            Severity::Info => "2",
        };
        self.paint(code, &label)
    }
}

fn write_finding(out: &mut dyn Write, style: &Style, f: &Finding) -> io::Result<()> {
    let new = if f.baseline == Some(BaselineState::New) {
        style.paint("1;33", " [new]")
    } else {
        String::new()
    };
    writeln!(
        out,
        "  {} {}  {}{new}",
        style.severity(f.severity),
        style.paint("1", &f.rule.id),
        printable(&f.resource.arn)
    )?;
    writeln!(out, "           {}", printable(&f.message()))
}

/// The terminal report as a string (tests and small outputs).
pub fn render(r: &ScanReport, color: bool) -> String {
    super::to_string(|w| write(r, color, w))
}

/// Writes the terminal report. `color` is decided by the caller (TTY and `NO_COLOR`).
pub fn write(r: &ScanReport, color: bool, out: &mut dyn Write) -> io::Result<()> {
    let style = Style { color };
    write_failing(r, &style, out)?;
    write_undecided(r, &style, out)?;
    write_suppressions(r, &style, out)?;
    write_baseline(r, &style, out)?;
    for fw in r.compliance {
        write_controls(fw, &style, out)?;
    }
    write_estate(r, &style, out)?;
    write_summary(r, &style, out)
}

/// Accounts shown by name in the per-account list; the rest are counted.
const TOP_ACCOUNTS: usize = 10;

/// With several accounts: failing results per organizational unit and the accounts with the
/// most.
fn write_estate(r: &ScanReport, style: &Style, out: &mut dyn Write) -> io::Result<()> {
    let Some(estate) = super::estate::of(r) else {
        return Ok(());
    };
    if !estate.units.is_empty() {
        heading(
            out,
            style,
            "1",
            &format!("BY ORGANIZATIONAL UNIT ({})", estate.units.len()),
        )?;
        for u in &estate.units {
            writeln!(
                out,
                "  {:<40} {:>4} account(s)  {:>6} failing ({} critical/high)  {} gap(s)",
                printable(u.unit),
                u.accounts,
                u.failing,
                u.severe,
                u.gaps
            )?;
        }
        writeln!(out)?;
    }
    heading(
        out,
        style,
        "1",
        &format!("BY ACCOUNT ({})", estate.accounts.len()),
    )?;
    for a in estate.accounts.iter().take(TOP_ACCOUNTS) {
        let name = a.name.map(printable).unwrap_or_default();
        let unit = a
            .unit
            .map(|u| format!("  [{}]", printable(u)))
            .unwrap_or_default();
        writeln!(
            out,
            "  {} {:<24} {:>6} failing ({} critical/high)  {} not evaluated  {} gap(s){unit}",
            a.id, name, a.failing, a.severe, a.not_evaluated, a.gaps
        )?;
    }
    if estate.accounts.len() > TOP_ACCOUNTS {
        let rest = &estate.accounts[TOP_ACCOUNTS..];
        let failing = rest.iter().filter(|a| a.failing > 0).count();
        writeln!(
            out,
            "  ... and {} more account(s), {failing} of them with failing results (the JSON report has every result)",
            rest.len()
        )?;
    }
    writeln!(out)
}

/// Failing findings, most severe first, one section per severity.
fn write_failing(r: &ScanReport, style: &Style, out: &mut dyn Write) -> io::Result<()> {
    let fails: Vec<&Finding> = r
        .findings
        .iter()
        .filter(|f| f.status == Status::Fail)
        .collect();
    for sev in Severity::ALL {
        let group: Vec<&&Finding> = fails.iter().filter(|f| f.severity == sev).collect();
        if group.is_empty() {
            continue;
        }
        let title = format!("{} ({})", sev.as_str().to_uppercase(), group.len());
        heading(out, style, "1", &title)?;
        for f in group {
            write_finding(out, style, f)?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// What could not be decided: results not evaluated, policy errors, collection gaps.
fn write_undecided(r: &ScanReport, style: &Style, out: &mut dyn Write) -> io::Result<()> {
    let with =
        |status| -> Vec<&Finding> { r.findings.iter().filter(|f| f.status == status).collect() };
    let not_evaluated = with(Status::NotEvaluated);
    if !not_evaluated.is_empty() {
        let title = format!("NOT EVALUATED ({})", not_evaluated.len());
        heading(out, style, "1;35", &title)?;
        for f in not_evaluated {
            let (id, arn) = (style.paint("1", &f.rule.id), printable(&f.resource.arn));
            writeln!(out, "  {id}  {arn}")?;
            writeln!(out, "           {}", printable(&f.message()))?;
        }
        writeln!(out)?;
    }
    let errors = with(Status::Error);
    if !errors.is_empty() {
        heading(
            out,
            style,
            "1;31",
            &format!("POLICY ERRORS ({})", errors.len()),
        )?;
        for f in errors {
            let (id, message) = (style.paint("1", &f.rule.id), printable(&f.message()));
            writeln!(out, "  {id}  {message}")?;
        }
        writeln!(out)?;
    }
    let gaps = &r.snapshot.gaps;
    if !gaps.is_empty() {
        heading(
            out,
            style,
            "1;35",
            &format!("COLLECTION GAPS ({})", gaps.len()),
        )?;
        for g in gaps {
            writeln!(out, "  {}", printable(&g.describe()))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// The last line: counts by status and severity, policies, resources, baseline changes.
fn write_summary(r: &ScanReport, style: &Style, out: &mut dyn Write) -> io::Result<()> {
    let c = Counts::of(r.findings);
    let by_sev = failing_by_severity(r.findings);
    let breakdown: Vec<String> = Severity::ALL
        .iter()
        .filter(|s| by_sev[s] > 0)
        .map(|s| format!("{} {}", by_sev[s], s))
        .collect();
    let fail_text = if breakdown.is_empty() {
        format!("{} failing", c.fail)
    } else {
        format!("{} failing ({})", c.fail, breakdown.join(", "))
    };
    let suppressed = if c.suppressed > 0 {
        format!(", {} suppressed", c.suppressed)
    } else {
        String::new()
    };
    let mut summary = format!(
        "{fail_text}, {} passed, {} not evaluated, {} errors{suppressed}: {} policies over {} resources",
        c.pass,
        c.not_evaluated,
        c.error,
        r.policies.policies.len(),
        r.resources
    );
    if let Some(b) = r.baseline {
        summary.push_str(&format!(
            "; {} new since baseline, {} no longer failing",
            b.new,
            b.absent.len()
        ));
    }
    let code = if c.fail > 0 { "1;31" } else { "1;32" };
    writeln!(out, "{}", style.paint(code, &summary))
}

fn heading(out: &mut dyn Write, style: &Style, code: &str, text: &str) -> io::Result<()> {
    writeln!(out, "{}", style.paint(code, &format!("── {text} ──")))
}

/// Suppressed results (one line each, with the justification) and expired suppressions.
fn write_suppressions(r: &ScanReport, style: &Style, out: &mut dyn Write) -> io::Result<()> {
    let suppressed: Vec<&Finding> = r
        .findings
        .iter()
        .filter(|f| f.status == Status::Suppressed)
        .collect();
    if !suppressed.is_empty() {
        heading(
            out,
            style,
            "1;34",
            &format!("SUPPRESSED ({})", suppressed.len()),
        )?;
        for f in suppressed {
            let Some(s) = &f.suppression else { continue };
            let until = s
                .expires
                .map(|d| format!(" (until {d})"))
                .unwrap_or_default();
            writeln!(
                out,
                "  {}  {}\n           suppression {}: {}{until}",
                style.paint("1", &f.rule.id),
                printable(&f.resource.arn),
                s.index,
                printable(&s.justification)
            )?;
        }
        writeln!(out)?;
    }
    let expired: Vec<_> = r.expired_suppressions().collect();
    if !expired.is_empty() {
        heading(
            out,
            style,
            "1;33",
            &format!("EXPIRED SUPPRESSIONS ({})", expired.len()),
        )?;
        for u in expired {
            writeln!(
                out,
                "  suppression {} (policy {}) expired on {}: {} result(s) fail again; renew it or fix them",
                u.rule.index,
                printable(&u.rule.policy),
                u.rule.expires.map(|d| d.to_string()).unwrap_or_default(),
                u.matched
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// Baseline results that no longer fail, and what they are now.
fn write_baseline(r: &ScanReport, style: &Style, out: &mut dyn Write) -> io::Result<()> {
    let Some(b) = r.baseline else {
        return Ok(());
    };
    if b.absent.is_empty() {
        return Ok(());
    }
    heading(
        out,
        style,
        "1;32",
        &format!("NO LONGER FAILING SINCE BASELINE ({})", b.absent.len()),
    )?;
    for a in &b.absent {
        let now = a.now.describe();
        writeln!(
            out,
            "  {}  {}  {now}",
            style.paint("1", &a.entry.policy_id),
            printable(&a.entry.arn)
        )?;
    }
    writeln!(out)
}

/// One framework's control table: every automated control; manual ones as a count.
fn write_controls(fw: &FrameworkResult, style: &Style, out: &mut dyn Write) -> io::Result<()> {
    let tally: Vec<String> = fw
        .tally()
        .iter()
        .map(|(s, n)| format!("{n} {}", s.as_str()))
        .collect();
    heading(
        out,
        style,
        "1",
        &format!(
            "{} {} ({}): {}",
            fw.framework.title,
            fw.framework.version,
            fw.framework.id,
            tally.join(", ")
        ),
    )?;
    let width = fw
        .controls
        .iter()
        .map(|c| c.control.id.chars().count())
        .max()
        .unwrap_or(0);
    for c in fw
        .controls
        .iter()
        .filter(|c| c.status != ControlStatus::Manual)
    {
        let (code, label) = match c.status {
            ControlStatus::Fail => ("1;31", "FAIL    "),
            ControlStatus::NotEvaluated => ("1;35", "NOT EVAL"),
            ControlStatus::Pass => ("32", "PASS    "),
            ControlStatus::Manual => ("2", "MANUAL  "),
        };
        writeln!(
            out,
            "  {} {:<width$}  {}: {}",
            style.paint(code, label),
            c.control.id,
            c.control.title,
            printable(&c.reason)
        )?;
    }
    let manual = fw
        .controls
        .iter()
        .filter(|c| c.status == ControlStatus::Manual)
        .count();
    if manual > 0 {
        writeln!(
            out,
            "  {} {manual} control{} need{} manual evidence (`palisade frameworks show {}`)",
            style.paint("2", "MANUAL  "),
            if manual == 1 { "" } else { "s" },
            if manual == 1 { "s" } else { "" },
            fw.framework.id
        )?;
    }
    writeln!(out)
}
