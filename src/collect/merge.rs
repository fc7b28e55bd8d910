//! Combining the inventory fragments that concurrent collectors return, and putting the result
//! in a stable order so two collections of the same account give the same snapshot.

use crate::inventory::Inventory;
use std::collections::BTreeMap;

macro_rules! each_collection {
    ($m:ident) => {
        $m!(iam.users, "iam");
        $m!(iam.groups, "iam");
        $m!(iam.roles, "iam");
        $m!(iam.policies, "iam");
        $m!(iam.password_policies, "iam");
        $m!(iam.account_summaries, "iam");
        $m!(iam.credential_reports, "iam");
        $m!(network.vpcs, "ec2");
        $m!(network.subnets, "ec2");
        $m!(network.route_tables, "ec2");
        $m!(network.internet_gateways, "ec2");
        $m!(network.egress_only_internet_gateways, "ec2");
        $m!(network.nat_gateways, "ec2");
        $m!(network.network_acls, "ec2");
        $m!(network.security_groups, "ec2");
        $m!(network.network_interfaces, "ec2");
        $m!(network.instances, "ec2");
        $m!(network.vpc_peering_connections, "ec2");
        $m!(network.vpc_endpoints, "ec2");
        $m!(network.flow_logs, "ec2");
        $m!(network.load_balancers, "elasticloadbalancing");
        $m!(network.transit_gateways, "ec2");
        $m!(network.prefix_lists, "ec2");
        $m!(storage.kms_keys, "kms");
        $m!(storage.ebs_volumes, "ec2");
        $m!(storage.ebs_snapshots, "ec2");
        $m!(storage.ebs_encryption_by_default, "ec2");
        $m!(storage.s3_buckets, "s3");
        $m!(storage.s3_account_public_access_blocks, "s3control");
        $m!(storage.rds_instances, "rds");
        $m!(storage.rds_clusters, "rds");
        $m!(storage.rds_snapshots, "rds");
        $m!(logging.trails, "cloudtrail");
        $m!(logging.config_recorders, "config");
        $m!(logging.guardduty_detectors, "guardduty");
    };
}

/// Moves every collection of `part` into `into`.
pub fn absorb(into: &mut Inventory, part: Inventory) {
    let mut part = part;
    macro_rules! take {
        ($domain:ident . $field:ident, $svc:literal) => {
            into.$domain.$field.append(&mut part.$domain.$field);
        };
    }
    each_collection!(take);
    into.accounts.append(&mut part.accounts);
    into.gaps.append(&mut part.gaps);
}

/// Sorts every collection by its serialized identity (ARN or account/region first).
pub fn sort(inv: &mut Inventory) {
    fn key<T: serde::Serialize>(x: &T) -> String {
        serde_json::to_string(x).unwrap_or_default()
    }
    macro_rules! order {
        ($domain:ident . $field:ident, $svc:literal) => {
            inv.$domain.$field.sort_by_cached_key(key);
        };
    }
    each_collection!(order);
    inv.accounts.sort_by(|a, b| a.id.cmp(&b.id));
    inv.accounts.dedup_by(|a, b| a.id == b.id);
    inv.gaps.sort();
    inv.gaps.dedup();
}

/// Resources per service, for the end-of-run summary.
pub fn count_by_service(inv: &Inventory) -> BTreeMap<String, usize> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    macro_rules! count {
        ($domain:ident . $field:ident, $svc:literal) => {
            let n = inv.$domain.$field.len();
            if n > 0 {
                *counts.entry($svc.to_string()).or_default() += n;
            }
        };
    }
    each_collection!(count);
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
        // Every collection moved: a field missing from the macro would be left behind.
        let mut expected = demo;
        sort(&mut expected);
        sort(&mut into);
        assert_eq!(into, expected);
    }
}
