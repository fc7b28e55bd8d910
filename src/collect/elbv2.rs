//! Elastic Load Balancing v2: one region's application, network and gateway load balancers,
//! with their listeners and tags, for reachability.

use super::{At, Session};
use crate::inventory::network::{Listener, LoadBalancer};
use crate::inventory::{Inventory, Tags};
use futures::future::join_all;
use std::collections::HashMap;

fn at<'a>(region: &'a str, operation: &'static str) -> At<'a> {
    At::list("elasticloadbalancing", region, operation)
}

pub async fn collect(s: &Session, region: &str) -> Inventory {
    let client = crate::client!(s, aws_sdk_elasticloadbalancingv2, region);
    let mut inv = Inventory::empty(chrono::Utc::now());
    let Some(pages) = s
        .call(at(region, "DescribeLoadBalancers"), || {
            client
                .describe_load_balancers()
                .into_paginator()
                .send()
                .try_collect()
        })
        .await
    else {
        return inv;
    };
    let lbs: Vec<_> = pages
        .iter()
        .flat_map(|p| p.load_balancers())
        .filter(|lb| lb.load_balancer_arn().is_some())
        .collect();
    let arns: Vec<String> = lbs
        .iter()
        .filter_map(|lb| lb.load_balancer_arn().map(str::to_string))
        .collect();
    // DescribeTags takes at most 20 ARNs a call.
    let client = &client;
    let tag_pages = join_all(arns.chunks(20).map(|chunk| async move {
        s.call(at(region, "DescribeTags"), || {
            client
                .describe_tags()
                .set_resource_arns(Some(chunk.to_vec()))
                .send()
        })
        .await
    }))
    .await;
    let mut tags: HashMap<String, Tags> = HashMap::new();
    for page in tag_pages.iter().flatten() {
        for d in page.tag_descriptions() {
            let Some(arn) = d.resource_arn() else {
                continue;
            };
            tags.insert(
                arn.to_string(),
                super::tag_map(d.tags(), |t| (t.key(), t.value())),
            );
        }
    }
    let listeners = join_all(arns.iter().map(|arn| async move {
        let Some(pages) = s
            .call(
                At {
                    resource: Some(arn),
                    ..at(region, "DescribeListeners")
                },
                || {
                    client
                        .describe_listeners()
                        .load_balancer_arn(arn)
                        .into_paginator()
                        .send()
                        .try_collect()
                },
            )
            .await
        else {
            return Vec::new();
        };
        pages
            .iter()
            .flat_map(|p| p.listeners())
            .filter_map(|l| {
                Some(Listener {
                    port: u16::try_from(l.port()?).ok()?,
                    protocol: l
                        .protocol()
                        .map(|p| p.as_str().to_string())
                        .unwrap_or_else(|| "TCP".into()),
                })
            })
            .collect::<Vec<_>>()
    }))
    .await;
    for (lb, listeners) in lbs.iter().zip(listeners) {
        let arn = lb.load_balancer_arn().unwrap_or_default().to_string();
        inv.network.load_balancers.push(LoadBalancer {
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
            tags: tags.remove(&arn).unwrap_or_default(),
            arn,
        });
    }
    inv
}
