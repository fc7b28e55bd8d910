//! Wall time and resident memory after each phase of a scan, and the policies that cost the
//! most (`scan --timings`, benchmarks).

use serde::Serialize;

#[derive(Debug, Clone, Serialize, Default)]
pub struct Timings {
    pub phases: Vec<Phase>,
    pub resources: usize,
    pub findings: usize,
    /// Chunks the compiled engine failed on and the interpreter evaluated again (0 expected).
    pub fallbacks: usize,
    /// Policies that ran on the interpreter: all with `--engine interpreter`; with the compiled
    /// engine, custom policies and any that did not compile.
    pub interpreted: usize,
    /// The ten policies that cost the most (evaluation plus compilation), most expensive first.
    pub slowest_policies: Vec<crate::engine::PolicyCost>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Phase {
    pub name: &'static str,
    pub ms: u128,
    pub rss_mb: u64,
}

/// Records a phase each time `lap` is called, measured from the previous lap.
pub struct Stopwatch {
    clock: std::time::Instant,
    pub timings: Timings,
}

impl Default for Stopwatch {
    fn default() -> Self {
        Stopwatch {
            clock: std::time::Instant::now(),
            timings: Timings::default(),
        }
    }
}

impl Stopwatch {
    pub fn lap(&mut self, name: &'static str) {
        let ms = self.clock.elapsed().as_millis();
        tracing::debug!(phase = name, ms, "phase done");
        self.timings.phases.push(Phase {
            name,
            ms,
            rss_mb: resident_mb(),
        });
        self.clock = std::time::Instant::now();
    }
}

/// Current resident set size in MB (Linux; 0 elsewhere).
pub fn resident_mb() -> u64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| {
            s.split_whitespace()
                .nth(1)
                .and_then(|p| p.parse::<u64>().ok())
        })
        .map(|pages| pages * 4096 / 1_000_000)
        .unwrap_or(0)
}
