//! Leaf utilities: address and port interval sets, globs, and the files built into the binary.
//! Nothing here imports another module of this crate, so every stage may use them.

pub mod addr;
pub mod builtin;
pub mod glob;
pub mod interval;
pub mod service;
