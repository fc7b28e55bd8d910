//! The scan pipeline as one library call, `palisade::scan(ScanRequest) -> ScanOutcome`:
//! source → analysis and policy input → evaluation → suppressions → baseline → compliance.
//! The CLI parses arguments into a request and writes the outcome's reports; tests and
//! benchmarks call it in-process.

pub mod differential;
mod source;
mod timings;

pub use source::{collect_streaming, load_snapshots, Loaded, Source, SourceError};
pub use timings::{resident_mb, Phase, Stopwatch, Timings};

use crate::analyze::Settings;
use crate::collect::CollectSummary;
use crate::compliance::{Catalog, CatalogError, FrameworkResult, UnknownFramework};
use crate::config::Config;
use crate::engine::{self, EvalOptions, Finding, Status};
use crate::findings::baseline::{self, Baseline, BaselineError};
use crate::findings::suppress::{self, SuppressionUse};
use crate::inventory::{Inventory, ResourceIndex, SnapshotHeader};
use crate::util::diagnostic::{Diagnostic, Diagnostics};
use std::collections::BTreeSet;
use std::path::PathBuf;

/// Which policies a scan runs.
#[derive(Debug, Clone)]
pub enum Policies {
    /// Load them: the built-ins (unless `builtin` is false) and each `--policies` directory.
    Load { builtin: bool, dirs: Vec<PathBuf> },
    /// A catalog loaded beforehand (benchmarks and tests that scan many times).
    Loaded(Catalog),
}

impl Default for Policies {
    fn default() -> Self {
        Policies::Load {
            builtin: true,
            dirs: Vec::new(),
        }
    }
}

/// Everything one scan needs.
#[derive(Debug, Clone)]
pub struct ScanRequest {
    pub source: Source,
    pub policies: Policies,
    /// Segments, allowed flows and suppressions (`palisade.toml`).
    pub config: Config,
    /// Frameworks whose controls get a status, by id, in the order given.
    pub frameworks: Vec<String>,
    /// An earlier SARIF or JSON report to compare with.
    pub baseline: Option<PathBuf>,
    pub settings: Settings,
    pub eval: EvalOptions,
}

impl ScanRequest {
    /// A scan of `source` with the built-in policies and every default.
    pub fn new(source: Source) -> Self {
        ScanRequest {
            source,
            policies: Policies::default(),
            config: Config::default(),
            frameworks: Vec::new(),
            baseline: None,
            settings: Settings::default(),
            eval: EvalOptions::default(),
        }
    }
}

/// Everything one scan found, for every report format.
pub struct ScanOutcome {
    pub catalog: Catalog,
    /// Sorted in report order.
    pub findings: Vec<Finding>,
    /// The scanned snapshot's header, with the analysis gaps added to the collection gaps.
    pub header: SnapshotHeader,
    pub index: ResourceIndex,
    /// Control status for each framework asked for.
    pub compliance: Vec<FrameworkResult>,
    /// What each configured suppression did (empty without suppressions).
    pub suppressions: Vec<SuppressionUse>,
    pub baseline: Option<baseline::Summary>,
    pub scanned_at: chrono::DateTime<chrono::Utc>,
    /// What collection did, when the source was a live account.
    pub collected: Option<CollectSummary>,
    /// Things the user should hear about that do not stop the scan (an expired suppression,
    /// policies left out for an IAM-only source).
    pub notices: Vec<String>,
    pub timings: Timings,
}

