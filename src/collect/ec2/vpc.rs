//! The VPC layer of one region: VPCs, subnets, route tables and network ACLs. A subnet's route
//! table and NACL are read off those tables' associations.

use super::region::{ids, live, tags, text, Ec2};
use crate::inventory::collections::op;
use crate::inventory::network::{NaclEntry, NetworkAcl, Route, RouteTable, Subnet, Vpc};
use aws_sdk_ec2::types::{self as ec2, VpcCidrBlockState};
use std::collections::HashMap;

pub(super) async fn vpcs(cx: &Ec2<'_>) -> Vec<Vpc> {
    let listed = cx
        .list(op::ec2::DESCRIBE_VPCS, |c| {
            c.describe_vpcs().into_paginator().items().send()
        })
        .await;
    listed
        .iter()
        .filter_map(|v| {
            let id = v.vpc_id()?;
            Some(Vpc {
                arn: cx.arn("vpc", id),
                account_id: cx.account_id(),
                region: cx.region(),
                id: id.to_string(),
                cidr_block: text(v.cidr_block()),
                ipv6_cidr_blocks: v
                    .ipv6_cidr_block_association_set()
                    .iter()
                    .filter(|a| live_block(a.ipv6_cidr_block_state()))
                    .filter_map(|a| a.ipv6_cidr_block().map(str::to_string))
                    .collect(),
                is_default: v.is_default().unwrap_or(false),
                tags: tags(v.tags()),
            })
        })
        .collect()
}

/// Whether an IPv6 block in this state is (or is about to be) in use.
fn live_block(state: Option<&VpcCidrBlockState>) -> bool {
    live(state.and_then(|st| st.state()).map(|st| st.as_str()))
}

/// The raw subnet listing; it becomes [`Subnet`]s once route tables and NACLs are known.
pub(super) async fn list_subnets(cx: &Ec2<'_>) -> Vec<ec2::Subnet> {
    cx.list(op::ec2::DESCRIBE_SUBNETS, |c| {
        c.describe_subnets().into_paginator().items().send()
    })
    .await
}

/// Subnets, each with the route table and NACL explicitly associated with it.
pub(super) fn subnets(
    cx: &Ec2<'_>,
    listed: &[ec2::Subnet],
    route_tables: &[RouteTable],
    nacls: &[NetworkAcl],
) -> Vec<Subnet> {
    let route_table_of: HashMap<&str, &str> = route_tables
        .iter()
        .flat_map(|t| t.subnet_ids.iter().map(|s| (s.as_str(), t.id.as_str())))
        .collect();
    let nacl_of: HashMap<&str, &str> = nacls
        .iter()
        .flat_map(|a| a.subnet_ids.iter().map(|s| (s.as_str(), a.id.as_str())))
        .collect();
    listed
        .iter()
        .filter_map(|n| {
            let id = n.subnet_id()?;
            Some(Subnet {
                arn: n
                    .subnet_arn()
                    .map(str::to_string)
                    .unwrap_or_else(|| cx.arn("subnet", id)),
                account_id: cx.account_id(),
                region: cx.region(),
                id: id.to_string(),
                vpc_id: text(n.vpc_id()),
                cidr_block: text(n.cidr_block()),
                ipv6_cidr_blocks: n
                    .ipv6_cidr_block_association_set()
                    .iter()
                    .filter(|a| {
                        live(
                            a.ipv6_cidr_block_state()
                                .and_then(|st| st.state())
                                .map(|st| st.as_str()),
                        )
                    })
                    .filter_map(|a| a.ipv6_cidr_block().map(str::to_string))
                    .collect(),
                availability_zone: n.availability_zone().map(str::to_string),
                map_public_ip_on_launch: n.map_public_ip_on_launch().unwrap_or(false),
                route_table_id: route_table_of.get(id).map(|t| t.to_string()),
                network_acl_id: nacl_of.get(id).map(|a| a.to_string()),
                tags: tags(n.tags()),
            })
        })
        .collect()
}

/// Route tables with their routes and the subnets explicitly associated (live associations
/// only).
pub(super) async fn route_tables(cx: &Ec2<'_>) -> Vec<RouteTable> {
    let listed = cx
        .list(op::ec2::DESCRIBE_ROUTE_TABLES, |c| {
            c.describe_route_tables().into_paginator().items().send()
        })
        .await;
    listed
        .iter()
        .filter_map(|t| {
            let id = t.route_table_id()?;
            let associations: Vec<_> = t
                .associations()
                .iter()
                .filter(|a| {
                    live(
                        a.association_state()
                            .and_then(|st| st.state())
                            .map(|st| st.as_str()),
                    )
                })
                .collect();
            Some(RouteTable {
                arn: cx.arn("route-table", id),
                account_id: cx.account_id(),
                region: cx.region(),
                id: id.to_string(),
                vpc_id: text(t.vpc_id()),
                main: associations.iter().any(|a| a.main() == Some(true)),
                subnet_ids: ids(&associations, |a| a.subnet_id()),
                routes: t.routes().iter().map(route).collect(),
                tags: tags(t.tags()),
            })
        })
        .collect()
}

