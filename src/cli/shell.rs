//! `palisade completions SHELL` and `palisade man`: generated from the clap definitions, so they
//! never drift from the real options. The release archives ship both (scripts/release/package.py).

use super::args::EXIT_OK;
use anyhow::{Context, Result};
use clap::Args;
use std::io::Write;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct CompletionsArgs {
    /// The shell to complete for. Install, for example: bash `palisade completions bash >
    /// ~/.local/share/bash-completion/completions/palisade`; zsh `palisade completions zsh >
    /// "${fpath[1]}/_palisade"`; fish `palisade completions fish >
    /// ~/.config/fish/completions/palisade.fish`.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// `cmd` is the whole command line's definition (`Cli::command()`).
pub fn completions(args: CompletionsArgs, mut cmd: clap::Command) -> Result<i32> {
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "palisade", &mut out);
    write_stdout(&out)
}

#[derive(Args, Debug)]
pub struct ManArgs {
    /// Write a page per command into DIR (`palisade.1`, `palisade-scan.1`, ...) instead of
    /// printing `palisade.1`.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// The man page in roff: `palisade man > palisade.1; man ./palisade.1`, or a page per command
/// with `--dir`.
pub fn man(args: ManArgs, cmd: clap::Command) -> Result<i32> {
    if let Some(dir) = args.dir {
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        clap_mangen::generate_to(cmd, &dir)
            .with_context(|| format!("writing man pages into {}", dir.display()))?;
        return Ok(EXIT_OK);
    }
    let mut out = Vec::new();
    clap_mangen::Man::new(cmd).render(&mut out)?;
    write_stdout(&out)
}

fn write_stdout(bytes: &[u8]) -> Result<i32> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => Ok(EXIT_OK),
        // `palisade man | head` is not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(EXIT_OK),
        Err(e) => Err(e).context("writing to stdout"),
    }
}
