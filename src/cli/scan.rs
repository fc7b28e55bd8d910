//! `palisade scan`: load the inventory and policies, evaluate, write every requested report.

use super::{Format, PolicyArgs, EXIT_FINDINGS, EXIT_OK};
use crate::engine::{self, EvalOptions};
use crate::findings::{Severity, Status};
use crate::inventory::{self, ResourceIndex};
use crate::report::{self, ScanReport};
use anyhow::Context;
use clap::ValueEnum;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailOn {
    Critical,
    High,
    Medium,
    Low,
    Info,
    None,
}

impl FailOn {
    fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Critical => Some(Severity::Critical),
            FailOn::High => Some(Severity::High),
            FailOn::Medium => Some(Severity::Medium),
            FailOn::Low => Some(Severity::Low),
            FailOn::Info => Some(Severity::Info),
            FailOn::None => None,
        }
    }
}

#[derive(clap::Args, Debug)]
#[command(group(clap::ArgGroup::new("source").required(true).args(["demo", "snapshot"])))]
pub struct ScanArgs {
    /// Scan the embedded demo snapshot (a fictional healthcare payments company).
    #[arg(long)]
    demo: bool,
    /// Scan a snapshot file written by `palisade collect` (or by hand).
    #[arg(long, value_name = "FILE")]
    snapshot: Option<PathBuf>,
    #[command(flatten)]
    policies: PolicyArgs,
    /// What to print on stdout.
    #[arg(long, value_enum, default_value = "terminal")]
    format: Format,
    /// Also write SARIF 2.1.0 (for GitHub code scanning) to PATH.
    #[arg(long, value_name = "PATH")]
    sarif: Option<PathBuf>,
    /// Also write the JSON report to PATH.
    #[arg(long, value_name = "PATH")]
    json: Option<PathBuf>,
    /// Exit 1 when a failing finding is at or above this severity [default: low; with --demo: none].
    #[arg(long, value_enum, value_name = "LEVEL")]
    fail_on: Option<FailOn>,
    /// Resources per evaluation chunk of a large collection.
    #[arg(long, default_value_t = EvalOptions::default().chunk_size, hide = true)]
    chunk_size: usize,
}

/// Writes `contents` to `path` through a temporary file, so a failed run never leaves half a report.
pub(crate) fn write_file(path: &Path, contents: &str) -> anyhow::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("cannot write {}", path.display()))?;
    tmp.write_all(contents.as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))?;
    tmp.persist(path)
        .map_err(|e| e.error)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

fn use_color() -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    !no_color && std::io::stdout().is_terminal()
}

pub fn run(args: ScanArgs) -> anyhow::Result<i32> {
    let inventory = match &args.snapshot {
        Some(path) => inventory::load_snapshot(path)?,
        None => crate::demo::inventory().context("the embedded demo snapshot is invalid")?,
    };
    let policies = args.policies.load()?;
    tracing::info!(policies = policies.policies.len(), "policies loaded");
    let facts = crate::analyze::analyze(&inventory);
    let input = engine::input::build(&inventory, &facts)?;
    let index = ResourceIndex::build(&inventory);
    let started = std::time::Instant::now();
    let findings = engine::evaluate(
        &policies,
        &input,
        &inventory.gaps,
        &index,
        EvalOptions {
            chunk_size: args.chunk_size,
        },
    );
    tracing::info!(findings = findings.len(), elapsed = ?started.elapsed(), "evaluated");
    let report = ScanReport {
        findings: &findings,
        policies: &policies,
        inventory: &inventory,
        resources: index.len(),
    };
    if let Some(path) = &args.sarif {
        write_file(path, &report::sarif::render(&report))?;
    }
    if let Some(path) = &args.json {
        write_file(path, &report::json::render(&report))?;
    }
    let stdout = match args.format {
        Format::Terminal => report::terminal::render(&report, use_color()),
        Format::Json => report::json::render(&report),
        Format::Sarif => report::sarif::render(&report),
    };
    let mut out = std::io::stdout().lock();
    // A closed pipe (`palisade scan | head`) is not an error worth a message.
    let _ = out.write_all(stdout.as_bytes()).and_then(|_| out.flush());

    let errors = findings
        .iter()
        .filter(|f| f.status == Status::Error)
        .count();
    if errors > 0 {
        eprintln!("palisade: warning: {errors} policy evaluation error(s); their results are `error`, not pass");
    }
    let fail_on = args
        .fail_on
        .unwrap_or(if args.demo { FailOn::None } else { FailOn::Low });
    let failing = fail_on.threshold().is_some_and(|t| {
        findings
            .iter()
            .any(|f| f.status == Status::Fail && f.rule.severity >= t)
    });
    Ok(if failing { EXIT_FINDINGS } else { EXIT_OK })
}
