//! Security groups of one region, one inventory rule per AWS permission and source description.

use super::region::{tags, text, Ec2};
use crate::inventory::collections::op;
use crate::inventory::network::{SecurityGroup, SgRule};
use aws_sdk_ec2::types::IpPermission;

pub(super) async fn security_groups(cx: &Ec2<'_>) -> Vec<SecurityGroup> {
    let listed = cx
        .list(op::ec2::DESCRIBE_SECURITY_GROUPS, |c| {
            c.describe_security_groups().into_paginator().items().send()
        })
        .await;
    let mut out = Vec::new();
    for g in &listed {
        let Some(id) = g.group_id() else { continue };
        let owner = g.owner_id().unwrap_or(&cx.s.account_id);
        out.push(SecurityGroup {
            arn: g
                .security_group_arn()
                .map(str::to_string)
                .unwrap_or_else(|| cx.arn("security-group", id)),
            account_id: cx.account_id(),
            region: cx.region(),
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

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_ec2::types::{IpRange, Ipv6Range, UserIdGroupPair};

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
