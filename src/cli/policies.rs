//! `palisade policies list|show|test`.

use super::args::{ListFormat, PolicyArgs, EXIT_FINDINGS, EXIT_OK};
use super::output::print;
use crate::compliance::Catalog;
use crate::engine::{testing, Policy, PolicySet};
use crate::pipeline::differential;
use anyhow::bail;
use clap::Subcommand;
use std::fmt::Write as _;
use std::path::PathBuf;

#[derive(Subcommand, Debug)]
pub enum PoliciesCommand {
    /// List every policy: id, severity, title.
    List {
        #[arg(long, value_enum, default_value = "text")]
        format: ListFormat,
        #[command(flatten)]
        policies: PolicyArgs,
    },
    /// Show one policy's documentation: what it checks, why, how to fix it, what it evidences.
    Show {
        /// Policy id, e.g. `iam-root-mfa-disabled`.
        id: String,
        #[command(flatten)]
        policies: PolicyArgs,
    },
    /// Write a reference page per policy (from its METADATA) and an index to a directory.
    Docs(super::reference::PolicyDocsArgs),
    /// Run the policies' Rego tests (the built-ins, or the policies in DIR). Exit 1 on a failure.
    Test {
        /// A directory of policies to test instead of the built-ins.
        dir: Option<PathBuf>,
        #[arg(long, value_enum, default_value = "text")]
        format: ListFormat,
        /// `both`: also evaluate every policy with the compiled engine and the interpreter on
        /// the demo and on inventories generated from it, and fail on any difference.
        #[arg(long, value_enum, default_value = "interpreter")]
        engines: TestEngines,
    },
}

pub fn run(cmd: PoliciesCommand) -> anyhow::Result<i32> {
    match cmd {
        PoliciesCommand::List { format, policies } => {
            let catalog = policies.load()?;
            print(list(&catalog.policies, format))?;
            Ok(EXIT_OK)
        }
        PoliciesCommand::Show { id, policies } => {
            let catalog = policies.load()?;
            let Some(policy) = catalog.policies.get(&id) else {
                bail!("no policy with id `{id}` (see `palisade policies list`)");
            };
            print(show(policy))?;
            Ok(EXIT_OK)
        }
        PoliciesCommand::Docs(args) => super::reference::policy_docs(args),
        PoliciesCommand::Test {
            dir,
            format,
            engines,
        } => test(dir, format, engines),
    }
}

/// Which engines `policies test` checks.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum TestEngines {
    /// The Rego tests, on the interpreter (the reference semantics).
    Interpreter,
    /// The Rego tests, then every policy on the demo and on generated inventories with both
    /// engines: any finding that differs, or a policy that fails to evaluate, fails.
    Both,
}

/// Inventories generated from the demo for `--engines both`, besides the demo itself.
const GENERATED: u64 = 6;

