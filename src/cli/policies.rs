//! `palisade policies list|show|test`.

use super::args::{ListFormat, PolicyArgs, EXIT_FINDINGS, EXIT_OK};
use super::output::print;
use crate::compliance::Catalog;
use crate::engine::{testing, Policy, PolicySet};
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
        PoliciesCommand::Test { dir, format } => {
            // A directory is tested with the built-in libraries it may import, and its own
            // frameworks are checked against its policies.
            let set = match &dir {
                Some(d) => Catalog::load(false, std::slice::from_ref(d))?.policies,
                None => Catalog::load(true, &[])?.policies,
            };
            let results = testing::run(&set);
            let failed = results.iter().filter(|r| !r.passed).count();
            match format {
                ListFormat::Json => print(serde_json::to_string_pretty(&results)? + "\n")?,
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
                    print(text)?;
                }
            }
            Ok(if failed > 0 { EXIT_FINDINGS } else { EXIT_OK })
        }
    }
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
