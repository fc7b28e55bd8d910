//! Amazon CloudFront, once per account: every distribution's configuration (`GetDistribution`:
//! the listing leaves out logging and the default root object), its tags, and whether a
//! CloudWatch Logs delivery carries its access logs (standard logging v2, which the
//! distribution's own configuration does not show).
//!
//! CloudFront is global; its v2 log deliveries live in us-east-1. A distribution that cannot
//! be read is left out with a gap on its ARN; unread deliveries leave `access_log_delivery`
//! `null` with a gap that blinds only the logging policy.

use super::call::{non_empty, At};
use super::session::Session;
use super::tags::tag_map;
use crate::inventory::collections::op;
use crate::inventory::edge::{CacheBehavior, CloudFrontDistribution, Origin};
use crate::inventory::Inventory;
use aws_sdk_cloudfront::types::{Distribution, DistributionConfig, Origin as SdkOrigin};
use aws_sdk_cloudfront::Client;
use futures::future::join_all;
use std::collections::{BTreeSet, HashMap};

/// Where CloudFront's regional companions (v2 log deliveries, `CLOUDFRONT` web ACLs) live.
pub const EDGE_REGION: &str = "us-east-1";

pub async fn collect(s: &Session) -> Inventory {
    let client = crate::client!(s, aws_sdk_cloudfront, EDGE_REGION);
    let mut inv = Inventory::empty(chrono::Utc::now());
    let at = At::new(op::cloudfront::LIST_DISTRIBUTIONS, EDGE_REGION);
    let Some(listed) = s
        .paginate(at, || {
            client.list_distributions().into_paginator().items().send()
        })
        .await
    else {
        return inv;
    };
    if listed.is_empty() {
        return inv;
    }
    let client = &client;
    let (described, delivered) = futures::join!(
        join_all(
            listed
                .iter()
                .map(|d| distribution(s, client, d.id(), d.arn()))
        ),
        delivered_resources(s),
    );
    for mut d in described.into_iter().flatten() {
        d.access_log_delivery = delivered.as_ref().map(|set| set.contains(&d.arn));
        inv.edge.cloudfront_distributions.push(d);
    }
    inv
}

async fn distribution(
    s: &Session,
    client: &Client,
    id: &str,
    arn: &str,
) -> Option<CloudFrontDistribution> {
    let at = At::new(op::cloudfront::GET_DISTRIBUTION, EDGE_REGION).on(arn);
    let (got, tags) = futures::join!(
        s.call(at, || client.get_distribution().id(id).send()),
        s.call(
            At::new(op::cloudfront::LIST_TAGS_FOR_RESOURCE, EDGE_REGION).on(arn),
            || client.list_tags_for_resource().resource(arn).send(),
        ),
    );
    // Without its tags a distribution could fall out of a tag-defined segment: a gap (on its
    // ARN, recorded by the call) and no result rather than a wrong one.
    let (got, tags) = (got?, tags?);
    let d = got.distribution()?;
    let c = d.distribution_config()?;
    let mut out = describe(s, d, c);
    out.tags = tag_map(tags.tags().map(|t| t.items()).unwrap_or_default(), |t| {
        (Some(t.key()), t.value())
    });
    Some(out)
}

