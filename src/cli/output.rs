//! Writing results: files replaced atomically, JSON for the analysis commands, colour only on a
//! terminal.

use anyhow::Context;
use std::io::{IsTerminal, Write};
use std::path::Path;

/// Writes a report to `path` through a temporary file in the same directory, so a failed run
/// never leaves half a report behind (a killed one may leave a `.palisade-partial-*` file, never
/// a half-written `path`). A path that is not a regular file (`/dev/null`,
/// `/dev/stdout`, a named pipe) is written directly: renaming over it would replace the device
/// or pipe with a file.
pub fn write_file(
    path: &Path,
    render: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    let context = || format!("cannot write {}", path.display());
    let special = std::fs::metadata(path).is_ok_and(|m| !m.file_type().is_file());
    if special {
        let file = std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .with_context(context)?;
        let mut w = std::io::BufWriter::new(file);
        render(&mut w).with_context(context)?;
        return w.flush().with_context(context);
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    // Named so that what a killed run leaves (SIGKILL runs no clean-up) says what it is; no
    // `*.json*` pattern matches it, so a merge of a directory's snapshots never reads one.
    let tmp = tempfile::Builder::new()
        .prefix(".palisade-partial-")
        .tempfile_in(dir)
        .with_context(context)?;
    let mut w = std::io::BufWriter::new(tmp);
    render(&mut w).with_context(context)?;
    let tmp = w
        .into_inner()
        .map_err(|e| e.into_error())
        .with_context(context)?;
    tmp.persist(path)
        .map_err(|e| e.error)
        .with_context(context)?;
    Ok(())
}

/// Writes a snapshot to `path` as pretty JSON, gzip-compressed when the name ends in `.gz`,
/// streaming either way (atomically, as [`write_file`]).
pub fn write_snapshot(path: &Path, inventory: &crate::inventory::Inventory) -> anyhow::Result<()> {
    write_file(path, |w| {
        compressed(path, w, |w| {
            serde_json::to_writer_pretty(&mut *w, inventory)?;
            w.write_all(b"\n")
        })
    })
}

/// Writes a snapshot as a stream of documents, one per line (gzip-compressed when the name ends
/// in `.gz`), atomically as [`write_file`]: `produce` gets a function that writes one document
/// and calls it as each part is ready, so no part needs to stay in memory after it is written.
pub fn write_snapshot_stream(
    path: &Path,
    produce: impl FnOnce(
        &mut dyn FnMut(&crate::inventory::Inventory) -> std::io::Result<()>,
    ) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    write_file(path, |w| {
        compressed(path, w, |w| {
            produce(&mut |part| {
                serde_json::to_writer(&mut *w, part)?;
                w.write_all(b"\n")
            })
        })
    })
}

/// Runs `body` on `w`, through a gzip encoder when `path` ends in `.gz`. Fast compression: a
/// JSON snapshot still shrinks about tenfold, at several times the speed of the default level.
fn compressed(
    path: &Path,
    w: &mut dyn Write,
    body: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    if !crate::inventory::combine::is_gzip_path(path) {
        return body(w);
    }
    let mut gz = flate2::write::GzEncoder::new(w, flate2::Compression::fast());
    body(&mut gz)?;
    gz.finish()?;
    Ok(())
}

/// Writes `value` as pretty JSON to `output`, or to stdout without one (the analysis commands).
pub fn write_json(output: Option<&Path>, value: &impl serde::Serialize) -> anyhow::Result<()> {
    let write = |w: &mut dyn Write| -> std::io::Result<()> {
        serde_json::to_writer_pretty(&mut *w, value)?;
        writeln!(w)
    };
    match output {
        Some(path) => write_file(path, |w| write(w)),
        None => print(serde_json::to_string_pretty(value)? + "\n"),
    }
}

/// Prints `text` on stdout. A closed pipe (`palisade policies list | head`) ends the output
/// quietly instead of failing the command.
pub fn print(text: impl AsRef<str>) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match out
        .write_all(text.as_ref().as_bytes())
        .and_then(|_| out.flush())
    {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other.context("cannot write to stdout")?),
    }
}

/// Colour on stdout: only on a terminal, never with `NO_COLOR`.
pub fn use_color() -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    !no_color && std::io::stdout().is_terminal()
}