/// Network ACLs with their numbered entries and associated subnets.
pub(super) async fn network_acls(cx: &Ec2<'_>) -> Vec<NetworkAcl> {
    let listed = cx
        .list(op::ec2::DESCRIBE_NETWORK_ACLS, |c| {
            c.describe_network_acls().into_paginator().items().send()
        })
        .await;
    listed
        .iter()
        .filter_map(|a| {
            let id = a.network_acl_id()?;
            Some(NetworkAcl {
                arn: cx.arn("network-acl", id),
                account_id: cx.account_id(),
                region: cx.region(),
                id: id.to_string(),
                vpc_id: text(a.vpc_id()),
                is_default: a.is_default().unwrap_or(false),
                subnet_ids: ids(a.associations(), |x| x.subnet_id()),
                entries: a.entries().iter().filter_map(nacl_entry).collect(),
                tags: tags(a.tags()),
            })
        })
        .collect()
}

/// One NACL entry; an entry without a rule number cannot be ordered and is left out.
fn nacl_entry(e: &ec2::NetworkAclEntry) -> Option<NaclEntry> {
    let port = |p: Option<i32>| p.and_then(|p| u16::try_from(p).ok());
    Some(NaclEntry {
        rule_number: u32::try_from(e.rule_number()?).ok()?,
        egress: e.egress().unwrap_or(false),
        protocol: text(e.protocol()),
        action: e
            .rule_action()
            .map(|r| r.as_str().to_lowercase())
            .unwrap_or_default(),
        cidr_block: e.cidr_block().map(str::to_string),
        ipv6_cidr_block: e.ipv6_cidr_block().map(str::to_string),
        from_port: port(e.port_range().and_then(|r| r.from())),
        to_port: port(e.port_range().and_then(|r| r.to())),
    })
}

/// One route: its destination, and its target classified by the id field AWS set.
pub(super) fn route(r: &ec2::Route) -> Route {
    let (target_type, target_id) = if let Some(g) = r.gateway_id() {
        let kind = match g {
            "local" => "local",
            _ if g.starts_with("igw-") => "igw",
            _ if g.starts_with("vpce-") => "endpoint",
            _ => "other",
        };
        (kind, g)
    } else if let Some(id) = r.egress_only_internet_gateway_id() {
        ("eigw", id)
    } else if let Some(id) = r.nat_gateway_id() {
        ("nat", id)
    } else if let Some(id) = r.vpc_peering_connection_id() {
        ("peering", id)
    } else if let Some(id) = r.transit_gateway_id() {
        ("tgw", id)
    } else if let Some(id) = r.instance_id() {
        ("instance", id)
    } else if let Some(id) = r.network_interface_id() {
        ("eni", id)
    } else if let Some(id) = r
        .local_gateway_id()
        .or(r.carrier_gateway_id())
        .or(r.core_network_arn())
        .or(r.odb_network_arn())
    {
        ("other", id)
    } else {
        ("other", "")
    };
    Route {
        destination_cidr: r.destination_cidr_block().map(str::to_string),
        destination_ipv6_cidr: r.destination_ipv6_cidr_block().map(str::to_string),
        destination_prefix_list_id: r.destination_prefix_list_id().map(str::to_string),
        target_type: target_type.to_string(),
        target_id: target_id.to_string(),
        state: r
            .state()
            .map(|st| st.as_str().to_string())
            .unwrap_or_else(|| "active".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_are_classified_by_target() {
        let r = |b: aws_sdk_ec2::types::builders::RouteBuilder| {
            route(&b.destination_cidr_block("0.0.0.0/0").build())
        };
        let t = |b| {
            let x = r(b);
            (x.target_type, x.target_id)
        };
        use aws_sdk_ec2::types::Route as R;
        assert_eq!(
            t(R::builder().gateway_id("local")),
            ("local".into(), "local".into())
        );
        assert_eq!(
            t(R::builder().gateway_id("igw-1")),
            ("igw".into(), "igw-1".into())
        );
        assert_eq!(
            t(R::builder().gateway_id("vpce-1")),
            ("endpoint".into(), "vpce-1".into())
        );
        assert_eq!(
            t(R::builder().gateway_id("vgw-1")),
            ("other".into(), "vgw-1".into())
        );
        assert_eq!(
            t(R::builder().nat_gateway_id("nat-1")),
            ("nat".into(), "nat-1".into())
        );
        assert_eq!(
            t(R::builder()
                .instance_id("i-1")
                .network_interface_id("eni-1")),
            ("instance".into(), "i-1".into())
        );
        assert_eq!(
            t(R::builder().network_interface_id("eni-1")),
            ("eni".into(), "eni-1".into())
        );
    }
}