/// One variant per phase, each naming what was at fault.
#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    #[error(transparent)]
    Source(#[from] SourceError),
    #[error(transparent)]
    Catalog(#[from] CatalogError),
    #[error(transparent)]
    Framework(#[from] UnknownFramework),
    /// A suppression whose policy pattern matches no loaded policy: a typo, not an accepted
    /// risk. Located in the config file when it came from one.
    #[error("{}", .0.summary())]
    Suppression(#[source] Diagnostics),
    #[error(transparent)]
    Baseline(#[from] BaselineError),
    #[error(transparent)]
    Input(#[from] engine::input::InputError),
}

/// How many of the most expensive policies a scan's timings list.
const SLOWEST_POLICIES: usize = 10;

/// Runs one scan.
pub fn scan(request: ScanRequest) -> Result<ScanOutcome, ScanError> {
    let ScanRequest {
        source,
        policies,
        config,
        frameworks,
        baseline,
        settings,
        eval,
    } = request;
    let mut watch = Stopwatch::default();
    let mut notices = Vec::new();
    let iam_only = source.iam_only();
    let Loaded {
        inventory,
        collected,
    } = source.load()?;
    watch.lap("load");

    let catalog = load_catalog(policies, &config, iam_only, &mut notices)?;
    let frameworks = catalog.select(&frameworks)?;
    let baseline = baseline.as_deref().map(Baseline::load).transpose()?;
    watch.lap("policies");

    let (input, header, index) = prepare(inventory, settings, &config)?;
    watch.lap("input");

    let (mut findings, costs) =
        engine::evaluate_owned(&catalog.policies, input, &header.gaps, &index, eval);
    watch.lap("evaluate");
    tracing::info!(findings = findings.len(), "evaluated");

    let scanned_at = chrono::Utc::now();
    let suppressions =
        suppress::apply(&mut findings, &config.suppressions, scanned_at.date_naive());
    notices.extend(suppressions.iter().filter(|u| u.expired).map(|u| {
        format!(
            "suppression {} (policy `{}`) expired on {}: it suppresses nothing; {} matching result(s) are reported as failing",
            u.rule.index,
            u.rule.policy,
            u.rule.expires.map(|d| d.to_string()).unwrap_or_default(),
            u.matched
        )
    }));
    let baseline = baseline.map(|b| compare(&mut findings, &b, &index, &catalog));
    let ran: BTreeSet<&str> = catalog
        .policies
        .policies
        .iter()
        .map(|p| p.meta.id.as_str())
        .collect();
    let compliance = crate::compliance::evaluate(&frameworks, &findings, &ran);
    watch.timings.fallbacks = costs.iter().map(|c| c.fallbacks).sum();
    watch.timings.interpreted = costs.iter().filter(|c| !c.compiled).count();
    watch.timings.slowest_policies = costs.into_iter().take(SLOWEST_POLICIES).collect();
    watch.timings.resources = index.len();
    watch.timings.findings = findings.len();
    Ok(ScanOutcome {
        catalog,
        findings,
        header,
        index,
        compliance,
        suppressions,
        baseline,
        scanned_at,
        collected,
        notices,
        timings: watch.timings,
    })
}

/// The policies and frameworks; only the IAM policies for an IAM-only source (said in a
/// notice), and every suppression must name a loaded policy.
fn load_catalog(
    policies: Policies,
    config: &Config,
    iam_only: bool,
    notices: &mut Vec<String>,
) -> Result<Catalog, ScanError> {
    let mut catalog = match policies {
        Policies::Load { builtin, dirs } => Catalog::load(builtin, &dirs)?,
        Policies::Loaded(catalog) => catalog,
    };
    check_suppressions(&catalog, config)?;
    if iam_only {
        let before = catalog.policies.policies.len();
        catalog.policies.policies.retain(|p| {
            p.meta
                .collections()
                .all(|c| c == "accounts" || c.starts_with("iam."))
        });
        let kept = catalog.policies.policies.len();
        notices.push(format!(
            "an authorization-details file holds IAM data only: running the {kept} IAM policies, not the other {}",
            before - kept
        ));
    }
    tracing::info!(
        policies = catalog.policies.policies.len(),
        "policies loaded"
    );
    Ok(catalog)
}

/// Analysis, the resource index and the policy input. The inventory is consumed: from here on
/// reports need only the snapshot's header, with the analysis gaps added to it.
fn prepare(
    inventory: Inventory,
    settings: Settings,
    config: &Config,
) -> Result<(regorus::Value, SnapshotHeader, ResourceIndex), ScanError> {
    let (facts, index) = rayon::join(
        || crate::analyze::analyze_with(&inventory, settings, config),
        || ResourceIndex::build(&inventory),
    );
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
    Ok((input, header, index))
}

/// Marks each failing result new or unchanged against the baseline, and lists the baseline's
/// results that no longer fail.
fn compare(
    findings: &mut [Finding],
    b: &Baseline,
    index: &ResourceIndex,
    catalog: &Catalog,
) -> baseline::Summary {
    let absent = baseline::apply(findings, b, index, |id| catalog.policies.get(id).is_some());
    baseline::Summary {
        path: b.path.display().to_string(),
        new: baseline::new_count(findings),
        absent,
    }
}

impl ScanOutcome {
    /// Failing results at or above `threshold`.
    pub fn failing_at(&self, threshold: engine::Severity) -> bool {
        self.findings
            .iter()
            .any(|f| f.status == Status::Fail && f.severity >= threshold)
    }

    /// Results whose policy failed to evaluate.
    pub fn errors(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.status == Status::Error)
            .count()
    }
}

/// A suppression whose policy pattern matches no loaded policy is a typo, not an accepted risk;
/// every such entry is reported.
fn check_suppressions(catalog: &Catalog, config: &Config) -> Result<(), ScanError> {
    let policies = &catalog.policies.policies;
    let mut found = Diagnostics::default();
    for s in &config.suppressions {
        if policies.iter().any(|p| s.names_policy(&p.meta.id)) {
            continue;
        }
        let message = format!(
            "suppression {}: policy `{}` matches none of the {} loaded policies (see `palisade policies list`)",
            s.index,
            s.policy,
            policies.len()
        );
        found.push(match &s.policy_at {
            Some((file, at)) => Diagnostic::at(file.clone(), at.clone(), message),
            None => Diagnostic::file("the config", message),
        });
    }
    found.into_result(()).map_err(ScanError::Suppression)
}
