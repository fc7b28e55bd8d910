//! The resource index: every resource in an inventory by ARN, with the type, account, region
//! and name that findings report.

use super::collections::COLLECTIONS;
use super::{Inventory, Tags};
// foldhash: ARNs are looked up millions of times per scan (every checked resource of every
// policy), and SipHash was about 2 % of a million-resource scan.
use foldhash::HashSet;
use std::borrow::Borrow;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// What a finding says about the resource it is about.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct ResourceRef {
    pub arn: String,
    /// CloudFormation-style type, e.g. `AWS::EC2::SecurityGroup`.
    #[serde(rename = "type")]
    pub resource_type: String,
    pub account_id: String,
    /// Region, or `global`.
    pub region: String,
    pub name: String,
    /// The resource's tags, as collected (empty for resources without tags).
    #[serde(skip_serializing_if = "Tags::is_empty")]
    pub tags: Tags,
}

impl ResourceRef {
    /// A reference for an ARN not in the inventory (synthetic account-level ids such as
    /// `arn:aws:iam::123456789012:root`, or ids a custom policy made up): fields come from the ARN.
    pub fn from_arn(arn: &str, resource_type: &str) -> Self {
        let parts: Vec<&str> = arn.splitn(6, ':').collect();
        let field = |i: usize| parts.get(i).copied().unwrap_or("").to_string();
        let region = match field(3) {
            r if r.is_empty() => "global".to_string(),
            r => r,
        };
        let rest = field(5);
        let name = rest
            .rsplit(['/', ':'])
            .next()
            .filter(|n| !n.is_empty())
            .unwrap_or(arn)
            .to_string();
        ResourceRef {
            arn: arn.to_string(),
            resource_type: resource_type.to_string(),
            account_id: field(4),
            region,
            name,
            tags: Default::default(),
        }
    }
}

/// Every resource of an inventory, by ARN.
#[derive(Debug, Default, Clone)]
pub struct ResourceIndex {
    /// Keyed by the reference's own ARN: a million resources need not hold every ARN twice.
    by_arn: HashSet<ByArn>,
}

/// A reference that hashes, compares and borrows as its ARN.
#[derive(Debug, Clone)]
struct ByArn(Arc<ResourceRef>);

impl Borrow<str> for ByArn {
    fn borrow(&self) -> &str {
        &self.0.arn
    }
}

impl Hash for ByArn {
    // As `str` hashes, which `Borrow<str>` requires.
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.arn.as_str().hash(state);
    }
}

impl PartialEq for ByArn {
    fn eq(&self, other: &Self) -> bool {
        self.0.arn == other.0.arn
    }
}

impl Eq for ByArn {}

impl ResourceIndex {
    /// Every resource of every registered collection (settings collections have none).
    pub fn build(inv: &Inventory) -> Self {
        let mut index = ResourceIndex::default();
        for c in COLLECTIONS {
            let Some(resource_type) = c.resource_type else {
                continue;
            };
            c.for_each_item(inv, &mut |item| {
                let r = ResourceRef {
                    arn: item.arn.to_string(),
                    resource_type: resource_type.to_string(),
                    account_id: item.account_id.to_string(),
                    region: item.region.to_string(),
                    name: item.name.to_string(),
                    tags: item.tags.cloned().unwrap_or_default(),
                };
                // A later item with the same ARN replaces the earlier, as a map insert would.
                index.by_arn.replace(ByArn(Arc::new(r)));
            });
        }
        index
    }

    pub fn get(&self, arn: &str) -> Option<&Arc<ResourceRef>> {
        self.by_arn.get(arn).map(|r| &r.0)
    }

    /// The indexed reference, or one derived from the ARN itself.
    pub fn resolve(&self, arn: &str, fallback_type: &str) -> Arc<ResourceRef> {
        match self.get(arn) {
            Some(r) => r.clone(),
            None => Arc::new(ResourceRef::from_arn(arn, fallback_type)),
        }
    }

    pub fn len(&self) -> usize {
        self.by_arn.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_arn.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthetic_arn_fields() {
        let r = ResourceRef::from_arn("arn:aws:guardduty:eu-west-1:123456789012:detector", "X");
        assert_eq!(r.region, "eu-west-1");
        assert_eq!(r.account_id, "123456789012");
        assert_eq!(r.name, "detector");
        let root = ResourceRef::from_arn("arn:aws:iam::123456789012:root", "AWS::Account");
        assert_eq!(root.region, "global");
        assert_eq!(root.name, "root");
    }

    #[test]
    fn garbage_arn_does_not_panic() {
        let r = ResourceRef::from_arn("not an arn", "X");
        assert_eq!(r.name, "not an arn");
        assert_eq!(r.region, "global");
    }
}
