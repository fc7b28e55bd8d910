//! Elastic Load Balancing v2: one region's application, network and gateway load balancers,
//! with their listeners and tags (for reachability), their attributes, and the TLS versions
//! each HTTPS or TLS listener's security policy accepts.

use super::call::At;
use super::session::Session;
use super::tags::tag_map;
use crate::inventory::collections::op;
use crate::inventory::network::{Listener, ListenerAction, LoadBalancer};
use crate::inventory::{Inventory, Tags};
use aws_sdk_elasticloadbalancingv2::types as elb;
use aws_sdk_elasticloadbalancingv2::Client;
use futures::future::join_all;
use std::collections::{BTreeMap, BTreeSet, HashMap};

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
    // Only application load balancers can have a web ACL.
    let waf = crate::client!(s, aws_sdk_wafv2, region);
    let is_alb = |lb: &elb::LoadBalancer| {
        lb.r#type()
            .is_none_or(|t| *t == elb::LoadBalancerTypeEnum::Application)
    };
    let (mut tags, listeners, attributes, web_acls) = futures::join!(
        tags_by_arn(s, &client, region, &arns),
        join_all(arns.iter().map(|arn| listeners(s, &client, region, arn))),
        join_all(arns.iter().map(|arn| attributes(s, &client, region, arn))),
        join_all(lbs.iter().map(|(lb, arn)| {
            let waf = &waf;
            async move {
                if is_alb(lb) {
                    super::wafv2::web_acl_for(s, waf, region, arn).await
                } else {
                    None
                }
            }
        })),
    );
    for ((((lb, arn), listeners), attributes), web_acl) in
        lbs.into_iter().zip(listeners).zip(attributes).zip(web_acls)
    {
        let tags = tags.remove(arn).unwrap_or_default();
        let mut lb = load_balancer(s, region, lb, arn, listeners, tags);
        lb.attributes = attributes;
        lb.web_acl = web_acl;
        inv.network.load_balancers.push(lb);
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
        attributes: None,
        web_acl: None,
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

/// A load balancer's attributes by key; `None` (and a gap on it) when they cannot be read.
async fn attributes(
    s: &Session,
    client: &Client,
    region: &str,
    arn: &str,
) -> Option<BTreeMap<String, String>> {
    let at = At::new(op::elbv2::DESCRIBE_LOAD_BALANCER_ATTRIBUTES, region).on(arn);
    let out = s
        .call(at, || {
            client
                .describe_load_balancer_attributes()
                .load_balancer_arn(arn)
                .send()
        })
        .await?;
    Some(
        out.attributes()
            .iter()
            .filter_map(|a| Some((a.key()?.to_string(), a.value()?.to_string())))
            .collect(),
    )
}

/// Does this listener protocol negotiate TLS with the client, under a security policy?
fn terminates_tls(protocol: &str) -> bool {
    matches!(protocol, "HTTPS" | "TLS")
}

/// A load balancer's listeners; none (and a gap on it) when they cannot be read. HTTPS and
/// TLS listeners carry their security policy's TLS versions, read with one
/// `DescribeSSLPolicies` call per load balancer (a gap on it leaves them `null`).
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
    let mut listeners: Vec<Listener> = listed.iter().filter_map(listener).collect();
    let names: BTreeSet<&str> = listeners
        .iter()
        .filter_map(|l| l.ssl_policy.as_deref())
        .collect();
    if names.is_empty() {
        return listeners;
    }
    let protocols = ssl_protocols(s, client, region, arn, names).await;
    for l in &mut listeners {
        if let (Some(policy), Some(known)) = (&l.ssl_policy, &protocols) {
            l.ssl_protocols = known.get(policy).cloned();
        }
    }
    listeners
}

fn listener(l: &elb::Listener) -> Option<Listener> {
    let protocol = l
        .protocol()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "TCP".into());
    Some(Listener {
        port: u16::try_from(l.port()?).ok()?,
        // AWS (and emulators) may echo a policy on a plain HTTP listener; it negotiates nothing.
        ssl_policy: l
            .ssl_policy()
            .filter(|_| terminates_tls(&protocol))
            .map(str::to_string),
        ssl_protocols: None,
        default_actions: Some(
            l.default_actions()
                .iter()
                .map(|a| ListenerAction {
                    action_type: a
                        .r#type()
                        .map(|t| t.as_str().to_string())
                        .unwrap_or_default(),
                    redirect_protocol: a
                        .redirect_config()
                        .and_then(|r| r.protocol())
                        .map(str::to_string),
                })
                .collect(),
        ),
        protocol,
    })
}

/// The TLS versions of the named security policies, by name; `None` (and a gap on the load
/// balancer) when they cannot be read. A name AWS did not describe stays unknown.
async fn ssl_protocols(
    s: &Session,
    client: &Client,
    region: &str,
    arn: &str,
    names: BTreeSet<&str>,
) -> Option<HashMap<String, Vec<String>>> {
    let at = At::new(op::elbv2::DESCRIBE_SSL_POLICIES, region).on(arn);
    let out = s
        .call(at, || {
            client
                .describe_ssl_policies()
                .set_names(Some(names.iter().map(|n| n.to_string()).collect()))
                .send()
        })
        .await?;
    Some(
        out.ssl_policies()
            .iter()
            .filter_map(|p| Some((p.name()?.to_string(), p.ssl_protocols().to_vec())))
            .collect(),
    )
}
