//! Network interfaces of one region, each with what it belongs to (an instance, a load
//! balancer, a NAT gateway, a Lambda function, a database...).

use super::region::{ids, text, Ec2};
use crate::inventory::collections::op;
use crate::inventory::network::NetworkInterface;
use aws_sdk_ec2::types::NetworkInterfaceType;

pub(super) async fn network_interfaces(cx: &Ec2<'_>) -> Vec<NetworkInterface> {
    let listed = cx
        .list(op::ec2::DESCRIBE_NETWORK_INTERFACES, |c| {
            c.describe_network_interfaces()
                .into_paginator()
                .items()
                .send()
        })
        .await;
    let mut out = Vec::new();
    for n in &listed {
        let Some(id) = n.network_interface_id() else {
            continue;
        };
        let mut private_ips = ids(n.private_ip_addresses(), |a| a.private_ip_address());
        if private_ips.is_empty() {
            private_ips.extend(n.private_ip_address().map(str::to_string));
        }
        let public_ip = n
            .association()
            .and_then(|a| a.public_ip())
            .or_else(|| {
                n.private_ip_addresses()
                    .iter()
                    .find_map(|a| a.association().and_then(|a| a.public_ip()))
            })
            .map(str::to_string);
        let (attachment_kind, attached_to) = owner_of(n);
        out.push(NetworkInterface {
            arn: cx.arn("network-interface", id),
            account_id: cx.account_id(),
            region: cx.region(),
            id: id.to_string(),
            vpc_id: text(n.vpc_id()),
            subnet_id: text(n.subnet_id()),
            private_ips,
            ipv6_addresses: ids(n.ipv6_addresses(), |a| a.ipv6_address()),
            public_ip,
            security_group_ids: ids(n.groups(), |g| g.group_id()),
            attachment_kind,
            attached_to,
            description: n
                .description()
                .filter(|d| !d.is_empty())
                .map(str::to_string),
        });
    }
    out
}

/// What an interface belongs to, and the owner's id where the API tells it: `instance` for an
/// instance attachment, else from the interface type, the requester and the description AWS
/// writes for managed interfaces (`ELB app/name/id`, `Interface for NAT Gateway nat-...`, ...).
fn owner_of(n: &aws_sdk_ec2::types::NetworkInterface) -> (Option<String>, Option<String>) {
    if let Some(instance) = n.attachment().and_then(|a| a.instance_id()) {
        return (Some("instance".into()), Some(instance.to_string()));
    }
    let desc = n.description().unwrap_or_default();
    let requester = n
        .requester_id()
        .or_else(|| n.attachment().and_then(|a| a.instance_owner_id()))
        .unwrap_or_default();
    let last_word = |prefix: &str| {
        desc.split_whitespace()
            .rev()
            .find(|w| w.starts_with(prefix))
            .map(str::to_string)
    };
    let kind = n.interface_type();
    let (kind, owner) = match kind {
        Some(NetworkInterfaceType::NatGateway) => ("nat_gateway", last_word("nat-")),
        Some(
            NetworkInterfaceType::LoadBalancer
            | NetworkInterfaceType::NetworkLoadBalancer
            | NetworkInterfaceType::GatewayLoadBalancer,
        ) => (
            "load_balancer",
            desc.strip_prefix("ELB ").map(str::to_string),
        ),
        Some(NetworkInterfaceType::Lambda) => ("lambda", lambda_function(desc)),
        Some(
            NetworkInterfaceType::VpcEndpoint | NetworkInterfaceType::GatewayLoadBalancerEndpoint,
        ) => ("vpc_endpoint", last_word("vpce-")),
        Some(NetworkInterfaceType::TransitGateway) => ("transit_gateway", last_word("tgw-attach-")),
        Some(t) if *t != NetworkInterfaceType::Interface => {
            return (Some(t.as_str().to_string()), None)
        }
        _ => {
            if desc.starts_with("ELB ") || requester == "amazon-elb" {
                (
                    "load_balancer",
                    desc.strip_prefix("ELB ").map(str::to_string),
                )
            } else if desc.starts_with("AWS Lambda VPC ENI") {
                ("lambda", lambda_function(desc))
            } else if desc == "RDSNetworkInterface" || requester == "amazon-rds" {
                ("rds", None)
            } else if desc.starts_with("EFS mount target") {
                ("efs", last_word("fs-"))
            } else if desc.starts_with("ElastiCache ") || requester == "amazon-elasticache" {
                (
                    "elasticache",
                    desc.strip_prefix("ElastiCache ").map(str::to_string),
                )
            } else if desc == "RedshiftNetworkInterface" || requester == "amazon-redshift" {
                ("redshift", None)
            } else if desc.starts_with("Amazon EKS ") {
                ("eks", desc.strip_prefix("Amazon EKS ").map(str::to_string))
            } else if desc.starts_with("arn:aws:ecs:") || desc.contains(":ecs:") {
                ("ecs", None)
            } else {
                return (None, None);
            }
        }
    };
    (Some(kind.to_string()), owner.filter(|o| !o.is_empty()))
}

/// `AWS Lambda VPC ENI-<function>-<uuid>` → `<function>` (the uuid's five parts removed).
fn lambda_function(desc: &str) -> Option<String> {
    let rest = desc.strip_prefix("AWS Lambda VPC ENI-")?;
    let parts: Vec<&str> = rest.split('-').collect();
    let uuid = [8, 4, 4, 4, 12];
    if parts.len() > uuid.len() {
        let tail = &parts[parts.len() - uuid.len()..];
        let is_uuid = tail
            .iter()
            .zip(uuid)
            .all(|(p, n)| p.len() == n && p.chars().all(|c| c.is_ascii_hexdigit()));
        if is_uuid {
            return Some(parts[..parts.len() - uuid.len()].join("-"));
        }
    }
    Some(rest.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lambda_function_name_drops_the_uuid() {
        assert_eq!(
            lambda_function(
                "AWS Lambda VPC ENI-claims-ingest-0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"
            )
            .as_deref(),
            Some("claims-ingest")
        );
        assert_eq!(
            lambda_function("AWS Lambda VPC ENI-odd").as_deref(),
            Some("odd")
        );
    }
}
