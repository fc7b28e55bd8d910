//! `palisade scan`: turn the arguments into a scan request, run the pipeline, write every
//! requested report, and choose the exit code.

use super::args::{ConfigArg, Format, PolicyArgs, EXIT_FINDINGS, EXIT_OK};
use super::output::{use_color, write_file};
use super::source::{print_collected, SourceArgs};
use crate::analyze::Settings;
use crate::engine::{Backend, EvalOptions, Severity};
use crate::pipeline::{Policies, ScanOutcome, ScanRequest};
use crate::report::{self, ScanReport};
use anyhow::Context;
use clap::ValueEnum;
use std::io::Write;
use std::path::PathBuf;

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

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum EngineChoice {
    Compiled,
    Interpreter,
}

#[derive(clap::Args, Debug)]
pub struct ScanArgs {
    #[command(flatten)]
    source: SourceArgs,
    #[command(flatten)]
    policies: PolicyArgs,
    #[command(flatten)]
    config: ConfigArg,
    /// What to print on stdout.
    #[arg(long, value_enum, default_value = "terminal")]
    format: Format,
    /// Also write SARIF 2.1.0 (for GitHub code scanning) to PATH.
    #[arg(long, value_name = "PATH")]
    sarif: Option<PathBuf>,
    /// Also write the JSON report to PATH.
    #[arg(long, value_name = "PATH")]
    json: Option<PathBuf>,
    /// Also write a Markdown summary (for $GITHUB_STEP_SUMMARY; at most 1 MiB) to PATH.
    #[arg(long, value_name = "PATH")]
    markdown: Option<PathBuf>,
    /// Also write a self-contained HTML report (charts, findings table, controls) to PATH.
    #[arg(long, value_name = "PATH")]
    html: Option<PathBuf>,
    /// Also write OCSF 1.6 JSON Lines (Detection and Compliance Findings, for SIEMs) to PATH.
    #[arg(long, value_name = "PATH")]
    ocsf: Option<PathBuf>,
    /// Add the status of each control of this framework to every output (hipaa, pci-dss-4.0,
    /// cis-aws-3.0; see `palisade frameworks list`). Repeatable.
    #[arg(long = "framework", value_name = "ID")]
    frameworks: Vec<String>,
    /// Compare with an earlier Palisade SARIF or JSON report: each failing result is new or
    /// unchanged, and results that no longer fail are listed as absent.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Keep suppressed results in the SARIF, marked with their justification (GitHub ignores
    /// SARIF suppressions and would show them as open alerts, so they are left out by default).
    #[arg(long)]
    sarif_include_suppressed: bool,
    /// Exit 1 when a failing finding is at or above this severity [default: low; with --demo: none].
    #[arg(long, value_enum, value_name = "LEVEL")]
    fail_on: Option<FailOn>,
    /// Resources per evaluation chunk of a large collection.
    #[arg(long, default_value_t = EvalOptions::default().chunk_size, hide = true)]
    chunk_size: usize,
    /// Policy engine: `compiled` (regorus's RVM for the built-in policies, the default) or
    /// `interpreter` (the reference semantics; slower).
    #[arg(long, value_enum, default_value = "compiled")]
    engine: EngineChoice,
    /// Days without use after which a role or a user's credential counts as unused.
    #[arg(long, value_name = "DAYS", default_value_t = 90)]
    unused_days: u32,
    /// The shortest retention a CloudWatch Logs log group may have (PCI DSS 10.5.1 asks for a
    /// year of audit log history).
    #[arg(long, value_name = "DAYS", default_value_t = 365)]
    min_log_retention_days: u32,
    /// The TCP ports a security group may open to 0.0.0.0/0 or ::/0 (comma-separated; any other
    /// world-open port fails `ec2-security-group-unauthorized-port-open-to-internet`).
    #[arg(long, value_name = "PORTS", value_delimiter = ',', default_values_t = [80u16, 443])]
    authorized_public_ports: Vec<u16>,
    /// Print timings as one JSON line on stderr: wall time and memory per phase, and the ten
    /// policies that cost the most (evaluation summed over threads, and compilation).
    #[arg(long)]
    timings: bool,
}

