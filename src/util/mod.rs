//! Leaf utilities: address and port interval sets, globs, the files built into the binary, and
//! located diagnostics for the files users write.
//! Nothing here imports another module of this crate, so every stage may use them.

pub mod addr;
pub mod builtin;
pub mod diagnostic;
pub mod glob;
pub mod interval;
pub mod service;
pub mod yaml;
