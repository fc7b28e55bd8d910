//! The embedded demo: a snapshot of a fictional healthcare payments company (Meridian Health
//! Payments) with PHI data stores and a PCI cardholder-data environment, tagged as such.

use crate::inventory::{load_snapshot_str, Inventory, SnapshotError};
use std::path::Path;

/// The demo snapshot's JSON text.
pub const SNAPSHOT: &str = include_str!("snapshot.json");

/// The demo inventory.
pub fn inventory() -> Result<Inventory, SnapshotError> {
    load_snapshot_str(SNAPSHOT, Path::new("<embedded demo snapshot>"))
}