fn test(dir: Option<PathBuf>, format: ListFormat, engines: TestEngines) -> anyhow::Result<i32> {
    // A directory is tested with the built-in libraries it may import, and its own
    // frameworks are checked against its policies.
    let catalog = match &dir {
        Some(d) => Catalog::load(false, std::slice::from_ref(d))?,
        None => Catalog::load(true, &[])?,
    };
    let set = &catalog.policies;
    let results = testing::run(set);
    let failed = results.iter().filter(|r| !r.passed).count();
    let compared = match engines {
        TestEngines::Interpreter => None,
        TestEngines::Both => Some(compare_engines(&catalog)?),
    };
    let differing = compared
        .as_ref()
        .map_or(0, |c| c.differences.len() + c.errors.len());
    match format {
        ListFormat::Json => {
            let text = match &compared {
                None => serde_json::to_string_pretty(&results)?,
                Some(engines) => serde_json::to_string_pretty(&serde_json::json!({
                    "tests": results,
                    "engines": engines,
                }))?,
            };
            print(text + "\n")?;
        }
        ListFormat::Text => {
            let mut text = String::new();
            for r in results.iter().filter(|r| !r.passed) {
                let _ = writeln!(
                    text,
                    "FAIL {} {}: {}",
                    r.file,
                    r.name,
                    r.detail.as_deref().unwrap_or("")
                );
            }
            let _ = writeln!(
                text,
                "{} passed, {} failed ({} policies)",
                results.len() - failed,
                failed,
                set.policies.len()
            );
            if let Some(report) = &compared {
                let differences = &report.differences;
                for d in differences {
                    let _ = writeln!(
                        text,
                        "ENGINES DIFFER {} on {}:\n  interpreter: {}\n  compiled:    {}",
                        d.difference.policy,
                        d.inventory,
                        d.difference.interpreter,
                        d.difference.compiled
                    );
                }
                for e in &report.errors {
                    let _ = writeln!(text, "ERROR {} on {}: {}", e.policy, e.inventory, e.message);
                }
                for f in &report.fallbacks {
                    let _ = writeln!(
                        text,
                        "WARNING {} on {}: the compiled engine failed on {} chunk(s), which ran on the interpreter (run with -vv to see why)",
                        f.policy, f.inventory, f.chunks
                    );
                }
                for (policy, why) in &report.not_compiled {
                    let _ = writeln!(
                        text,
                        "WARNING {policy} does not compile, so it runs on the interpreter and was not compared; the compiler says:"
                    );
                    for line in why.trim().lines() {
                        let _ = writeln!(text, "    {line}");
                    }
                }
                // Policies that did not compile ran on the interpreter twice: not compared.
                let compared = set.policies.len() - report.not_compiled.len();
                let _ = write!(
                    text,
                    "engines: {} of {} {}policies give identical findings on both engines over {} inventories (the demo and {GENERATED} generated from it); {} failed to evaluate",
                    compared - distinct_policies(differences),
                    compared,
                    if report.not_compiled.is_empty() { "" } else { "compiled " },
                    GENERATED + 1,
                    report.errors.len()
                );
                let _ = match report.not_compiled.len() {
                    0 => writeln!(text),
                    1 => writeln!(text, "; 1 did not compile and was not compared"),
                    n => writeln!(text, "; {n} did not compile and were not compared"),
                };
            }
            print(text)?;
        }
    }
    Ok(if failed > 0 || differing > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}

/// One engine difference, on a named inventory.
#[derive(serde::Serialize)]
struct EngineDifference {
    inventory: String,
    #[serde(flatten)]
    difference: differential::Difference,
}

/// A policy that failed to evaluate on a named inventory.
#[derive(serde::Serialize)]
struct PolicyFailure {
    inventory: String,
    policy: String,
    message: String,
}

/// Chunks of a policy the compiled engine failed on, on a named inventory (evaluated again on
/// the interpreter).
#[derive(serde::Serialize)]
struct Fallback {
    inventory: String,
    policy: String,
    chunks: usize,
}

/// What `--engines both` found.
#[derive(serde::Serialize, Default)]
struct EngineReport {
    inventories: u64,
    differences: Vec<EngineDifference>,
    errors: Vec<PolicyFailure>,
    /// Warnings, not failures: the findings are the interpreter's there, right but slower.
    fallbacks: Vec<Fallback>,
    /// Policies that do not compile, with the compiler's reason: they run on the
    /// interpreter, and were not compared.
    not_compiled: std::collections::BTreeMap<String, String>,
}

/// Every policy of `catalog` with both engines on the demo and on generated inventories.
fn compare_engines(catalog: &Catalog) -> anyhow::Result<EngineReport> {
    let config = crate::config::Config::parse(crate::config::DEMO)?;
    let base = crate::demo::inventory()?;
    let mut out = EngineReport {
        inventories: GENERATED + 1,
        ..EngineReport::default()
    };
    let inventories = std::iter::once(("the demo".to_string(), base.clone())).chain(
        (1..=GENERATED).map(|seed| {
            let generated = differential::generate(&base, seed, differential::MUTATIONS);
            (format!("generated inventory {seed}"), generated.inventory)
        }),
    );
    for (name, inventory) in inventories {
        let found = differential::compare(catalog, &config, inventory)?;
        for difference in found.differences {
            out.differences.push(EngineDifference {
                inventory: name.clone(),
                difference,
            });
        }
        for (policy, message) in found.errors {
            out.errors.push(PolicyFailure {
                inventory: name.clone(),
                policy,
                message,
            });
        }
        for (policy, chunks) in found.fallbacks {
            out.fallbacks.push(Fallback {
                inventory: name.clone(),
                policy,
                chunks,
            });
        }
        out.not_compiled.extend(found.not_compiled);
    }
    Ok(out)
}

fn distinct_policies(differences: &[EngineDifference]) -> usize {
    differences
        .iter()
        .map(|d| d.difference.policy.as_str())
        .collect::<std::collections::BTreeSet<_>>()
        .len()
}

#[derive(serde::Serialize)]
struct Listed<'a> {
    #[serde(flatten)]
    meta: &'a crate::engine::PolicyMeta,
    /// The controls the policy evidences: from the framework files and its own metadata.
    frameworks: &'a crate::findings::Controls,
    file: &'a str,
    builtin: bool,
}

fn list(set: &PolicySet, format: ListFormat) -> String {
    match format {
        ListFormat::Json => {
            let items: Vec<Listed> = set
                .policies
                .iter()
                .map(|p| Listed {
                    meta: &p.meta,
                    frameworks: &p.rule.frameworks,
                    file: &p.file.path,
                    builtin: p.builtin,
                })
                .collect();
            serde_json::to_string_pretty(&items).unwrap_or_default() + "\n"
        }
        ListFormat::Text => {
            let width = set
                .policies
                .iter()
                .map(|p| p.meta.id.len())
                .max()
                .unwrap_or(0);
            let mut out = String::new();
            for p in &set.policies {
                let _ = writeln!(
                    out,
                    "{:<width$}  {:<8}  {}",
                    p.meta.id,
                    p.meta.severity.as_str(),
                    p.meta.title
                );
            }
            let _ = writeln!(out, "{} policies", set.policies.len());
            out
        }
    }
}

fn show(p: &Policy) -> String {
    let m = &p.meta;
    let mut out = format!(
        "{}\n{}\n\nid:        {}\nseverity:  {}\nresource:  {}\nscope:     {}\nfile:      {}\n\n{}\n\nRemediation:\n{}\n",
        m.title,
        "=".repeat(m.title.chars().count()),
        m.id,
        m.severity,
        m.resource_type,
        m.collections().collect::<Vec<_>>().join(", "),
        p.file.path,
        m.description,
        m.remediation
    );
    if !p.rule.frameworks.is_empty() {
        out.push_str("\nFramework controls:\n");
        for (fw, ids) in &p.rule.frameworks {
            let _ = writeln!(out, "  {fw}: {}", ids.join(", "));
        }
    }
    if !m.references.is_empty() {
        out.push_str("\nReferences:\n");
        for r in &m.references {
            let _ = writeln!(out, "  {r}");
        }
    }
    out
}
