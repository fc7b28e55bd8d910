//! Findings after evaluation: suppressions (accepted risks from `palisade.toml`) and the
//! comparison with a baseline report. The `Finding` type itself is the engine's output
//! (`engine::finding`), re-exported here for the stages above.

pub mod baseline;
pub mod suppress;

pub use crate::engine::{
    BaselineState, Controls, Counts, Finding, RuleInfo, Severity, SeverityParseError, Status,
};
