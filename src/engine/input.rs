//! The input document policies see: the inventory, whose collections the registry
//! (`inventory::collections`) declares, plus the analysis facts.

use crate::analyze::Facts;
use crate::inventory::collections;
use crate::inventory::{Gap, Inventory};
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
/// fitting in memory or not at a million resources).
pub fn build_owned(mut inventory: Inventory, facts: &Facts) -> Result<Value, InputError> {
    let err = |e: super::to_value::ToValueError| InputError(e.to_string());
    let network = std::mem::take(&mut inventory.network);
    let storage = std::mem::take(&mut inventory.storage);
    let iam = std::mem::take(&mut inventory.iam);
    let logging = std::mem::take(&mut inventory.logging);
    let mut doc = super::to_value::to_value(&InputDoc {
        inventory: &inventory,
        facts,
    })
    .map_err(err)?;
    drop(inventory);
    let obj = doc.as_object_mut().map_err(|e| InputError(e.to_string()))?;
    // Largest domain first; each typed domain is freed as soon as it is converted.
    obj.insert(
        Value::from("network"),
        super::to_value::to_value(&network).map_err(err)?,
    );
    drop(network);
    obj.insert(
        Value::from("storage"),
        super::to_value::to_value(&storage).map_err(err)?,
    );
    drop(storage);
    obj.insert(
        Value::from("iam"),
        super::to_value::to_value(&iam).map_err(err)?,
    );
    drop(iam);
    obj.insert(
        Value::from("logging"),
        super::to_value::to_value(&logging).map_err(err)?,
    );
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
