//! Benchmark: a full scan of synthetic snapshots at 10k, 100k and 1M resources with every
//! built-in policy; wall time and peak memory of the real `palisade` binary, median of several
//! runs, and the same scan in-process through the library (`palisade::scan`, no process start,
//! no report written), written as a table into `benchmarks/README.md`.
//!
//! `cargo bench --bench evaluate` (sizes: `PALISADE_BENCH_SIZES=10000,100000`; runs per size:
//! `PALISADE_BENCH_RUNS=5`; `PALISADE_BENCH_NO_WRITE=1` leaves the README alone;
//! `PALISADE_BENCH_KEEP=DIR` keeps the generated snapshots in DIR;
//! `PALISADE_BENCH_ENGINES=interpreter` measures one engine; `PALISADE_BENCH_SCALING=1` also
//! times the in-process evaluation with every built-in policy and with every other one, to show
//! how cost grows with the number of policies; `PALISADE_BENCH_COMPARE=1` holds both engines to
//! the same findings on each synthetic estate, as `tests/cli/engines.rs` does on small
//! generated ones: the differential test at benchmark size, about 3 GB of memory at 100k).

#[path = "synth.rs"]
mod synth;

use std::io::Read;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

struct Run {
    wall_ms: f64,
    peak_rss_mb: f64,
    phases: serde_json::Value,
}

