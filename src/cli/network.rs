//! `palisade reach` and `palisade network analyze`: the network analysis on its own.

use super::args::{ConfigArg, EXIT_OK};
use super::output::{print, write_json};
use super::source::SourceArgs;

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReachFormat {
    Text,
    Json,
}

#[derive(clap::Args, Debug)]
pub struct ReachArgs {
    /// `internet`, a segment name, a subnet id, or a resource (ARN, instance or interface id,
    /// database id, load balancer name).
    #[arg(long, value_name = "SEGMENT|ID")]
    from: String,
    /// A segment name, a subnet id, or a resource, as for --from.
    #[arg(long, value_name = "SEGMENT|ID")]
    to: String,
    #[arg(long, value_enum, default_value = "text")]
    format: ReachFormat,
    #[command(flatten)]
    config: ConfigArg,
    #[command(flatten)]
    source: SourceArgs,
}

pub fn reach(args: ReachArgs) -> anyhow::Result<i32> {
    let inventory = args.source.load()?;
    let config = args.config.load(args.source.demo)?;
    let answer = crate::analyze::network::query::reach(&inventory, &config, &args.from, &args.to)
        .map_err(|e| anyhow::anyhow!(e))?;
    match args.format {
        ReachFormat::Text => print(answer.render())?,
        ReachFormat::Json => print(serde_json::to_string_pretty(&answer)? + "\n")?,
    }
    Ok(EXIT_OK)
}

#[derive(clap::Subcommand, Debug)]
pub enum NetworkCommand {
    /// Print the reachability analysis (internet exposure, segments, flows) as JSON.
    Analyze(AnalyzeArgs),
}

#[derive(clap::Args, Debug)]
pub struct AnalyzeArgs {
    #[command(flatten)]
    source: SourceArgs,
    #[command(flatten)]
    config: ConfigArg,
    /// Write to PATH instead of stdout.
    #[arg(short, long, value_name = "PATH")]
    output: Option<std::path::PathBuf>,
    /// Print on stderr how long loading and the analysis took, and what it found.
    #[arg(long)]
    timings: bool,
}

pub fn run(cmd: NetworkCommand) -> anyhow::Result<i32> {
    let NetworkCommand::Analyze(args) = cmd;
    let started = std::time::Instant::now();
    let inventory = args.source.load()?;
    let config = args.config.load(args.source.demo)?;
    let loaded = started.elapsed();
    let facts = crate::analyze::network::analyze(&inventory, &config);
    let analysed = started.elapsed() - loaded;
    if args.timings {
        eprintln!(
            "palisade: load {} ms, analysis {} ms: {} interfaces, {} exposures ({} open to the internet), {} segment flows",
            loaded.as_millis(),
            analysed.as_millis(),
            inventory.network.network_interfaces.len(),
            facts.exposures.len(),
            facts.exposures.values().filter(|x| !x.open.is_empty()).count(),
            facts.flows.len()
        );
    }
    #[derive(serde::Serialize)]
    struct Out<'a> {
        version: u32,
        #[serde(flatten)]
        facts: &'a crate::analyze::network::NetworkFacts,
        gaps: Vec<&'a crate::inventory::Gap>,
    }
    // Collection gaps and what the analysis could not judge.
    let out = Out {
        version: 1,
        facts: &facts,
        gaps: inventory.gaps.iter().chain(&facts.gaps).collect(),
    };
    write_json(args.output.as_deref(), &out)?;
    Ok(EXIT_OK)
}
