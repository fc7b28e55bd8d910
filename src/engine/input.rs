//! The input document policies see: the inventory, whose collections the registry
//! (`inventory::collections`) declares, plus the analysis facts.

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
    let mut doc = super::to_value::to_value(&InputDoc { inventory, facts })
        .map_err(|e| InputError(e.to_string()))?;
    super::index::add(&mut doc);
    Ok(doc)
}

/// The same document as [`build`], consuming the inventory one domain at a time so that the
/// typed copy and the Rego copy of the whole inventory never coexist (the difference between
/// fitting in memory or not at a million resources). The domains and the facts convert in
/// parallel, each typed domain freed as soon as it is converted: as many domains are in
/// flight at once as there are threads.
pub fn build_owned(mut inventory: Inventory, facts: &Facts) -> Result<Value, InputError> {
    type Job<'a> = Box<dyn FnOnce() -> Result<Value, super::to_value::ToValueError> + Send + 'a>;
    fn convert<'a, T: Serialize + Send + 'a>(domain: T) -> Job<'a> {
        Box::new(move || super::to_value::to_value(&domain))
    }
    let iam = std::mem::take(&mut inventory.iam);
    let network = std::mem::take(&mut inventory.network);
    let storage = std::mem::take(&mut inventory.storage);
    let logging = std::mem::take(&mut inventory.logging);
    let messaging = std::mem::take(&mut inventory.messaging);
    let compute = std::mem::take(&mut inventory.compute);
    let edge = std::mem::take(&mut inventory.edge);
    // The largest parts first; every job can run on any thread.
    let jobs: Vec<(&str, Job)> = vec![
        ("facts", Box::new(|| super::to_value::to_value(facts))),
        ("network", convert(network)),
        ("iam", convert(iam)),
        ("storage", convert(storage)),
        ("logging", convert(logging)),
        ("compute", convert(compute)),
        ("edge", convert(edge)),
        ("messaging", convert(messaging)),
        // The rest of the inventory (accounts, gaps, organization) with its domains emptied:
        // the document's shape, each domain then replaced by its converted value.
        ("", convert(inventory)),
    ];
    let parts = jobs
        .into_par_iter()
        .with_max_len(1)
        .map(|(name, job)| job().map(|v| (name, v)))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| InputError(e.to_string()))?;
    let mut parts = parts.into_iter();
    let mut doc = match parts.next_back() {
        Some(("", doc)) => doc,
        _ => return Err(InputError("the inventory was not converted".into())),
    };
    let obj = doc.as_object_mut().map_err(|e| InputError(e.to_string()))?;
    for (name, value) in parts {
        obj.insert(Value::from(name), value);
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
            let mut v = &input;
            for key in c.path.split('.') {
                v = &v[key];
            }
            assert!(
                v.as_array().is_ok(),
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
