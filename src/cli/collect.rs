//! `palisade collect`: read AWS into a snapshot file for a later `scan --snapshot`.

use super::args::EXIT_OK;
use super::output::{write_snapshot, write_snapshot_stream};
use super::source::{print_collected, LiveArgs};
use crate::pipeline::{collect_streaming, Source, SourceError};
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct CollectArgs {
    /// Where to write the snapshot (JSON; gzip-compressed when it ends in `.gz`). With --org,
    /// a stream of documents, one per account as each completes (`merge` makes it one).
    #[arg(short, long, value_name = "FILE")]
    output: PathBuf,
    #[command(flatten)]
    live: LiveArgs,
}

/// Gaps kept to print at the end of a streamed collection (the rest are in the snapshot).
const GAPS_SHOWN: usize = 20;

pub fn run(args: CollectArgs) -> anyhow::Result<i32> {
    let options = args.live.options();
    if options.org_role_name.is_none() {
        let loaded = Source::Live(options).load()?;
        if let Some(summary) = &loaded.collected {
            print_collected(summary, &loaded.inventory.gaps);
        }
        write_snapshot(&args.output, &loaded.inventory)?;
        eprintln!("snapshot written to {}", args.output.display());
        return Ok(EXIT_OK);
    }
    // An organization: each account is written as soon as it is collected, at most
    // 4 x --concurrency at a time, so memory does not grow with the number of accounts past
    // that. Fewer at a time would leave calls idle: an account's collection ends with its
    // slowest call (a retried one waits out its backoff), and the accounts in flight must
    // keep --concurrency calls busy meanwhile.
    let at_once = options.concurrency.saturating_mul(4).max(2);
    let mut outcome: Option<Result<_, SourceError>> = None;
    let mut gaps = Vec::new();
    let written = write_snapshot_stream(&args.output, |write| {
        let result = collect_streaming(&options, at_once, &mut |part| {
            let room = GAPS_SHOWN.saturating_sub(gaps.len());
            gaps.extend(part.gaps.iter().take(room).cloned());
            write(&part)
        });
        let failed = result.is_err();
        outcome = Some(result);
        if failed {
            // The collection's own error is reported below; this only stops the write.
            return Err(std::io::Error::other("collection failed"));
        }
        Ok(())
    });
    let summary = match outcome {
        Some(Ok(summary)) => summary,
        Some(Err(e)) => return Err(e.into()),
        // The output could not even be created: nothing was collected.
        None => {
            written?;
            anyhow::bail!("nothing was collected")
        }
    };
    written?;
    print_collected(&summary, &gaps);
    eprintln!("snapshot written to {}", args.output.display());
    Ok(EXIT_OK)
}
