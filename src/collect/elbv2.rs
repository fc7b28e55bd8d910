//! Elastic Load Balancing v2: one region's application, network and gateway load balancers,
//! with their listeners and tags, for reachability.

use super::call::At;
use super::session::Session;
use super::tags::tag_map;
use crate::inventory::collections::op;
use crate::inventory::network::{Listener, LoadBalancer};
use crate::inventory::{Inventory, Tags};
use aws_sdk_elasticloadbalancingv2::types as elb;
use aws_sdk_elasticloadbalancingv2::Client;
use futures::future::join_all;
use std::collections::HashMap;

pub async fn collect(s: &Session, region: &str) -> Inventory {
    let client = crate::client!(s, aws_sdk_elasticloadbalancingv2, region);
    let mut inv = Inventory::empty(chrono::Utc::now());
    let at = At::new(op::elbv2::DESCRIBE_LOAD_BALANCERS, region);
    let Some(listed) = s
        .paginate(at, || {
            client
                .describe_load_balancers()
                .into_paginator()
                .items()
                .send()
        })
        .await
    else {
        return inv;
    };
    let lbs: Vec<(&elb::LoadBalancer, &str)> = listed
        .iter()
        .filter_map(|lb| Some((lb, lb.load_balancer_arn()?)))
        .collect();
    let arns: Vec<&str> = lbs.iter().map(|(_, arn)| *arn).collect();
    let (mut tags, listeners) = futures::join!(
        tags_by_arn(s, &client, region, &arns),
        join_all(arns.iter().map(|arn| listeners(s, &client, region, arn))),
    );
    for ((lb, arn), listeners) in lbs.into_iter().zip(listeners) {
        let tags = tags.remove(arn).unwrap_or_default();
        inv.network
            .load_balancers
            .push(load_balancer(s, region, lb, arn, listeners, tags));
    }
    inv
}

fn load_balancer(
    s: &Session,
    region: &str,
    lb: &elb::LoadBalancer,
    arn: &str,
    listeners: Vec<Listener>,
    tags: Tags,
) -> LoadBalancer {
    LoadBalancer {
        account_id: s.account_id.clone(),
        region: region.to_string(),
        name: lb.load_balancer_name().unwrap_or_default().to_string(),
        lb_type: lb
            .r#type()
            .map(|t| t.as_str().to_string())
            .unwrap_or_else(|| "application".into()),
        // AWS always answers with the scheme; without one, assume the exposed case (the
        // API's default) rather than hide a load balancer from the internet analysis.
        scheme: lb
            .scheme()
            .map(|t| t.as_str().to_string())
            .unwrap_or_else(|| "internet-facing".into()),
        vpc_id: lb.vpc_id().unwrap_or_default().to_string(),
        subnet_ids: lb
            .availability_zones()
            .iter()
            .filter_map(|z| z.subnet_id().map(str::to_string))
            .collect(),
        security_group_ids: lb.security_groups().to_vec(),
        ip_address_type: lb.ip_address_type().map(|t| t.as_str().to_string()),
        dns_name: lb.dns_name().map(str::to_string),
        listeners,
        tags,
        arn: arn.to_string(),
    }
}

/// Tags of every load balancer, by ARN (DescribeTags takes at most 20 ARNs a call).
async fn tags_by_arn(
    s: &Session,
    client: &Client,
    region: &str,
    arns: &[&str],
) -> HashMap<String, Tags> {
    let at = At::new(op::elbv2::DESCRIBE_TAGS, region);
    let pages = join_all(arns.chunks(20).map(|chunk| {
        s.call(at, || {
            client
                .describe_tags()
                .set_resource_arns(Some(chunk.iter().map(|a| a.to_string()).collect()))
                .send()
        })
    }))
    .await;
    pages
        .iter()
        .flatten()
        .flat_map(|page| page.tag_descriptions())
        .filter_map(|d| {
            let arn = d.resource_arn()?;
            Some((arn.to_string(), tag_map(d.tags(), |t| (t.key(), t.value()))))
        })
        .collect()
}

/// A load balancer's listeners; none (and a gap on it) when they cannot be read.
async fn listeners(s: &Session, client: &Client, region: &str, arn: &str) -> Vec<Listener> {
    let at = At::new(op::elbv2::DESCRIBE_LISTENERS, region).on(arn);
    let listed = s
        .paginate(at, || {
            client
                .describe_listeners()
                .load_balancer_arn(arn)
                .into_paginator()
                .items()
                .send()
        })
        .await
        .unwrap_or_default();
    listed
        .iter()
        .filter_map(|l| {
            Some(Listener {
                port: u16::try_from(l.port()?).ok()?,
                protocol: l
                    .protocol()
                    .map(|p| p.as_str().to_string())
                    .unwrap_or_else(|| "TCP".into()),
            })
        })
        .collect()
}
