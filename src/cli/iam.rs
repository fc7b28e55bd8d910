//! `palisade iam analyze`: the IAM analysis itself, as JSON, for people and tools that want
//! more than findings (every principal's admin status, escalation methods, what was
//! neutralised and by what, the shortest escalation path).

use super::args::EXIT_OK;
use super::output::write_json;
use super::source::SourceArgs;
use serde::Serialize;

#[derive(clap::Subcommand, Debug)]
pub enum IamCommand {
    /// Print the effective-permission analysis of every user and role as JSON.
    Analyze(AnalyzeArgs),
}

#[derive(clap::Args, Debug)]
pub struct AnalyzeArgs {
    #[command(flatten)]
    source: SourceArgs,
    /// Write to PATH instead of stdout.
    #[arg(short, long, value_name = "PATH")]
    output: Option<std::path::PathBuf>,
}

#[derive(Serialize)]
struct Analysis<'a> {
    version: u32,
    catalog: &'a str,
    principals: &'a std::collections::BTreeMap<String, crate::analyze::iam::PrincipalFacts>,
    documents: &'a std::collections::BTreeMap<String, crate::analyze::iam::DocumentFacts>,
    /// Inline policies' document facts, by owner (user, group or role) ARN and policy name.
    inline_documents: &'a std::collections::BTreeMap<
        String,
        std::collections::BTreeMap<String, crate::analyze::iam::DocumentFacts>,
    >,
    gaps: Vec<&'a crate::inventory::Gap>,
}

pub fn run(cmd: IamCommand) -> anyhow::Result<i32> {
    let IamCommand::Analyze(args) = cmd;
    let inventory = args.source.load()?;
    let facts = crate::analyze::iam::analyze(&inventory);
    let analysis = Analysis {
        version: 1,
        catalog: &crate::analyze::iam::catalog::Catalog::get().version,
        principals: &facts.principals,
        documents: &facts.documents,
        inline_documents: &facts.inline_documents,
        gaps: inventory.gaps.iter().chain(&facts.gaps).collect(),
    };
    write_json(args.output.as_deref(), &analysis)?;
    Ok(EXIT_OK)
}
