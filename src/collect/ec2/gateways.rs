//! What connects a region's VPCs to anything else: internet, egress-only and NAT gateways,
//! peering connections, VPC endpoints, and the flow logs that record the traffic.

use super::region::{ids, tags, text, Ec2};
use crate::inventory::collections::op;
use crate::inventory::network::{FlowLog, Gateway, NatGateway, VpcEndpoint, VpcPeering};
use aws_sdk_ec2::types::{InternetGatewayAttachment, Tag, VpcPeeringConnectionVpcInfo};

pub(super) async fn internet_gateways(cx: &Ec2<'_>) -> Vec<Gateway> {
    let listed = cx
        .list(op::ec2::DESCRIBE_INTERNET_GATEWAYS, |c| {
            c.describe_internet_gateways()
                .into_paginator()
                .items()
                .send()
        })
        .await;
    listed
        .iter()
        .filter_map(|g| {
            let id = g.internet_gateway_id()?;
            Some(gateway(
                cx,
                "internet-gateway",
                id,
                g.attachments(),
                g.tags(),
            ))
        })
        .collect()
}

pub(super) async fn egress_only_internet_gateways(cx: &Ec2<'_>) -> Vec<Gateway> {
    let listed = cx
        .list(op::ec2::DESCRIBE_EGRESS_ONLY_INTERNET_GATEWAYS, |c| {
            c.describe_egress_only_internet_gateways()
                .into_paginator()
                .items()
                .send()
        })
        .await;
    listed
        .iter()
        .filter_map(|g| {
            let id = g.egress_only_internet_gateway_id()?;
            let kind = "egress-only-internet-gateway";
            Some(gateway(cx, kind, id, g.attachments(), g.tags()))
        })
        .collect()
}

/// Internet and egress-only gateways share a shape: the VPCs they are attached to.
fn gateway(
    cx: &Ec2<'_>,
    kind: &str,
    id: &str,
    attachments: &[InternetGatewayAttachment],
    t: &[Tag],
) -> Gateway {
    Gateway {
        arn: cx.arn(kind, id),
        account_id: cx.account_id(),
        region: cx.region(),
        id: id.to_string(),
        vpc_ids: attachments
            .iter()
            .filter(|a| a.state().map(|st| st.as_str()) != Some("detached"))
            .filter_map(|a| a.vpc_id().map(str::to_string))
            .collect(),
        tags: tags(t),
    }
}

pub(super) async fn nat_gateways(cx: &Ec2<'_>) -> Vec<NatGateway> {
    let listed = cx
        .list(op::ec2::DESCRIBE_NAT_GATEWAYS, |c| {
            c.describe_nat_gateways().into_paginator().items().send()
        })
        .await;
    listed
        .iter()
        .filter_map(|g| {
            let id = g.nat_gateway_id()?;
            let addresses = g.nat_gateway_addresses();
            // The primary address if one is marked, else the first with a public IP.
            let public_ip = addresses
                .iter()
                .filter(|a| a.is_primary() == Some(true))
                .chain(addresses)
                .find_map(|a| a.public_ip())
                .map(str::to_string);
            Some(NatGateway {
                arn: cx.arn("natgateway", id),
                account_id: cx.account_id(),
                region: cx.region(),
                id: id.to_string(),
                vpc_id: text(g.vpc_id()),
                subnet_id: text(g.subnet_id()),
                public_ip,
                state: g.state().map(|st| st.as_str().to_string()),
            })
        })
        .collect()
}

pub(super) async fn vpc_peering_connections(cx: &Ec2<'_>) -> Vec<VpcPeering> {
    let listed = cx
        .list(op::ec2::DESCRIBE_VPC_PEERING_CONNECTIONS, |c| {
            c.describe_vpc_peering_connections()
                .into_paginator()
                .items()
                .send()
        })
        .await;
    listed
        .iter()
        .filter_map(|p| {
            let id = p.vpc_peering_connection_id()?;
            let (requester_vpc_id, requester_account_id, requester_cidr_blocks) =
                peering_side(p.requester_vpc_info());
            let (accepter_vpc_id, accepter_account_id, accepter_cidr_blocks) =
                peering_side(p.accepter_vpc_info());
            Some(VpcPeering {
                arn: cx.arn("vpc-peering-connection", id),
                account_id: cx.account_id(),
                region: cx.region(),
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
            })
        })
        .collect()
}

/// One end of a peering: (VPC, account, CIDR blocks), the block set preferred over the
/// single primary block.
fn peering_side(info: Option<&VpcPeeringConnectionVpcInfo>) -> (String, String, Vec<String>) {
    match info {
        Some(i) => {
            let mut cidrs = ids(i.cidr_block_set(), |b| b.cidr_block());
            if cidrs.is_empty() {
                cidrs.extend(i.cidr_block().map(str::to_string));
            }
            (text(i.vpc_id()), text(i.owner_id()), cidrs)
        }
        None => (String::new(), String::new(), Vec::new()),
    }
}

pub(super) async fn vpc_endpoints(cx: &Ec2<'_>) -> Vec<VpcEndpoint> {
    let listed = cx
        .list(op::ec2::DESCRIBE_VPC_ENDPOINTS, |c| {
            c.describe_vpc_endpoints().into_paginator().items().send()
        })
        .await;
    listed
        .iter()
        .filter_map(|e| {
            let id = e.vpc_endpoint_id()?;
            Some(VpcEndpoint {
                arn: cx.arn("vpc-endpoint", id),
                account_id: cx.account_id(),
                region: cx.region(),
                id: id.to_string(),
                vpc_id: text(e.vpc_id()),
                service_name: text(e.service_name()),
                endpoint_type: e
                    .vpc_endpoint_type()
                    .map(|t| t.as_str().to_string())
                    .unwrap_or_default(),
                // A policy that is not JSON is kept as its text, not lost.
                policy: e.policy_document().map(|doc| {
                    serde_json::from_str(doc)
                        .unwrap_or_else(|_| serde_json::Value::String(doc.to_string()))
                }),
                route_table_ids: e.route_table_ids().to_vec(),
                subnet_ids: e.subnet_ids().to_vec(),
                security_group_ids: ids(e.groups(), |g| g.group_id()),
                private_dns_enabled: e.private_dns_enabled().unwrap_or(false),
            })
        })
        .collect()
}

pub(super) async fn flow_logs(cx: &Ec2<'_>) -> Vec<FlowLog> {
    let listed = cx
        .list(op::ec2::DESCRIBE_FLOW_LOGS, |c| {
            c.describe_flow_logs().into_paginator().items().send()
        })
        .await;
    listed
        .iter()
        .filter_map(|f| {
            let id = f.flow_log_id()?;
            Some(FlowLog {
                arn: cx.arn("vpc-flow-log", id),
                account_id: cx.account_id(),
                region: cx.region(),
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
            })
        })
        .collect()
}