impl ScanArgs {
    fn request(&self) -> anyhow::Result<crate::pipeline::ScanRequest> {
        let source = self.source.source()?;
        let config = self.config.load(source.is_demo())?;
        Ok(ScanRequest {
            source,
            policies: Policies::Load {
                builtin: !self.policies.no_builtin,
                dirs: self.policies.dirs.clone(),
            },
            config,
            frameworks: self.frameworks.clone(),
            baseline: self.baseline.clone(),
            settings: Settings {
                unused_days: self.unused_days,
                min_log_retention_days: self.min_log_retention_days,
                authorized_public_ports: self.authorized_public_ports.clone(),
            },
            eval: EvalOptions {
                chunk_size: self.chunk_size,
                backend: match self.engine {
                    EngineChoice::Compiled => Backend::Compiled,
                    EngineChoice::Interpreter => Backend::Interpreter,
                },
                ..EvalOptions::default()
            },
        })
    }
}

pub fn run(args: ScanArgs) -> anyhow::Result<i32> {
    let mut outcome = crate::scan(args.request()?)?;
    if let Some(summary) = &outcome.collected {
        print_collected(summary, &outcome.header.gaps);
    }
    for notice in &outcome.notices {
        eprintln!("palisade: {notice}");
    }
    let started = std::time::Instant::now();
    write_reports(&args, &outcome)?;
    let mut timings = std::mem::take(&mut outcome.timings);
    timings.phases.push(crate::pipeline::Phase {
        name: "report",
        ms: started.elapsed().as_millis(),
        rss_mb: crate::pipeline::resident_mb(),
    });
    if args.timings {
        eprintln!("{}", serde_json::to_string(&timings)?);
    }
    let errors = outcome.errors();
    if errors > 0 {
        eprintln!("palisade: warning: {errors} policy evaluation error(s); their results are `error`, not pass");
    }
    let fail_on = args.fail_on.unwrap_or(if args.source.demo {
        FailOn::None
    } else {
        FailOn::Low
    });
    let failing = fail_on.threshold().is_some_and(|t| outcome.failing_at(t));
    // The process exits right after this; freeing millions of findings one by one would only
    // add time to every large scan.
    std::mem::forget(outcome);
    Ok(if failing { EXIT_FINDINGS } else { EXIT_OK })
}

/// Every file asked for, then stdout.
fn write_reports(args: &ScanArgs, outcome: &ScanOutcome) -> anyhow::Result<()> {
    let report = ScanReport::of(outcome, args.sarif_include_suppressed);
    if let Some(path) = &args.sarif {
        write_file(path, |w| report::sarif::write(&report, w))?;
    }
    if let Some(path) = &args.json {
        write_file(path, |w| report::json::write(&report, w))?;
    }
    if let Some(path) = &args.markdown {
        write_file(path, |w| report::markdown::write(&report, w))?;
    }
    if let Some(path) = &args.html {
        write_file(path, |w| report::html::write(&report, w))?;
    }
    if let Some(path) = &args.ocsf {
        write_file(path, |w| report::ocsf::write(&report, w))?;
    }
    let color = use_color();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = match args.format {
        Format::Terminal => report::terminal::write(&report, color, &mut out),
        Format::Json => report::json::write(&report, &mut out),
        Format::Sarif => report::sarif::write(&report, &mut out),
        Format::Markdown => report::markdown::write(&report, &mut out),
    }
    .and_then(|_| out.flush());
    match written {
        // A closed pipe (`palisade scan | head`) is not an error worth a message.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        other => other.context("cannot write to stdout")?,
    }
    drop(out);
    let sarif_results = outcome
        .findings
        .iter()
        .filter(|f| report::sarif::included(f, args.sarif_include_suppressed))
        .count();
    if (args.sarif.is_some() || args.format == Format::Sarif)
        && sarif_results > report::sarif::GITHUB_MAX_RESULTS
    {
        eprintln!(
            "palisade: warning: the SARIF log has {sarif_results} results; GitHub code scanning accepts at most {} per upload (raise --fail-on or filter policies)",
            report::sarif::GITHUB_MAX_RESULTS
        );
    }
    Ok(())
}
