//! Palisade: an AWS security and compliance scanner.
//!
//! One pass is a straight line: collect → inventory → analyze → evaluate → report.
//! Each stage is one module; data flows forward only.

#![cfg_attr(not(test), deny(clippy::unwrap_used))]

pub mod analyze;
pub mod cli;
pub mod collect;
pub mod compliance;
pub mod config;
pub mod demo;
pub mod engine;
pub mod findings;
pub mod inventory;
pub mod pipeline;
pub mod report;
pub mod util;

pub use pipeline::{scan, ScanError, ScanOutcome, ScanRequest, Source};
