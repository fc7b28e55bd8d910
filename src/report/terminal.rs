//! The terminal view: failing findings grouped by severity, then gaps and errors, then one
//! summary line. Colour only when asked (a TTY without `NO_COLOR`); cloud strings are escaped.

use super::{json::failing_by_severity, printable, ScanReport};
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
    writeln!(
        out,
        "  {} {}  {}",
        style.severity(f.severity),
        style.paint("1", &f.rule.id),
        printable(&f.resource.arn)
    )?;
    writeln!(out, "           {}", printable(&f.message))
}

/// The terminal report as a string (tests and small outputs).
pub fn render(r: &ScanReport, color: bool) -> String {
    super::to_string(|w| write(r, color, w))
}

/// Writes the terminal report. `color` is decided by the caller (TTY and `NO_COLOR`).
pub fn write(r: &ScanReport, color: bool, out: &mut dyn Write) -> io::Result<()> {
    let style = Style { color };
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
        writeln!(
            out,
            "{}",
            style.paint(
                "1",
                &format!("── {} ({}) ──", sev.as_str().to_uppercase(), group.len())
            )
        )?;
        for f in group {
            write_finding(out, &style, f)?;
        }
        writeln!(out)?;
    }
    let not_evaluated: Vec<&Finding> = r
        .findings
        .iter()
        .filter(|f| f.status == Status::NotEvaluated)
        .collect();
    if !not_evaluated.is_empty() {
        writeln!(
            out,
            "{}",
            style.paint(
                "1;35",
                &format!("── NOT EVALUATED ({}) ──", not_evaluated.len())
            )
        )?;
        for f in not_evaluated {
            writeln!(
                out,
                "  {}  {}",
                style.paint("1", &f.rule.id),
                printable(&f.resource.arn)
            )?;
            writeln!(out, "           {}", printable(&f.message))?;
        }
        writeln!(out)?;
    }
    let errors: Vec<&Finding> = r
        .findings
        .iter()
        .filter(|f| f.status == Status::Error)
        .collect();
    if !errors.is_empty() {
        writeln!(
            out,
            "{}",
            style.paint("1;31", &format!("── POLICY ERRORS ({}) ──", errors.len()))
        )?;
        for f in errors {
            writeln!(
                out,
                "  {}  {}",
                style.paint("1", &f.rule.id),
                printable(&f.message)
            )?;
        }
        writeln!(out)?;
    }
    if !r.snapshot.gaps.is_empty() {
        writeln!(
            out,
            "{}",
            style.paint(
                "1;35",
                &format!("── COLLECTION GAPS ({}) ──", r.snapshot.gaps.len())
            )
        )?;
        for g in &r.snapshot.gaps {
            writeln!(out, "  {}", printable(&g.describe()))?;
        }
        writeln!(out)?;
    }
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
    let summary = format!(
        "{fail_text}, {} passed, {} not evaluated, {} errors: {} policies over {} resources",
        c.pass,
        c.not_evaluated,
        c.error,
        r.policies.policies.len(),
        r.resources
    );
    let code = if c.fail > 0 { "1;31" } else { "1;32" };
    writeln!(out, "{}", style.paint(code, &summary))
}
