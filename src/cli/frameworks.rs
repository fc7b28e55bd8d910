//! `palisade frameworks list|show`: the compliance frameworks and their controls.

use super::args::{ListFormat, PolicyArgs, EXIT_OK};
use super::output::print;
use crate::compliance::Framework;
use anyhow::bail;
use clap::Subcommand;
use std::fmt::Write as _;

#[derive(Subcommand, Debug)]
pub enum FrameworksCommand {
    /// List the frameworks: id, title, version, controls (automated and manual).
    List {
        #[arg(long, value_enum, default_value = "text")]
        format: ListFormat,
        #[command(flatten)]
        policies: PolicyArgs,
    },
    /// Show one framework's controls and the policies that evidence each.
    Show {
        /// Framework id, e.g. `hipaa`, `pci-dss-4.0`, `cis-aws-3.0`.
        id: String,
        #[arg(long, value_enum, default_value = "text")]
        format: ListFormat,
        #[command(flatten)]
        policies: PolicyArgs,
    },
}

#[derive(serde::Serialize)]
struct Listed<'a> {
    id: &'a str,
    title: &'a str,
    version: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    controls: usize,
    automated: usize,
    manual: usize,
    file: &'a str,
}

fn listed(f: &Framework) -> Listed<'_> {
    Listed {
        id: &f.id,
        title: &f.title,
        version: &f.version,
        url: f.url.as_deref(),
        controls: f.controls.len(),
        automated: f.automated(),
        manual: f.controls.len() - f.automated(),
        file: &f.path,
    }
}

pub fn run(cmd: FrameworksCommand) -> anyhow::Result<i32> {
    match cmd {
        FrameworksCommand::List { format, policies } => {
            let set = policies.load()?;
            let rows: Vec<Listed> = set.frameworks.iter().map(|f| listed(f)).collect();
            match format {
                ListFormat::Json => print(serde_json::to_string_pretty(&rows)? + "\n")?,
                ListFormat::Text => {
                    let mut text = String::new();
                    for r in &rows {
                        let _ = writeln!(
                            text,
                            "{:<14} {} {} ({} controls: {} automated, {} manual)",
                            r.id, r.title, r.version, r.controls, r.automated, r.manual
                        );
                    }
                    print(text)?;
                }
            }
            Ok(EXIT_OK)
        }
        FrameworksCommand::Show {
            id,
            format,
            policies,
        } => {
            let set = policies.load()?;
            let Some(fw) = set.framework(&id) else {
                let known: Vec<&str> = set.frameworks.iter().map(|f| f.id.as_str()).collect();
                bail!(
                    "no framework with id `{id}`: the frameworks are {}",
                    known.join(", ")
                );
            };
            match format {
                ListFormat::Json => print(serde_json::to_string_pretty(&**fw)? + "\n")?,
                ListFormat::Text => print(show(fw))?,
            }
            Ok(EXIT_OK)
        }
    }
}

fn show(fw: &Framework) -> String {
    let mut out = format!("{} {} ({})\n", fw.title, fw.version, fw.id);
    if let Some(url) = &fw.url {
        let _ = writeln!(out, "{url}");
    }
    let _ = writeln!(out, "\n{}", fw.description.trim());
    let mut section: Option<&str> = None;
    for c in &fw.controls {
        if c.section.as_deref() != section {
            section = c.section.as_deref();
            let _ = writeln!(out, "\n== {} ==", section.unwrap_or("Other"));
        }
        let _ = writeln!(out, "\n{}  {}", c.id, c.title);
        let _ = writeln!(out, "    {}", c.description.trim().replace('\n', "\n    "));
        if c.is_manual() {
            let manual = c.manual.as_deref().unwrap_or_default().trim();
            let _ = writeln!(out, "    manual: {}", manual.replace('\n', "\n    "));
        } else {
            let _ = writeln!(out, "    policies: {}", c.policies.join(", "));
        }
    }
    out
}
