//! Combining the inventory fragments that concurrent collectors return, and putting the result
//! in a stable order so two collections of the same account give the same snapshot.

use crate::inventory::collections::COLLECTIONS;
use crate::inventory::Inventory;
use std::collections::BTreeMap;

/// Moves every collection of `part` into `into`.
pub fn absorb(into: &mut Inventory, part: Inventory) {
    let mut part = part;
    for c in COLLECTIONS {
        c.absorb(into, &mut part);
    }
    into.gaps.append(&mut part.gaps);
}

/// Sorts every collection by its serialized identity (ARN or account/region first); accounts
/// by id, each once.
pub fn sort(inv: &mut Inventory) {
    for c in COLLECTIONS {
        c.sort(inv);
    }
    inv.gaps.sort();
    inv.gaps.dedup();
}

/// Resources per service, for the end-of-run summary (accounts are counted on their own).
pub fn count_by_service(inv: &Inventory) -> BTreeMap<String, usize> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for c in COLLECTIONS.iter().filter(|c| c.path != "accounts") {
        let n = c.len(inv);
        if n > 0 {
            *counts.entry(c.service.to_string()).or_default() += n;
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absorbing_into_empty_keeps_everything() {
        let demo = crate::demo::inventory().unwrap();
        let mut into = Inventory::empty(demo.collected_at);
        into.schema_version = demo.schema_version.clone();
        into.generator = demo.generator.clone();
        absorb(&mut into, demo.clone());
        // Every collection moved: a collection missing from the registry would be left behind.
        let mut expected = demo;
        sort(&mut expected);
        sort(&mut into);
        assert_eq!(into, expected);
    }
}
