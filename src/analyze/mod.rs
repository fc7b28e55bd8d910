//! Analyze: facts derived natively from the inventory and attached to the policy input under
//! `input.facts`, so that policies stay short predicates.
//!
//! Ages are measured from the snapshot's `collected_at`, never from the wall clock, so the same
//! snapshot gives the same findings tomorrow.

pub mod iam;

use crate::inventory::Inventory;
use serde::Serialize;

#[derive(Debug, Default, Clone, Serialize, PartialEq)]
pub struct Facts {
    pub iam: iam::IamFacts,
}

/// Derives every fact the built-in policies use.
pub fn analyze(inventory: &Inventory) -> Facts {
    Facts {
        iam: iam::analyze(inventory),
    }
}

/// Whole days from `then` to `now`, never negative (clock skew in a snapshot is not an age).
pub(crate) fn days_between(
    then: chrono::DateTime<chrono::Utc>,
    now: chrono::DateTime<chrono::Utc>,
) -> i64 {
    (now - then).num_days().max(0)
}