/// Runs one scan and measures it: wall time, and the child's peak RSS. Linux starts a child's
/// peak RSS at its parent's size when it forks, and this process grows large (in-process
/// scans, `PALISADE_BENCH_COMPARE`), so where GNU time is installed it starts the scan and
/// reports the peak: it is small when it forks. Otherwise the peak comes from `wait4`.
fn scan(binary: &str, snapshot: &Path, engine: &str) -> Run {
    let gnu_time = Path::new("/usr/bin/time");
    let peak_file = tempfile::NamedTempFile::new().expect("temp file");
    let mut command = if gnu_time.exists() {
        let mut c = Command::new(gnu_time);
        c.args(["-f", "%M", "-o"]).arg(peak_file.path()).arg(binary);
        c
    } else {
        Command::new(binary)
    };
    let started = Instant::now();
    // Reaped below with wait4, which also reports the child's peak memory.
    #[allow(clippy::zombie_processes)]
    let mut child = command
        .args([
            "scan",
            "--snapshot",
            snapshot.to_str().expect("utf-8 path"),
            "--format",
            "json",
            "--fail-on",
            "none",
            "--timings",
            "--engine",
            engine,
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start palisade");
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .expect("piped")
        .read_to_string(&mut stderr)
        .expect("read stderr");
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: wait4 on our own child's pid with valid out-pointers.
    let pid = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    let wall_ms = started.elapsed().as_secs_f64() * 1000.0;
    assert_eq!(pid, child.id() as i32, "wait4 failed");
    let exit = std::process::ExitStatus::from_raw(status);
    assert!(exit.success(), "palisade failed ({exit}): {stderr}");
    let phases = stderr
        .lines()
        .rev()
        .find_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .expect("timings line on stderr");
    let peak_kb = std::fs::read_to_string(peak_file.path())
        .ok()
        .and_then(|t| t.lines().last().and_then(|l| l.trim().parse::<f64>().ok()))
        .unwrap_or(usage.ru_maxrss as f64);
    Run {
        wall_ms,
        peak_rss_mb: peak_kb / 1024.0,
        phases,
    }
}

/// A library scan of `snapshot` on `engine`.
fn in_process_request(snapshot: &Path, engine: &str) -> palisade::ScanRequest {
    let mut request = palisade::ScanRequest::new(palisade::Source::Snapshot(vec![snapshot.into()]));
    request.eval.backend = match engine {
        "compiled" => palisade::engine::Backend::Compiled,
        _ => palisade::engine::Backend::Interpreter,
    };
    request
}

/// One scan through the library, as a test or another tool would run it: wall ms.
fn scan_in_process(snapshot: &Path, engine: &str) -> f64 {
    let request = in_process_request(snapshot, engine);
    let started = Instant::now();
    let outcome = palisade::scan(request).expect("in-process scan");
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    assert!(!outcome.findings.is_empty(), "the scan found nothing");
    ms
}

/// The in-process `evaluate` phase (ms), the number of results and of policies, with every
/// `every`-th built-in policy (1: all of them).
fn evaluate_in_process(snapshot: &Path, engine: &str, every: usize) -> (f64, usize, usize) {
    let mut catalog = palisade::compliance::Catalog::load(true, &[]).expect("built-ins load");
    let all = std::mem::take(&mut catalog.policies.policies);
    catalog.policies.policies = all.into_iter().step_by(every).collect();
    let policies = catalog.policies.policies.len();
    let mut request = in_process_request(snapshot, engine);
    request.policies = palisade::pipeline::Policies::Loaded(catalog);
    let outcome = palisade::scan(request).expect("in-process scan");
    let evaluate = outcome
        .timings
        .phases
        .iter()
        .find(|p| p.name == "evaluate")
        .map_or(f64::NAN, |p| p.ms as f64);
    (evaluate, outcome.findings.len(), policies)
}

/// Every built-in policy on `inventory` with both engines, and without the input's index:
/// the findings must be byte-identical, every policy must evaluate and compile, and no chunk
/// may fall back to the interpreter (`pipeline::differential`).
fn compare_engines(n: usize, inventory: palisade::inventory::Inventory) {
    let started = Instant::now();
    let catalog = palisade::compliance::Catalog::load(true, &[]).expect("built-ins load");
    let config = palisade::config::Config::default();
    let found = palisade::pipeline::differential::compare(&catalog, &config, inventory)
        .expect("the synthetic estate scans");
    let problems = [
        ("differences", found.differences.len()),
        ("errors", found.errors.len()),
        ("fallbacks", found.fallbacks.len()),
        ("not compiled", found.not_compiled.len()),
        ("index differences", found.index_differences.len()),
    ];
    println!(
        "compare | {n} | {} policies | {problems:?} | {:.0} s",
        catalog.policies.policies.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(
        problems.iter().all(|(_, count)| *count == 0),
        "the engines disagree on the {n}-resource estate: {found:#?}"
    );
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn main() {
    // The in-process runs must not pay for error backtraces either (the binary does this itself).
    palisade::util::quiet_error_backtraces();
    // PALISADE_BENCH_BIN=PATH times another build of palisade (a before/after comparison in one
    // session: copy the old binary aside first); the in-process column is always this build.
    let binary_override = std::env::var("PALISADE_BENCH_BIN").ok();
    let binary = binary_override
        .as_deref()
        .unwrap_or(env!("CARGO_BIN_EXE_palisade"));
    let sizes: Vec<usize> = std::env::var("PALISADE_BENCH_SIZES")
        .unwrap_or_else(|_| "10000,100000,1000000".into())
        .split(',')
        .map(|s| s.trim().parse().expect("sizes are numbers"))
        .collect();
    let runs: usize = std::env::var("PALISADE_BENCH_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    let dir = tempfile::tempdir().expect("temp dir");
    // PALISADE_BENCH_KEEP=DIR keeps the generated snapshots there (for profiling single policies).
    let keep = std::env::var_os("PALISADE_BENCH_KEEP").map(std::path::PathBuf::from);
    // Both policy engines: the compiled RVM (the default) and the interpreter (the reference).
    let engines: Vec<String> = std::env::var("PALISADE_BENCH_ENGINES")
        .unwrap_or_else(|_| "interpreter,compiled".into())
        .split(',')
        .map(|e| e.trim().to_string())
        .collect();
    let mut rows = Vec::new();
    for &n in &sizes {
        let inv = synth::generate(n, 42);
        let path = keep
            .as_deref()
            .unwrap_or(dir.path())
            .join(format!("synthetic-{n}.json"));
        let file = std::io::BufWriter::new(std::fs::File::create(&path).expect("create snapshot"));
        serde_json::to_writer(file, &inv).expect("write snapshot");
        drop(inv);
        let size_mb = std::fs::metadata(&path).expect("snapshot written").len() as f64 / 1e6;
        for engine in &engines {
            let results: Vec<Run> = (0..runs).map(|_| scan(binary, &path, engine)).collect();
            let in_process = median((0..runs).map(|_| scan_in_process(&path, engine)).collect());
            let phase = |name: &str| {
                median(
                    results
                        .iter()
                        .map(|r| {
                            r.phases["phases"]
                                .as_array()
                                .and_then(|ps| ps.iter().find(|p| p["name"] == name))
                                .and_then(|p| p["ms"].as_f64())
                                .unwrap_or(f64::NAN)
                        })
                        .collect(),
                )
            };
            let row = format!(
            "| {:>9} | {:>11} | {:>7.0} | {:>7.0} | {:>8.0} | {:>8.0} | {:>11.0} | {:>9.0} | {:>16.0} | {:>14.0} | {:>11.0} | {:>9} |",
            n,
            engine,
            size_mb,
            phase("load"),
            phase("policies"),
            phase("input"),
            phase("evaluate"),
            phase("report"),
            median(results.iter().map(|r| r.wall_ms).collect()),
            in_process,
            results.iter().map(|r| r.peak_rss_mb).fold(0.0, f64::max),
            results[0].phases["findings"],
        );
            println!("{row}");
            rows.push(row);
            if std::env::var_os("PALISADE_BENCH_SCALING").is_some() {
                for (share, every) in [("all", 1), ("half", 2)] {
                    let runs: Vec<(f64, usize, usize)> = (0..runs)
                        .map(|_| evaluate_in_process(&path, engine, every))
                        .collect();
                    let ms = median(runs.iter().map(|r| r.0).collect());
                    let (_, findings, policies) = runs[0];
                    println!(
                        "scaling | {n} | {engine} | {share} | {policies} policies | evaluate {ms:.0} ms | {findings} results | {:.1} ms per policy",
                        ms / policies as f64
                    );
                }
            }
        }
        if keep.is_none() {
            std::fs::remove_file(&path).ok();
        }
    }
    // After every timed run: a child's peak RSS as `wait4` reports it starts from this
    // process's size when it forks, and the comparison makes this process large.
    if std::env::var_os("PALISADE_BENCH_COMPARE").is_some() {
        for &n in &sizes {
            compare_engines(n, synth::generate(n, 42));
        }
    }
    let table = format!(
        "| resources | engine | JSON MB | load ms | policies ms | input ms | evaluate ms | report ms | wall ms (median) | in-process ms | peak RSS MB | findings |\n\
         |---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n{}\n",
        rows.join("\n")
    );
    println!("\n{table}");
    if std::env::var_os("PALISADE_BENCH_NO_WRITE").is_none() {
        let readme = Path::new(env!("CARGO_MANIFEST_DIR")).join("benchmarks/README.md");
        let text = std::fs::read_to_string(&readme).unwrap_or_default();
        let (start, end) = ("<!-- results:start -->", "<!-- results:end -->");
        let header = format!(
            "Measured {} on this machine ({} cores), {runs} runs per size, `cargo bench --bench evaluate`.\n\n",
            std::process::Command::new("date").arg("-u").arg("+%Y-%m-%d").output().map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string()).unwrap_or_default(),
            std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
        );
        let block = format!("{start}\n{header}{table}{end}");
        let new = match (text.find(start), text.find(end)) {
            (Some(a), Some(b)) => format!("{}{}{}", &text[..a], block, &text[b + end.len()..]),
            _ => format!("{text}\n{block}\n"),
        };
        std::fs::write(&readme, new).expect("write benchmarks/README.md");
    }
}
