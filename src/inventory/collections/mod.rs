//! The collection registry: every inventory collection declared once, with the service that
//! owns it, the AWS API operations that fill it (and the IAM action each needs), its resource
//! type, and where its items keep their id, name and tags.
//!
//! Everything that must agree about collections derives from this table: merging collectors'
//! fragments, the resource index, which collections a collection gap blinds, the collections a
//! policy may name, the collection table of `docs/policy-authoring.md` and the IAM policy of
//! `docs/permissions.md`. Collectors name the operations they call through [`op`], whose
//! constants cannot be made anywhere else, so a call the registry does not know cannot be
//! written. Adding a collection is one row in `rows.rs`, its inventory type, and its collector.

mod collection;
mod operation;
mod rows;

pub use collection::{Collection, Item};
pub use operation::{op, Operation, Permission};
pub use rows::COLLECTIONS;

impl Collection {
    /// Does the gap on `service:operation` leave this collection incomplete? An operation the
    /// registry does not know blinds every collection of its service: unknown means unknown,
    /// never complete.
    pub fn blinded_by(&self, service: &str, operation: &str) -> bool {
        if self.operations.iter().any(|o| o.is(service, operation)) {
            return true;
        }
        // The service first: `is_known` reads the whole registry, and a scan asks this for
        // every policy, collection and gap.
        self.service.eq_ignore_ascii_case(service) && !is_known(service, operation)
    }
}

/// Whether the registry knows `service:operation` at all (as an operation or an enrichment).
pub fn is_known(service: &str, operation: &str) -> bool {
    COLLECTIONS.iter().any(|c| {
        c.operations
            .iter()
            .chain(c.enrichments)
            .any(|o| o.is(service, operation))
    })
}

/// The collection at `path`.
pub fn get(path: &str) -> Option<&'static Collection> {
    COLLECTIONS.iter().find(|c| c.path == path)
}

/// The registered operation `service:Name` (as a policy's `needs` names it).
pub fn operation(qualified: &str) -> Option<Operation> {
    let (service, name) = qualified.split_once(':')?;
    op::ALL.iter().copied().find(|o| o.is(service, name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::Inventory;
    use std::collections::BTreeSet;

    #[test]
    fn paths_are_unique_and_every_operation_fills_something() {
        let mut paths = BTreeSet::new();
        for c in COLLECTIONS {
            assert!(paths.insert(c.path), "{} is declared twice", c.path);
            assert!(!c.operations.is_empty(), "{} is filled by nothing", c.path);
            assert_eq!(
                c.resource_type.is_some(),
                c.name_field.is_some(),
                "{}",
                c.path
            );
        }
        // An operation no collection lists would be called for nothing, and its gaps would
        // blind a whole service.
        for o in op::ALL {
            assert!(
                is_known(o.service, o.name),
                "{o} is declared but fills no collection"
            );
        }
        let distinct: BTreeSet<(&str, &str)> =
            op::ALL.iter().map(|o| (o.service, o.name)).collect();
        assert_eq!(
            distinct.len(),
            op::ALL.len(),
            "an operation is declared twice"
        );
    }

    #[test]
    fn gaps_blind_what_their_operation_fills() {
        let vpcs = get("network.vpcs").unwrap();
        let subnets = get("network.subnets").unwrap();
        assert!(vpcs.blinded_by("ec2", "DescribeVpcs"));
        assert!(subnets.blinded_by("ec2", "DescribeRouteTables"));
        assert!(!vpcs.blinded_by("ec2", "DescribeFlowLogs"));
        // Unknown: the whole service.
        assert!(vpcs.blinded_by("ec2", "DescribeSomethingNew"));
        assert!(!get("storage.s3_buckets")
            .unwrap()
            .blinded_by("ec2", "DescribeSomethingNew"));
        // Enrichments are known, and blind nothing.
        let accounts = get("accounts").unwrap();
        assert!(!accounts.blinded_by("iam", "ListAccountAliases"));
        assert!(!get("iam.users")
            .unwrap()
            .blinded_by("iam", "ListAccountAliases"));
        assert!(accounts.blinded_by("sts", "AssumeRole"));
    }

    #[test]
    fn every_collection_of_the_inventory_is_registered() {
        // What a snapshot holds is what the registry lists, both ways: a field added to the
        // inventory without a row would be missed by merge, the index and gap scoping.
        let empty = serde_json::to_value(Inventory::empty(chrono::Utc::now())).unwrap();
        let mut in_inventory = BTreeSet::new();
        for (key, value) in empty.as_object().unwrap() {
            match value {
                serde_json::Value::Array(_) if key != "gaps" => {
                    in_inventory.insert(key.clone());
                }
                serde_json::Value::Object(domain) => {
                    for (field, v) in domain {
                        if v.is_array() {
                            in_inventory.insert(format!("{key}.{field}"));
                        }
                    }
                }
                _ => {}
            }
        }
        let registered: BTreeSet<String> = COLLECTIONS.iter().map(|c| c.path.to_string()).collect();
        assert_eq!(in_inventory, registered);
    }

    #[test]
    fn permissions_follow_the_api_reference() {
        assert_eq!(op::s3::LIST_BUCKETS.action(), Some("s3:ListAllMyBuckets"));
        assert_eq!(
            op::s3control::GET_PUBLIC_ACCESS_BLOCK.action(),
            Some("s3:GetAccountPublicAccessBlock")
        );
        assert_eq!(op::ec2::DESCRIBE_VPCS.action(), Some("ec2:DescribeVpcs"));
        assert_eq!(op::sts::GET_CALLER_IDENTITY.action(), None);
        assert_eq!(
            operation("s3:GetBucketPolicy"),
            Some(op::s3::GET_BUCKET_POLICY)
        );
        assert_eq!(operation("s3:GetBucketPolcy"), None);
    }
}
