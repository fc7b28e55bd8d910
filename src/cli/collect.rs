//! `palisade collect`: read AWS into a snapshot file for a later `scan --snapshot`.

use super::args::EXIT_OK;
use super::output::write_snapshot;
use super::source::{print_collected, LiveArgs};
use crate::pipeline::Source;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct CollectArgs {
    /// Where to write the snapshot (JSON; gzip-compressed when it ends in `.gz`).
    #[arg(short, long, value_name = "FILE")]
    output: PathBuf,
    #[command(flatten)]
    live: LiveArgs,
}

pub fn run(args: CollectArgs) -> anyhow::Result<i32> {
    let loaded = Source::Live(args.live.options()).load()?;
    if let Some(summary) = &loaded.collected {
        print_collected(summary, &loaded.inventory.gaps);
    }
    write_snapshot(&args.output, &loaded.inventory)?;
    eprintln!("snapshot written to {}", args.output.display());
    Ok(EXIT_OK)
}
