//! EC2 network plumbing of one region: VPCs, subnets, route tables, gateways, NACLs, peering,
//! endpoints and flow logs.

use super::ec2::{at, ids, tags, text};
use super::Session;
use crate::inventory::network::{
    FlowLog, Gateway, NaclEntry, NatGateway, Network, NetworkAcl, Route, RouteTable, Subnet, Vpc,
    VpcEndpoint, VpcPeering,
};
use aws_sdk_ec2::types::{InternetGatewayAttachment, VpcPeeringConnectionVpcInfo};
use aws_sdk_ec2::Client;
use std::collections::HashMap;

/// Every network collection but security groups, interfaces and instances.
pub(super) async fn collect(s: &Session, client: &Client, region: &str) -> Network {
    let (vpcs, subnets, route_tables, igws, eigws, nats, nacls, peerings, endpoints, flow_logs) = futures::join!(
        s.call(at(region, "DescribeVpcs"), || client
            .describe_vpcs()
            .into_paginator()
            .send()
            .try_collect()),
        s.call(at(region, "DescribeSubnets"), || client
            .describe_subnets()
            .into_paginator()
            .send()
            .try_collect()),
        s.call(at(region, "DescribeRouteTables"), || {
            client
                .describe_route_tables()
                .into_paginator()
                .send()
                .try_collect()
        }),
        s.call(at(region, "DescribeInternetGateways"), || {
            client
                .describe_internet_gateways()
                .into_paginator()
                .send()
                .try_collect()
        }),
        s.call(at(region, "DescribeEgressOnlyInternetGateways"), || {
            client
                .describe_egress_only_internet_gateways()
                .into_paginator()
                .send()
                .try_collect()
        }),
        s.call(at(region, "DescribeNatGateways"), || {
            client
                .describe_nat_gateways()
                .into_paginator()
                .send()
                .try_collect()
        }),
        s.call(at(region, "DescribeNetworkAcls"), || {
            client
                .describe_network_acls()
                .into_paginator()
                .send()
                .try_collect()
        }),
        s.call(at(region, "DescribeVpcPeeringConnections"), || {
            client
                .describe_vpc_peering_connections()
                .into_paginator()
                .send()
                .try_collect()
        }),
        s.call(at(region, "DescribeVpcEndpoints"), || {
            client
                .describe_vpc_endpoints()
                .into_paginator()
                .send()
                .try_collect()
        }),
        s.call(at(region, "DescribeFlowLogs"), || client
            .describe_flow_logs()
            .into_paginator()
            .send()
            .try_collect()),
    );
    let c = Ctx { s, region };
    let mut net = Network::default();

    for v in vpcs.iter().flatten().flat_map(|p| p.vpcs()) {
        let Some(id) = v.vpc_id() else { continue };
        net.vpcs.push(Vpc {
            arn: c.arn("vpc", id),
            account_id: s.account_id.clone(),
            region: region.to_string(),
            id: id.to_string(),
            cidr_block: text(v.cidr_block()),
            ipv6_cidr_blocks: v
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
            is_default: v.is_default().unwrap_or(false),
            tags: tags(v.tags()),
        });
    }

    // Explicit subnet associations, read off the route tables and NACLs.
    let mut subnet_route_table: HashMap<String, String> = HashMap::new();
    for t in route_tables.iter().flatten().flat_map(|p| p.route_tables()) {
        let Some(id) = t.route_table_id() else {
            continue;
        };
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
        let subnet_ids = ids(&associations, |a| a.subnet_id());
        for sub in &subnet_ids {
            subnet_route_table.insert(sub.clone(), id.to_string());
        }
        net.route_tables.push(RouteTable {
            arn: c.arn("route-table", id),
            account_id: s.account_id.clone(),
            region: region.to_string(),
            id: id.to_string(),
            vpc_id: text(t.vpc_id()),
            main: associations.iter().any(|a| a.main() == Some(true)),
            subnet_ids,
            routes: t.routes().iter().map(route).collect(),
            tags: tags(t.tags()),
        });
    }

    let mut subnet_nacl: HashMap<String, String> = HashMap::new();
    for a in nacls.iter().flatten().flat_map(|p| p.network_acls()) {
        let Some(id) = a.network_acl_id() else {
            continue;
        };
        let subnet_ids = ids(a.associations(), |x| x.subnet_id());
        for sub in &subnet_ids {
            subnet_nacl.insert(sub.clone(), id.to_string());
        }
        net.network_acls.push(NetworkAcl {
            arn: c.arn("network-acl", id),
            account_id: s.account_id.clone(),
            region: region.to_string(),
            id: id.to_string(),
            vpc_id: text(a.vpc_id()),
            is_default: a.is_default().unwrap_or(false),
            subnet_ids,
            entries: a
                .entries()
                .iter()
                .filter_map(|e| {
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
                        from_port: e
                            .port_range()
                            .and_then(|r| r.from())
                            .and_then(|p| u16::try_from(p).ok()),
                        to_port: e
                            .port_range()
                            .and_then(|r| r.to())
                            .and_then(|p| u16::try_from(p).ok()),
                    })
                })
                .collect(),
            tags: tags(a.tags()),
        });
    }

    for n in subnets.iter().flatten().flat_map(|p| p.subnets()) {
        let Some(id) = n.subnet_id() else { continue };
        net.subnets.push(Subnet {
            arn: n
                .subnet_arn()
                .map(str::to_string)
                .unwrap_or_else(|| c.arn("subnet", id)),
            account_id: s.account_id.clone(),
            region: region.to_string(),
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
            route_table_id: subnet_route_table.get(id).cloned(),
            network_acl_id: subnet_nacl.get(id).cloned(),
            tags: tags(n.tags()),
        });
    }

    for g in igws.iter().flatten().flat_map(|p| p.internet_gateways()) {
        let Some(id) = g.internet_gateway_id() else {
            continue;
        };
        net.internet_gateways
            .push(c.gateway("internet-gateway", id, g.attachments(), g.tags()));
    }
    for g in eigws
        .iter()
        .flatten()
        .flat_map(|p| p.egress_only_internet_gateways())
    {
        let Some(id) = g.egress_only_internet_gateway_id() else {
            continue;
        };
        net.egress_only_internet_gateways.push(c.gateway(
            "egress-only-internet-gateway",
            id,
            g.attachments(),
            g.tags(),
        ));
    }

    for g in nats.iter().flatten().flat_map(|p| p.nat_gateways()) {
        let Some(id) = g.nat_gateway_id() else {
            continue;
        };
        let addresses = g.nat_gateway_addresses();
        let public_ip = addresses
            .iter()
            .filter(|a| a.is_primary() == Some(true))
            .chain(addresses)
            .find_map(|a| a.public_ip())
            .map(str::to_string);
        net.nat_gateways.push(NatGateway {
            arn: c.arn("natgateway", id),
            account_id: s.account_id.clone(),
            region: region.to_string(),
            id: id.to_string(),
            vpc_id: text(g.vpc_id()),
            subnet_id: text(g.subnet_id()),
            public_ip,
            state: g.state().map(|st| st.as_str().to_string()),
        });
    }

    for p in peerings
        .iter()
        .flatten()
        .flat_map(|p| p.vpc_peering_connections())
    {
        let Some(id) = p.vpc_peering_connection_id() else {
            continue;
        };
        let side = |info: Option<&VpcPeeringConnectionVpcInfo>| match info {
            Some(i) => {
                let mut cidrs = ids(i.cidr_block_set(), |b| b.cidr_block());
                if cidrs.is_empty() {
                    cidrs.extend(i.cidr_block().map(str::to_string));
                }
                (text(i.vpc_id()), text(i.owner_id()), cidrs)
            }
            None => (String::new(), String::new(), Vec::new()),
        };
        let (requester_vpc_id, requester_account_id, requester_cidr_blocks) =
            side(p.requester_vpc_info());
        let (accepter_vpc_id, accepter_account_id, accepter_cidr_blocks) =
            side(p.accepter_vpc_info());
        net.vpc_peering_connections.push(VpcPeering {
            arn: c.arn("vpc-peering-connection", id),
            account_id: s.account_id.clone(),
            region: region.to_string(),
            id: id.to_string(),
            requester_vpc_id,
            requester_account_id,
            requester_cidr_blocks,
            accepter_vpc_id,
            accepter_account_id,
            accepter_cidr_blocks,
            status: p
                .status()
                .and_then(|st| st.code())
                .map(|code| code.as_str().to_string())
                .unwrap_or_default(),
            tags: tags(p.tags()),
        });
    }

    for e in endpoints.iter().flatten().flat_map(|p| p.vpc_endpoints()) {
        let Some(id) = e.vpc_endpoint_id() else {
            continue;
        };
        net.vpc_endpoints.push(VpcEndpoint {
            arn: c.arn("vpc-endpoint", id),
            account_id: s.account_id.clone(),
            region: region.to_string(),
            id: id.to_string(),
            vpc_id: text(e.vpc_id()),
            service_name: text(e.service_name()),
            endpoint_type: e
                .vpc_endpoint_type()
                .map(|t| t.as_str().to_string())
                .unwrap_or_default(),
            policy: e.policy_document().map(|doc| {
                serde_json::from_str(doc)
                    .unwrap_or_else(|_| serde_json::Value::String(doc.to_string()))
            }),
            route_table_ids: e.route_table_ids().to_vec(),
            subnet_ids: e.subnet_ids().to_vec(),
            security_group_ids: ids(e.groups(), |g| g.group_id()),
            private_dns_enabled: e.private_dns_enabled().unwrap_or(false),
        });
    }

    for f in flow_logs.iter().flatten().flat_map(|p| p.flow_logs()) {
        let Some(id) = f.flow_log_id() else { continue };
        net.flow_logs.push(FlowLog {
            arn: c.arn("vpc-flow-log", id),
            account_id: s.account_id.clone(),
            region: region.to_string(),
            id: id.to_string(),
            resource_id: text(f.resource_id()),
            traffic_type: f
                .traffic_type()
                .map(|t| t.as_str().to_string())
                .unwrap_or_default(),
            log_destination_type: f.log_destination_type().map(|t| t.as_str().to_string()),
            log_destination: f
                .log_destination()
                .or(f.log_group_name())
                .map(str::to_string),
            status: f.flow_log_status().map(str::to_string),
        });
    }

    net
}

struct Ctx<'a> {
    s: &'a Session,
    region: &'a str,
}

impl Ctx<'_> {
    fn arn(&self, kind: &str, id: &str) -> String {
        self.s.arn("ec2", self.region, &format!("{kind}/{id}"))
    }

    fn gateway(
        &self,
        kind: &str,
        id: &str,
        attachments: &[InternetGatewayAttachment],
        t: &[aws_sdk_ec2::types::Tag],
    ) -> Gateway {
        Gateway {
            arn: self.arn(kind, id),
            account_id: self.s.account_id.clone(),
            region: self.region.to_string(),
            id: id.to_string(),
            vpc_ids: attachments
                .iter()
                .filter(|a| a.state().map(|st| st.as_str()) != Some("detached"))
                .filter_map(|a| a.vpc_id().map(str::to_string))
                .collect(),
            tags: tags(t),
        }
    }
}

/// Whether an association in this state is (or is about to be) in effect.
fn live(state: Option<&str>) -> bool {
    !matches!(state, Some("disassociated" | "failed"))
}

/// One route: its destination, and its target classified by the id field AWS set.
fn route(r: &aws_sdk_ec2::types::Route) -> Route {
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
