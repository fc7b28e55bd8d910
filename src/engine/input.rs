//! The input document policies see: the inventory, whose collections the registry
//! (`inventory::collections`) declares, plus the analysis facts.

use super::to_value::to_value;
use crate::analyze::Facts;
use crate::inventory::collections;
use crate::inventory::{Gap, Inventory};
use rayon::prelude::*;
use regorus::Value;
use serde::Serialize;

/// Whether `path` is a registered inventory collection a policy may name.
pub fn is_collection(path: &str) -> bool {
    collections::get(path).is_some()
}

/// Does this gap leave `collection` incomplete? An operation the registry does not know
/// blinds every collection of its service: unknown means unknown, never complete.
pub fn gap_affects(gap: &Gap, collection: &str) -> bool {
    collections::get(collection).is_some_and(|c| c.blinded_by(&gap.service, &gap.operation))
}

#[derive(Serialize)]
struct InputDoc<'a> {
    #[serde(flatten)]
    inventory: &'a Inventory,
    facts: &'a Facts,
}

#[derive(Debug, thiserror::Error)]
#[error("cannot build the policy input: {0}")]
pub struct InputError(String);

/// The whole input document as a Rego value, built straight from the typed inventory.
pub fn build(inventory: &Inventory, facts: &Facts) -> Result<Value, InputError> {
    let mut doc =
        to_value(&InputDoc { inventory, facts }).map_err(|e| InputError(e.to_string()))?;
    super::index::add(&mut doc);
    Ok(doc)
}

/// The same document as [`build`], consuming the inventory one collection at a time so that
/// the typed copy and the Rego copy of the inventory barely coexist (the difference between
/// fitting in memory or not at a million resources). Each collection's items move into an
/// inventory of their own, which is converted and freed as one job; the jobs and the facts
/// run in parallel, the largest first. The rest of the inventory (its header, the empty
/// collections) gives the document's shape, and each converted collection takes its place.
pub fn build_owned(mut inventory: Inventory, facts: &Facts) -> Result<Value, InputError> {
    enum Job<'a> {
        Facts(&'a Facts),
        Collection(&'static str, Box<Inventory>),
        Rest(Box<Inventory>),
    }
    let mut parts: Vec<(usize, Job)> = collections::COLLECTIONS
        .iter()
        .filter_map(|c| {
            let len = c.len(&inventory);
            (len > 0).then(|| {
                let mut part = Inventory::empty(inventory.collected_at);
                c.absorb(&mut part, &mut inventory);
                (len, Job::Collection(c.path, Box::new(part)))
            })
        })
        .collect();
    parts.sort_by_key(|(len, _)| std::cmp::Reverse(*len));
    let jobs: Vec<Job> = std::iter::once(Job::Facts(facts))
        .chain(parts.into_iter().map(|(_, job)| job))
        .chain(std::iter::once(Job::Rest(Box::new(inventory))))
        .collect();
    let converted = jobs
        .into_par_iter()
        .with_max_len(1)
        .map(|job| match job {
            Job::Facts(facts) => to_value(facts).map(|v| (Some("facts"), v)),
            Job::Collection(path, part) => {
                let doc = to_value(&*part)?;
                drop(part);
                Ok((Some(path), super::collection::at(&doc, path).clone()))
            }
            Job::Rest(rest) => to_value(&*rest).map(|v| (None, v)),
        })
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| InputError(e.to_string()))?;
    let mut doc = None;
    let mut filled = Vec::new();
    for (path, value) in converted {
        match path {
            None => doc = Some(value),
            Some(path) => filled.push((path, value)),
        }
    }
    let mut doc = doc.ok_or_else(|| InputError("the inventory was not converted".into()))?;
    for (path, value) in filled {
        super::collection::set_collection(&mut doc, path, value);
    }
    super::index::add(&mut doc);
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gap(service: &str, op: &str) -> Gap {
        Gap {
            service: service.into(),
            region: "us-east-1".into(),
            operation: op.into(),
            error: "AccessDenied".into(),
            account_id: None,
            resource: None,
            message: None,
        }
    }

    #[test]
    fn a_gap_blinds_only_the_collections_its_operation_fills() {
        let g = gap("ec2", "DescribeFlowLogs");
        assert!(gap_affects(&g, "network.flow_logs"));
        assert!(!gap_affects(&g, "network.vpcs"));
        assert!(!gap_affects(&g, "iam.users"));
        // A missing credential report blinds credential checks, not users' permissions.
        let report = gap("iam", "GenerateCredentialReport");
        assert!(gap_affects(&report, "iam.credential_reports"));
        assert!(!gap_affects(&report, "iam.users"));
    }

    #[test]
    fn an_unknown_operation_blinds_the_whole_service() {
        let g = gap("ec2", "DescribeSomethingNew");
        assert!(gap_affects(&g, "network.vpcs"));
        assert!(gap_affects(&g, "storage.ebs_volumes"));
        assert!(!gap_affects(&g, "storage.s3_buckets"));
    }

    #[test]
    fn collection_paths_are_unique_and_exist_in_the_input() {
        let inv = Inventory::empty(chrono::Utc::now());
        let input = build(&inv, &Facts::default()).unwrap();
        let mut seen = std::collections::BTreeSet::new();
        for c in collections::COLLECTIONS {
            assert!(seen.insert(c.path), "duplicate {}", c.path);
            assert!(
                super::super::collection::at(&input, c.path)
                    .as_array()
                    .is_ok(),
                "{} is not an array in the input",
                c.path
            );
        }
    }

    #[test]
    fn owned_build_is_the_same_document() {
        let inv = crate::demo::inventory().unwrap();
        let facts = crate::analyze::analyze(&inv);
        let borrowed = build(&inv, &facts).unwrap();
        assert_eq!(build_owned(inv, &facts).unwrap(), borrowed);
    }
}
