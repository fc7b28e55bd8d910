//! `palisade collections`, `palisade permissions` and `palisade docs`: what Palisade reads and
//! what it needs to read it, from the collection registry, and the generated reference docs.

use super::args::{ListFormat, PolicyArgs, EXIT_FINDINGS, EXIT_OK};
use super::output::print;
use crate::docs;
use crate::inventory::collections::COLLECTIONS;
use clap::ValueEnum;
use std::path::PathBuf;

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum CollectionsFormat {
    Text,
    Json,
    Markdown,
}

#[derive(clap::Args, Debug)]
pub struct CollectionsArgs {
    #[arg(long, value_enum, default_value = "text")]
    format: CollectionsFormat,
}

/// Every inventory collection a policy can read, with the AWS calls that fill it.
pub fn collections(args: CollectionsArgs) -> anyhow::Result<i32> {
    match args.format {
        CollectionsFormat::Text => print(docs::collections::text())?,
        CollectionsFormat::Markdown => print(docs::collections::markdown_table())?,
        CollectionsFormat::Json => {
            let rows: Vec<_> = COLLECTIONS.iter().map(docs::collections::listed).collect();
            print(serde_json::to_string_pretty(&rows)? + "\n")?;
        }
    }
    Ok(EXIT_OK)
}

/// The read-only IAM policy covering every call Palisade makes.
pub fn permissions() -> anyhow::Result<i32> {
    print(serde_json::to_string_pretty(&docs::collections::audit_policy())? + "\n")?;
    Ok(EXIT_OK)
}

#[derive(clap::Args, Debug)]
pub struct DocsArgs {
    /// The docs directory of a Palisade checkout.
    #[arg(long, value_name = "DIR", default_value = "docs")]
    dir: PathBuf,
    /// Change nothing; exit 1 and list the files that are out of date.
    #[arg(long)]
    check: bool,
}

/// Regenerates (or checks) every generated page of the repository's docs.
pub fn generate(args: DocsArgs) -> anyhow::Result<i32> {
    let catalog = crate::compliance::Catalog::load(true, &[])?;
    let generated = docs::all(&catalog);
    if args.check {
        let stale = docs::stale(&args.dir, &generated)?;
        let listed: String = stale
            .iter()
            .map(|p| format!("out of date: {}\n", p.display()))
            .collect();
        print(listed)?;
        if !stale.is_empty() {
            eprintln!("palisade: {} generated doc file(s) are out of date: run `palisade docs` (or `cargo run -- docs`)", stale.len());
            return Ok(EXIT_FINDINGS);
        }
        return Ok(EXIT_OK);
    }
    for path in docs::write(&args.dir, &generated)? {
        eprintln!("wrote {}", path.display());
    }
    Ok(EXIT_OK)
}

#[derive(clap::Args, Debug)]
pub struct PolicyDocsArgs {
    /// Directory to write the pages to (one `<id>.md` per policy and a `README.md` index).
    #[arg(short, long, value_name = "DIR")]
    output: PathBuf,
    #[command(flatten)]
    policies: PolicyArgs,
    /// What to print about the pages written.
    #[arg(long, value_enum, default_value = "text")]
    format: ListFormat,
}

/// `palisade policies docs -o DIR`: a reference page per loaded policy, and an index.
pub fn policy_docs(args: PolicyDocsArgs) -> anyhow::Result<i32> {
    let catalog = args.policies.load()?;
    let generated: Vec<docs::Generated> = docs::policies::pages(&catalog)
        .into_iter()
        .map(|(name, text)| docs::Generated {
            path: PathBuf::from(name),
            region: None,
            text,
        })
        .collect();
    let written = docs::write_pages(&args.output, &generated)?;
    match args.format {
        ListFormat::Json => print(serde_json::to_string_pretty(&written)? + "\n")?,
        ListFormat::Text => eprintln!(
            "{} pages in {} ({} changed)",
            generated.len(),
            args.output.display(),
            written.len()
        ),
    }
    Ok(EXIT_OK)
}
