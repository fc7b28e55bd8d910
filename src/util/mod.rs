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

/// Turns off backtraces on errors (not on panics) unless `RUST_LIB_BACKTRACE` asks for them.
/// regorus reports undefined lookups and failed builtins as `anyhow` errors, many per resource,
/// and with `RUST_BACKTRACE=1` (common on developer machines and CI runners) `anyhow` captures
/// a backtrace for each: the demo's evaluation took 5.3 s instead of 1.6 s. Panics still get
/// their backtraces from `RUST_BACKTRACE`. Call it first thing in `main`, before any thread
/// starts (changing the environment races with threads reading it).
pub fn quiet_error_backtraces() {
    if std::env::var_os("RUST_LIB_BACKTRACE").is_none() {
        std::env::set_var("RUST_LIB_BACKTRACE", "0");
    }
}
