//! Evaluate: Rego policies run by `regorus`, in parallel, into a sorted list of findings.
//!
//! A policy is one `.rego` file with a `# METADATA` block (see `metadata`), a package that
//! defines `deny` (a set of `{"arn", "message", "evidence"?}` objects, one per failing resource)
//! and `checked` (the set of ARNs it judged), and a `_test.rego` beside it.

mod annotation;
mod collection;
mod eval;
pub mod finding;
mod gaps;
mod index;
pub mod input;
mod load;
pub mod metadata;
mod set;
mod severity;
pub mod source;
pub mod testing;
mod to_value;

pub use eval::{evaluate, evaluate_owned, evaluate_timed, Backend, EvalOptions, PolicyCost};
pub use finding::{BaselineState, Controls, Counts, Finding, RuleInfo, Status, Words};
pub use metadata::PolicyMeta;
pub use set::{Policy, PolicyError, PolicySet};
pub use severity::{Severity, SeverityParseError};