fn describe(s: &Session, d: &Distribution, c: &DistributionConfig) -> CloudFrontDistribution {
    let mut behaviors = Vec::new();
    if let Some(b) = c.default_cache_behavior() {
        behaviors.push(CacheBehavior {
            path_pattern: "*".to_string(),
            target_origin_id: b.target_origin_id().to_string(),
            viewer_protocol_policy: b.viewer_protocol_policy().as_str().to_string(),
            field_level_encryption_id: non_empty(b.field_level_encryption_id()),
        });
    }
    for b in c.cache_behaviors().map(|x| x.items()).unwrap_or_default() {
        behaviors.push(CacheBehavior {
            path_pattern: b.path_pattern().to_string(),
            target_origin_id: b.target_origin_id().to_string(),
            viewer_protocol_policy: b.viewer_protocol_policy().as_str().to_string(),
            field_level_encryption_id: non_empty(b.field_level_encryption_id()),
        });
    }
    let cert = c.viewer_certificate();
    let logging = c.logging();
    CloudFrontDistribution {
        arn: d.arn().to_string(),
        account_id: s.account_id.clone(),
        region: "global".to_string(),
        id: d.id().to_string(),
        domain_name: non_empty(Some(d.domain_name())),
        aliases: c.aliases().map(|a| a.items().to_vec()).unwrap_or_default(),
        enabled: c.enabled(),
        cache_behaviors: behaviors,
        origins: c
            .origins()
            .map(|o| o.items())
            .unwrap_or_default()
            .iter()
            .map(origin)
            .collect(),
        // Without a viewer certificate block CloudFront serves its own certificate.
        default_certificate: cert.is_none_or(|v| {
            v.cloud_front_default_certificate() == Some(true)
                || (v.acm_certificate_arn().is_none() && v.iam_certificate_id().is_none())
        }),
        minimum_protocol_version: cert
            .and_then(|v| v.minimum_protocol_version())
            .map(|p| p.as_str().to_string()),
        ssl_support_method: cert
            .and_then(|v| v.ssl_support_method())
            .map(|m| m.as_str().to_string()),
        web_acl_id: non_empty(c.web_acl_id()),
        logging_enabled: logging.is_some_and(|l| l.enabled()),
        logging_bucket: logging
            .filter(|l| l.enabled())
            .and_then(|l| non_empty(Some(l.bucket()))),
        access_log_delivery: None,
        default_root_object: non_empty(c.default_root_object()),
        tags: Default::default(),
    }
}

fn origin(o: &SdkOrigin) -> Origin {
    let custom = o.custom_origin_config();
    // AWS always answers with one of the three; without any, say so rather than guess
    // (no policy judges an `unknown` origin).
    let kind = if o.s3_origin_config().is_some() {
        "s3"
    } else if o.vpc_origin_config().is_some() {
        "vpc"
    } else if custom.is_some() {
        "custom"
    } else {
        "unknown"
    };
    Origin {
        id: o.id().to_string(),
        domain_name: o.domain_name().to_string(),
        kind: kind.to_string(),
        origin_access_identity: o
            .s3_origin_config()
            .and_then(|x| non_empty(Some(x.origin_access_identity()))),
        origin_access_control_id: non_empty(o.origin_access_control_id()),
        protocol_policy: custom.map(|x| x.origin_protocol_policy().as_str().to_string()),
        ssl_protocols: custom
            .and_then(|x| x.origin_ssl_protocols())
            .map(|p| p.items().iter().map(|i| i.as_str().to_string()).collect())
            .unwrap_or_default(),
    }
}

/// ARNs of the resources whose `ACCESS_LOGS` some CloudWatch Logs delivery carries (in the
/// edge region); `None` (with a gap) when the deliveries or their sources cannot be listed.
async fn delivered_resources(s: &Session) -> Option<BTreeSet<String>> {
    let logs = crate::client!(s, aws_sdk_cloudwatchlogs, EDGE_REGION);
    let (deliveries, sources) = futures::join!(
        s.paginate(At::new(op::logs::DESCRIBE_DELIVERIES, EDGE_REGION), || logs
            .describe_deliveries()
            .into_paginator()
            .items()
            .send(),),
        s.paginate(
            At::new(op::logs::DESCRIBE_DELIVERY_SOURCES, EDGE_REGION),
            || logs
                .describe_delivery_sources()
                .into_paginator()
                .items()
                .send(),
        ),
    );
    let (deliveries, sources) = (deliveries?, sources?);
    let by_name: HashMap<&str, &aws_sdk_cloudwatchlogs::types::DeliverySource> = sources
        .iter()
        .filter(|src| src.log_type() == Some("ACCESS_LOGS"))
        .filter_map(|src| Some((src.name()?, src)))
        .collect();
    Some(
        deliveries
            .iter()
            .filter_map(|d| by_name.get(d.delivery_source_name()?))
            .flat_map(|src| src.resource_arns().iter().cloned())
            .collect(),
    )
}
