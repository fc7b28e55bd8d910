//! The resource index: every resource in an inventory by ARN, with the type, account, region
//! and name that findings report.

use super::{Inventory, Tags};
use std::collections::HashMap;
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
    by_arn: HashMap<Arc<str>, Arc<ResourceRef>>,
}

impl ResourceIndex {
    pub fn build(inv: &Inventory) -> Self {
        let mut index = ResourceIndex::default();
        let mut add =
            |arn: &str, ty: &str, account: &str, region: &str, name: &str, tags: &Tags| {
                let r = ResourceRef {
                    arn: arn.to_string(),
                    resource_type: ty.to_string(),
                    account_id: account.to_string(),
                    region: region.to_string(),
                    name: name.to_string(),
                    tags: tags.clone(),
                };
                index.by_arn.insert(Arc::from(arn), Arc::new(r));
            };
        const G: &str = "global";
        let none = Tags::new();
        for a in &inv.accounts {
            let arn = format!("arn:{}:iam::{}:root", a.partition, a.id);
            let name = a.alias.as_deref().unwrap_or(&a.id);
            add(&arn, "AWS::Account", &a.id, G, name, &none);
        }
        let iam = &inv.iam;
        for u in &iam.users {
            add(&u.arn, "AWS::IAM::User", &u.account_id, G, &u.name, &u.tags);
        }
        for g in &iam.groups {
            add(&g.arn, "AWS::IAM::Group", &g.account_id, G, &g.name, &none);
        }
        for r in &iam.roles {
            add(&r.arn, "AWS::IAM::Role", &r.account_id, G, &r.name, &r.tags);
        }
        for p in &iam.policies {
            let ty = "AWS::IAM::ManagedPolicy";
            add(&p.arn, ty, &p.account_id, G, &p.name, &none);
        }
        let n = &inv.network;
        // `tagged` for the types whose inventory records carry tags.
        macro_rules! regional {
            ($items:expr, $ty:literal, $name:ident) => {
                for x in &$items {
                    add(&x.arn, $ty, &x.account_id, &x.region, &x.$name, &none);
                }
            };
            ($items:expr, $ty:literal, $name:ident, tagged) => {
                for x in &$items {
                    add(&x.arn, $ty, &x.account_id, &x.region, &x.$name, &x.tags);
                }
            };
        }
        regional!(n.vpcs, "AWS::EC2::VPC", id, tagged);
        regional!(n.subnets, "AWS::EC2::Subnet", id, tagged);
        regional!(n.route_tables, "AWS::EC2::RouteTable", id, tagged);
        regional!(n.internet_gateways, "AWS::EC2::InternetGateway", id, tagged);
        regional!(
            n.egress_only_internet_gateways,
            "AWS::EC2::EgressOnlyInternetGateway",
            id,
            tagged
        );
        regional!(n.nat_gateways, "AWS::EC2::NatGateway", id);
        regional!(n.network_acls, "AWS::EC2::NetworkAcl", id, tagged);
        regional!(n.security_groups, "AWS::EC2::SecurityGroup", id, tagged);
        regional!(n.network_interfaces, "AWS::EC2::NetworkInterface", id);
        regional!(n.instances, "AWS::EC2::Instance", id, tagged);
        regional!(
            n.vpc_peering_connections,
            "AWS::EC2::VPCPeeringConnection",
            id,
            tagged
        );
        regional!(n.vpc_endpoints, "AWS::EC2::VPCEndpoint", id);
        regional!(n.flow_logs, "AWS::EC2::FlowLog", id);
        regional!(
            n.load_balancers,
            "AWS::ElasticLoadBalancingV2::LoadBalancer",
            name,
            tagged
        );
        regional!(n.transit_gateways, "AWS::EC2::TransitGateway", id, tagged);
        regional!(n.prefix_lists, "AWS::EC2::PrefixList", id);
        let s = &inv.storage;
        regional!(s.kms_keys, "AWS::KMS::Key", id, tagged);
        regional!(s.ebs_volumes, "AWS::EC2::Volume", id, tagged);
        regional!(s.ebs_snapshots, "AWS::EC2::Snapshot", id, tagged);
        regional!(s.s3_buckets, "AWS::S3::Bucket", name, tagged);
        regional!(s.rds_instances, "AWS::RDS::DBInstance", id, tagged);
        regional!(s.rds_clusters, "AWS::RDS::DBCluster", id, tagged);
        regional!(s.rds_snapshots, "AWS::RDS::DBSnapshot", id, tagged);
        let l = &inv.logging;
        regional!(l.trails, "AWS::CloudTrail::Trail", name);
        regional!(
            l.config_recorders,
            "AWS::Config::ConfigurationRecorder",
            name
        );
        regional!(l.guardduty_detectors, "AWS::GuardDuty::Detector", id);
        index
    }

    pub fn get(&self, arn: &str) -> Option<&Arc<ResourceRef>> {
        self.by_arn.get(arn)
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
