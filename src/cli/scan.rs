//! `palisade scan`: load the inventory and policies, evaluate, write every requested report.

use super::{Format, PolicyArgs, EXIT_FINDINGS, EXIT_OK};
use crate::engine::{self, EvalOptions};
use crate::findings::{suppress, Severity, Status};
use crate::inventory::ResourceIndex;
use crate::report::{self, ScanReport};
use anyhow::Context;
use clap::ValueEnum;
use std::collections::BTreeSet;
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

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum EngineChoice {
    Compiled,
    Interpreter,
}

#[derive(clap::Args, Debug)]
pub struct ScanArgs {
    #[command(flatten)]
    source: super::source::SourceArgs,
    #[command(flatten)]
    policies: PolicyArgs,
    #[command(flatten)]
    config: super::network::ConfigArg,
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
    /// Policy engine: `interpreter` (reference semantics) or `compiled` (regorus's RVM for the
    /// built-in policies: about 2.4x faster, experimental).
    #[arg(long, value_enum, default_value = "interpreter")]
    engine: EngineChoice,
    /// Days without use after which a role or a user's credential counts as unused.
    #[arg(long, value_name = "DAYS", default_value_t = 90)]
    unused_days: u32,
    /// Print per-phase timings as one JSON line on stderr (used by the benchmark harness).
    #[arg(long, hide = true)]
    timings: bool,
}

/// Writes a report to `path` through a temporary file in the same directory, so a failed run
/// never leaves half a report behind.
pub(crate) fn write_file(
    path: &Path,
    render: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    let context = || format!("cannot write {}", path.display());
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let tmp = tempfile::NamedTempFile::new_in(dir).with_context(context)?;
    let mut w = std::io::BufWriter::new(tmp);
    render(&mut w).with_context(context)?;
    let tmp = w
        .into_inner()
        .map_err(|e| e.into_error())
        .with_context(context)?;
    tmp.persist(path)
        .map_err(|e| e.error)
        .with_context(context)?;
    Ok(())
}

fn use_color() -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    !no_color && std::io::stdout().is_terminal()
}

/// Wall time and resident memory after each phase, for `--timings`.
#[derive(serde::Serialize, Default)]
struct Timings {
    phases: Vec<Phase>,
    resources: usize,
    findings: usize,
}

#[derive(serde::Serialize)]
struct Phase {
    name: &'static str,
    ms: u128,
    rss_mb: u64,
}

struct Stopwatch {
    clock: std::time::Instant,
    timings: Timings,
}

impl Stopwatch {
    fn new() -> Self {
        Stopwatch {
            clock: std::time::Instant::now(),
            timings: Timings::default(),
        }
    }

    fn lap(&mut self, name: &'static str) {
        let ms = self.clock.elapsed().as_millis();
        tracing::debug!(phase = name, ms, "phase done");
        self.timings.phases.push(Phase {
            name,
            ms,
            rss_mb: resident_mb(),
        });
        self.clock = std::time::Instant::now();
    }
}

/// Current resident set size in MB (Linux; 0 elsewhere).
fn resident_mb() -> u64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| {
            s.split_whitespace()
                .nth(1)
                .and_then(|p| p.parse::<u64>().ok())
        })
        .map(|pages| pages * 4096 / 1_000_000)
        .unwrap_or(0)
}

/// Frees a large structure on another thread, so the scan goes on meanwhile.
fn drop_in_background<T: Send + 'static>(value: T) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || drop(value))
}

