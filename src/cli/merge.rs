//! `palisade merge`: join the snapshots of an organization's shards into one.

use super::args::EXIT_OK;
use super::output::write_snapshot;
use crate::pipeline::load_snapshots;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct MergeArgs {
    /// The snapshots to join (each `.json` or `.json.gz`); their accounts must not overlap.
    #[arg(value_name = "SNAPSHOT", required = true, num_args = 1..)]
    snapshots: Vec<PathBuf>,
    /// Where to write the merged snapshot (gzip-compressed when it ends in `.gz`).
    #[arg(short, long, value_name = "FILE")]
    output: PathBuf,
}

pub fn run(args: MergeArgs) -> anyhow::Result<i32> {
    // The same file under another name too (`./a.json` and `a.json`).
    let same = |a: &PathBuf, b: &PathBuf| {
        a == b
            || matches!(
                (std::fs::canonicalize(a), std::fs::canonicalize(b)),
                (Ok(x), Ok(y)) if x == y
            )
    };
    if args.snapshots.iter().any(|s| same(s, &args.output)) {
        anyhow::bail!(
            "the output {} is also an input; write the merged snapshot elsewhere",
            args.output.display()
        );
    }
    let merged = load_snapshots(&args.snapshots)?;
    write_snapshot(&args.output, &merged)?;
    let organizations = usize::from(merged.organization.is_some());
    eprintln!(
        "merged {} snapshot(s): {} account(s), {} gap(s), {} organization structure(s), written to {}",
        args.snapshots.len(),
        merged.accounts.len(),
        merged.gaps.len(),
        organizations,
        args.output.display()
    );
    Ok(EXIT_OK)
}
