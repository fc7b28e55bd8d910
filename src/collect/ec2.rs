//! EC2 collector: one region's security groups, network interfaces and instances here; VPC
//! plumbing in `ec2_network`, EBS in `ec2_ebs`.

use super::{ec2_ebs, ec2_network, ec2_transit, At, Session};
use crate::inventory::network::{
    Instance, MetadataOptions, NetworkInterface, SecurityGroup, SgRule,
};
use crate::inventory::{Inventory, Tags};
use aws_sdk_ec2::types::{IpPermission, NetworkInterfaceType, Tag};

pub async fn collect(s: &Session, region: &str) -> Inventory {
    let client = crate::client!(s, aws_sdk_ec2, region);
    let mut inv = Inventory::empty(chrono::Utc::now());
    let (network, storage, security_groups, network_interfaces, instances, tgws, lists) = futures::join!(
        ec2_network::collect(s, &client, region),
        ec2_ebs::collect(s, &client, region),
        security_groups(s, &client, region),
        network_interfaces(s, &client, region),
        instances(s, &client, region),
        ec2_transit::transit_gateways(s, &client, region),
        ec2_transit::prefix_lists(s, &client, region),
    );
    inv.network = network;
    inv.network.security_groups = security_groups;
    inv.network.network_interfaces = network_interfaces;
    inv.network.instances = instances;
    inv.network.transit_gateways = tgws;
    inv.network.prefix_lists = lists;
    inv.storage.ebs_volumes = storage.volumes;
    inv.storage.ebs_snapshots = storage.snapshots;
    inv.storage.ebs_encryption_by_default = storage.encryption_by_default;
    inv
}

/// Where an EC2 call of this region is made.
pub(super) fn at<'a>(region: &'a str, operation: &'static str) -> At<'a> {
    At::list("ec2", region, operation)
}

/// EC2 tags as a map (a tag without a value has the empty value, as in the console).
pub(super) fn tags(tags: &[Tag]) -> Tags {
    super::tag_map(tags, |t| (t.key(), t.value()))
}

/// The string of an optional field, empty when AWS left it out (for fields the API always sets).
pub(super) fn text(v: Option<&str>) -> String {
    v.unwrap_or_default().to_string()
}

/// Every string of `items` that `f` finds, in order.
pub(super) fn ids<T>(items: &[T], f: impl Fn(&T) -> Option<&str>) -> Vec<String> {
    items
        .iter()
        .filter_map(|i| f(i).map(str::to_string))
        .collect()
}

async fn security_groups(
    s: &Session,
    client: &aws_sdk_ec2::Client,
    region: &str,
) -> Vec<SecurityGroup> {
    let Some(pages) = s
        .call(at(region, "DescribeSecurityGroups"), || {
            client
                .describe_security_groups()
                .into_paginator()
                .send()
                .try_collect()
        })
        .await
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for g in pages.iter().flat_map(|p| p.security_groups()) {
        let Some(id) = g.group_id() else { continue };
        let owner = g.owner_id().unwrap_or(&s.account_id);
        out.push(SecurityGroup {
            arn: g
                .security_group_arn()
                .map(str::to_string)
                .unwrap_or_else(|| s.arn("ec2", region, &format!("security-group/{id}"))),
            account_id: s.account_id.clone(),
            region: region.to_string(),
            id: id.to_string(),
            name: text(g.group_name()),
            description: g.description().map(str::to_string),
            vpc_id: text(g.vpc_id()),
            ingress: sg_rules(g.ip_permissions(), owner),
            egress: sg_rules(g.ip_permissions_egress(), owner),
            tags: tags(g.tags()),
        });
    }
    out
}

/// One AWS permission becomes one rule per distinct source description (AWS describes each
/// range and group separately; the inventory keeps one description per rule), so no
/// description is lost and every source stays with its own.
fn sg_rules(perms: &[IpPermission], owner: &str) -> Vec<SgRule> {
    let mut out = Vec::new();
    for p in perms {
        let protocol = text(p.ip_protocol());
        // With protocol -1 AWS ignores ports: all ports.
        let (from_port, to_port) = if protocol == "-1" {
            (None, None)
        } else {
            (p.from_port(), p.to_port())
        };
        let base = SgRule {
            protocol,
            from_port,
            to_port,
            cidr_blocks: Vec::new(),
            ipv6_cidr_blocks: Vec::new(),
            prefix_list_ids: Vec::new(),
            security_group_ids: Vec::new(),
            description: None,
        };
        let mut rules: Vec<SgRule> = Vec::new();
        for r in p.ip_ranges() {
            if let Some(c) = r.cidr_ip() {
                slot(&mut rules, &base, r.description())
                    .cidr_blocks
                    .push(c.to_string());
            }
        }
        for r in p.ipv6_ranges() {
            if let Some(c) = r.cidr_ipv6() {
                slot(&mut rules, &base, r.description())
                    .ipv6_cidr_blocks
                    .push(c.to_string());
            }
        }
        for r in p.prefix_list_ids() {
            if let Some(id) = r.prefix_list_id() {
                slot(&mut rules, &base, r.description())
                    .prefix_list_ids
                    .push(id.to_string());
            }
        }
        for pair in p.user_id_group_pairs() {
            let Some(group) = pair.group_id() else {
                continue;
            };
            let id = match pair.user_id() {
                Some(user) if user != owner => format!("{user}/{group}"),
                _ => group.to_string(),
            };
            slot(&mut rules, &base, pair.description())
                .security_group_ids
                .push(id);
        }
        if rules.is_empty() {
            rules.push(base);
        }
        out.extend(rules);
    }
    out
}

