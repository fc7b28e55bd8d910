//! CLI integration tests: one test binary (it links once), one module per concern.

mod action;
mod bad_input;
mod browser;
mod common;
mod demo;
mod docs;
mod engines;
mod faults;
mod gaps;
mod hostile;
mod iam;
mod install;
mod layering;
mod live;
mod moto;
mod network;
mod permissions;
mod pipeline;
mod policies;
mod reach;
mod registry;
mod reports;
mod robustness;
mod sarif;
mod seed;
mod tools;
