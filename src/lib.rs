//! Palisade: an AWS security and compliance scanner.
//!
//! One pass is a straight line: collect → inventory → analyze → evaluate → report, run by
//! [`scan`]. Each stage is one module, and modules form layers that only point down (checked by
//! `tests/cli/layering.rs`): `util` (leaf utilities) → `inventory`, `config` → `collect`,
//! `analyze`, `demo` → `engine` → `findings` → `compliance` → `pipeline` → `report`, `docs` →
//! `cli`. The inventory's collections are declared once, in `inventory::collections`.

#![cfg_attr(not(test), deny(clippy::unwrap_used))]

pub mod analyze;
pub mod cli;
pub mod collect;
pub mod compliance;
pub mod config;
pub mod demo;
pub mod docs;
pub mod engine;
pub mod findings;
pub mod inventory;
pub mod pipeline;
pub mod report;
pub mod util;

pub use pipeline::{scan, ScanError, ScanOutcome, ScanRequest, Source};