pub fn run(args: ScanArgs) -> anyhow::Result<i32> {
    let mut watch = Stopwatch::new();
    let inventory = args.source.load()?;
    let config = args.config.load(args.source.demo)?;
    watch.lap("load");
    let mut policies = args.policies.load()?;
    check_suppressions(&policies, &config)?;
    if args.source.iam_only() {
        let before = policies.policies.len();
        policies.policies.retain(|p| {
            p.meta
                .collections()
                .all(|c| c == "accounts" || c.starts_with("iam."))
        });
        eprintln!(
            "palisade: an authorization-details file holds IAM data only: running the {} IAM policies, not the other {}",
            policies.policies.len(),
            before - policies.policies.len()
        );
    }
    tracing::info!(policies = policies.policies.len(), "policies loaded");
    let frameworks = select_frameworks(&policies, &args.frameworks)?;
    let baseline = args
        .baseline
        .as_deref()
        .map(crate::findings::baseline::Baseline::load)
        .transpose()?;
    watch.lap("policies");
    let (facts, index) = rayon::join(
        || {
            crate::analyze::analyze_with(
                &inventory,
                crate::analyze::Settings {
                    unused_days: args.unused_days,
                },
                &config,
            )
        },
        || ResourceIndex::build(&inventory),
    );
    // From here on reports need only the snapshot's header; the policy input takes the rest.
    let mut header = inventory.header();
    // Analysis that the data did not allow (a policy attached but absent) is a gap too.
    header.gaps.extend(facts.iam.gaps.iter().cloned());
    header.gaps.extend(facts.network.gaps.iter().cloned());
    // What neutralised each method is for people (`palisade iam analyze`); no policy reads it,
    // and at a million resources it is hundreds of megabytes of input.
    let mut facts = facts;
    for p in facts.iam.principals.values_mut() {
        p.neutralised = Vec::new();
    }
    let input = engine::input::build_owned(inventory, &facts)?;
    drop(facts);
    watch.lap("input");
    let findings = engine::evaluate(
        &policies,
        &input,
        &header.gaps,
        &index,
        EvalOptions {
            chunk_size: args.chunk_size,
            backend: match args.engine {
                EngineChoice::Compiled => engine::Backend::Compiled,
                EngineChoice::Interpreter => engine::Backend::Interpreter,
            },
        },
    );
    let freeing_input = drop_in_background(input);
    watch.lap("evaluate");
    tracing::info!(findings = findings.len(), "evaluated");
    let mut findings = findings;
    let scanned_at = chrono::Utc::now();
    let suppressions =
        suppress::apply(&mut findings, &config.suppressions, scanned_at.date_naive());
    for u in suppressions.iter().filter(|u| u.expired) {
        eprintln!(
            "palisade: warning: suppression {} (policy `{}`) expired on {}: it suppresses nothing; {} matching result(s) are reported as failing",
            u.rule.index,
            u.rule.policy,
            u.rule.expires.map(|d| d.to_string()).unwrap_or_default(),
            u.matched
        );
    }
    let baseline = baseline.map(|b| {
        let absent = crate::findings::baseline::apply(&mut findings, &b, &index, |id| {
            policies.get(id).is_some()
        });
        report::BaselineSummary {
            path: b.path.display().to_string(),
            new: crate::findings::baseline::new_count(&findings),
            absent,
        }
    });
    let ran: BTreeSet<&str> = policies
        .policies
        .iter()
        .map(|p| p.meta.id.as_str())
        .collect();
    let compliance = crate::compliance::evaluate(&frameworks, &findings, &ran);
    let report = ScanReport {
        findings: &findings,
        policies: &policies,
        snapshot: &header,
        resources: index.len(),
        compliance: &compliance,
        suppressions: &suppressions,
        baseline: baseline.as_ref(),
        scanned_at,
        sarif_suppressed: args.sarif_include_suppressed,
    };
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
    let sarif_results = findings
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
    watch.lap("report");
    let _ = freeing_input.join();
    if args.timings {
        watch.timings.resources = index.len();
        watch.timings.findings = findings.len();
        eprintln!("{}", serde_json::to_string(&watch.timings)?);
    }

    let errors = findings
        .iter()
        .filter(|f| f.status == Status::Error)
        .count();
    if errors > 0 {
        eprintln!("palisade: warning: {errors} policy evaluation error(s); their results are `error`, not pass");
    }
    let fail_on = args.fail_on.unwrap_or(if args.source.demo {
        FailOn::None
    } else {
        FailOn::Low
    });
    let failing = fail_on.threshold().is_some_and(|t| {
        findings
            .iter()
            .any(|f| f.status == Status::Fail && f.severity >= t)
    });
    // The process exits right after this; freeing millions of findings one by one would only
    // add time to every large scan.
    drop(compliance);
    std::mem::forget(findings);
    std::mem::forget(index);
    Ok(if failing { EXIT_FINDINGS } else { EXIT_OK })
}

/// The frameworks asked for with `--framework`, in the order given (each once).
fn select_frameworks<'a>(
    policies: &'a crate::engine::PolicySet,
    ids: &[String],
) -> anyhow::Result<Vec<&'a crate::compliance::Framework>> {
    let mut out: Vec<&crate::compliance::Framework> = Vec::new();
    for id in ids {
        let Some(fw) = policies.framework(id) else {
            let known: Vec<&str> = policies.frameworks.iter().map(|f| f.id.as_str()).collect();
            anyhow::bail!(
                "unknown framework `{id}`: the frameworks are {} (see `palisade frameworks list`)",
                known.join(", ")
            );
        };
        if !out.iter().any(|f| f.id == fw.id) {
            out.push(fw);
        }
    }
    Ok(out)
}

/// A suppression whose policy pattern matches no loaded policy is a typo, not an accepted risk.
fn check_suppressions(
    policies: &crate::engine::PolicySet,
    config: &crate::config::Config,
) -> anyhow::Result<()> {
    for s in &config.suppressions {
        if !policies
            .policies
            .iter()
            .any(|p| suppress::glob(&s.policy, &p.meta.id))
        {
            anyhow::bail!(
                "suppression {} in the config: policy `{}` matches none of the {} loaded policies (see `palisade policies list`)",
                s.index,
                s.policy,
                policies.policies.len()
            );
        }
    }
    Ok(())
}