/// The rule of this permission with description `desc`, created on first use.
fn slot<'a>(rules: &'a mut Vec<SgRule>, base: &SgRule, desc: Option<&str>) -> &'a mut SgRule {
    let i = match rules.iter().position(|r| r.description.as_deref() == desc) {
        Some(i) => i,
        None => {
            let mut r = base.clone();
            r.description = desc.map(str::to_string);
            rules.push(r);
            rules.len() - 1
        }
    };
    &mut rules[i]
}

async fn network_interfaces(
    s: &Session,
    client: &aws_sdk_ec2::Client,
    region: &str,
) -> Vec<NetworkInterface> {
    let Some(pages) = s
        .call(at(region, "DescribeNetworkInterfaces"), || {
            client
                .describe_network_interfaces()
                .into_paginator()
                .send()
                .try_collect()
        })
        .await
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for n in pages.iter().flat_map(|p| p.network_interfaces()) {
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
            arn: s.arn("ec2", region, &format!("network-interface/{id}")),
            account_id: s.account_id.clone(),
            region: region.to_string(),
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

async fn instances(s: &Session, client: &aws_sdk_ec2::Client, region: &str) -> Vec<Instance> {
    let Some(pages) = s
        .call(at(region, "DescribeInstances"), || {
            client
                .describe_instances()
                .into_paginator()
                .send()
                .try_collect()
        })
        .await
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for i in pages
        .iter()
        .flat_map(|p| p.reservations())
        .flat_map(|r| r.instances())
    {
        let Some(id) = i.instance_id() else { continue };
        let arn = s.arn("ec2", region, &format!("instance/{id}"));
        let metadata_options = match i.metadata_options() {
            Some(m) => MetadataOptions {
                http_tokens: m
                    .http_tokens()
                    .map(|t| t.as_str().to_string())
                    .unwrap_or_default(),
                http_endpoint: m
                    .http_endpoint()
                    .map(|e| e.as_str().to_string())
                    .unwrap_or_else(|| "enabled".into()),
                http_put_response_hop_limit: m
                    .http_put_response_hop_limit()
                    .and_then(|h| u32::try_from(h).ok()),
            },
            None => {
                // Not knowing the IMDS settings must not read as either answer: the gap makes
                // this instance's results not-evaluated.
                s.record_gap(
                    At {
                        resource: Some(&arn),
                        ..at(region, "DescribeInstances")
                    },
                    "IncompleteResponse".into(),
                    "DescribeInstances returned no MetadataOptions for this instance".into(),
                );
                MetadataOptions {
                    http_tokens: String::new(),
                    http_endpoint: String::new(),
                    http_put_response_hop_limit: None,
                }
            }
        };
        out.push(Instance {
            arn,
            account_id: s.account_id.clone(),
            region: region.to_string(),
            id: id.to_string(),
            vpc_id: i.vpc_id().map(str::to_string),
            subnet_id: i.subnet_id().map(str::to_string),
            state: i
                .state()
                .and_then(|st| st.name())
                .map(|n| n.as_str().to_string())
                .unwrap_or_default(),
            instance_type: i.instance_type().map(|t| t.as_str().to_string()),
            image_id: i.image_id().map(str::to_string),
            private_ip: i.private_ip_address().map(str::to_string),
            public_ip: i.public_ip_address().map(str::to_string),
            network_interface_ids: ids(i.network_interfaces(), |n| n.network_interface_id()),
            security_group_ids: ids(i.security_groups(), |g| g.group_id()),
            iam_instance_profile: i
                .iam_instance_profile()
                .and_then(|p| p.arn())
                .map(str::to_string),
            metadata_options,
            tags: tags(i.tags()),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_ec2::types::{IpRange, Ipv6Range, UserIdGroupPair};

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

    #[test]
    fn rules_split_by_description_and_name_foreign_groups() {
        let p = IpPermission::builder()
            .ip_protocol("tcp")
            .from_port(443)
            .to_port(443)
            .ip_ranges(
                IpRange::builder()
                    .cidr_ip("0.0.0.0/0")
                    .description("web")
                    .build(),
            )
            .ipv6_ranges(
                Ipv6Range::builder()
                    .cidr_ipv6("::/0")
                    .description("web")
                    .build(),
            )
            .user_id_group_pairs(
                UserIdGroupPair::builder()
                    .user_id("111122223333")
                    .group_id("sg-1")
                    .build(),
            )
            .user_id_group_pairs(
                UserIdGroupPair::builder()
                    .user_id("444455556666")
                    .group_id("sg-2")
                    .build(),
            )
            .build();
        let all = IpPermission::builder()
            .ip_protocol("-1")
            .from_port(-1)
            .to_port(-1)
            .build();
        let rules = sg_rules(&[p, all], "111122223333");
        assert_eq!(rules.len(), 3);
        assert_eq!(rules[0].description.as_deref(), Some("web"));
        assert_eq!(rules[0].cidr_blocks, ["0.0.0.0/0"]);
        assert_eq!(rules[0].ipv6_cidr_blocks, ["::/0"]);
        assert_eq!(rules[1].security_group_ids, ["sg-1", "444455556666/sg-2"]);
        assert_eq!(
            (rules[2].protocol.as_str(), rules[2].from_port),
            ("-1", None)
        );
    }
}
