//! Instances of one region, with their interfaces, profile and instance metadata settings.

use super::region::{ids, tags, Ec2};
use crate::inventory::collections::op;
use crate::inventory::network::{Instance, MetadataOptions};

pub(super) async fn instances(cx: &Ec2<'_>) -> Vec<Instance> {
    let reservations = cx
        .list(op::ec2::DESCRIBE_INSTANCES, |c| {
            c.describe_instances().into_paginator().items().send()
        })
        .await;
    let mut out = Vec::new();
    for i in reservations.iter().flat_map(|r| r.instances()) {
        let Some(id) = i.instance_id() else { continue };
        let arn = cx.arn("instance", id);
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
                cx.s.record_gap(
                    cx.at(op::ec2::DESCRIBE_INSTANCES).on(&arn),
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
            account_id: cx.account_id(),
            region: cx.region(),
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
            source_dest_check: i.source_dest_check(),
            metadata_options,
            tags: tags(i.tags()),
        });
    }
    out
}
