//! Compliance: frameworks as data (HIPAA, PCI DSS, CIS AWS Foundations) and the status of each
//! control, derived from the same findings every report renders.

pub mod bind;
pub mod catalog;
pub mod evaluate;
pub mod framework;
pub mod parse;

pub use catalog::{Catalog, CatalogError, UnknownFramework};
pub use evaluate::{evaluate, evaluate_where, ControlResult, ControlStatus, FrameworkResult};
pub use framework::{Control, Framework, FrameworkError};
