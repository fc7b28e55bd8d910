//! `palisade collect`: read AWS into a snapshot file for a later `scan --snapshot`.

use super::args::EXIT_OK;
use super::output::write_file;
use super::source::{print_collected, LiveArgs};
use crate::pipeline::Source;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct CollectArgs {
    /// Where to write the snapshot (JSON).
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
    write_file(&args.output, |w| {
        serde_json::to_writer_pretty(&mut *w, &loaded.inventory)?;
        w.write_all(b"\n")
    })?;
    eprintln!("snapshot written to {}", args.output.display());
    Ok(EXIT_OK)
}
