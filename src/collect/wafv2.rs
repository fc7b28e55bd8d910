//! AWS WAF (v2): the `REGIONAL` web ACLs of one region, or (from the edge region, once per
//! account) the `CLOUDFRONT` ones, each with its rules and logging configuration; and the web
//! ACL in front of one resource, for the load balancer collector.
//!
//! A web ACL that cannot be read is left out with a gap on its ARN; an unread logging
//! configuration leaves `log_destinations` `null` with a gap that blinds only the logging
//! policy.

use super::call::{next_page, At, Outcome};
use super::session::Session;
use crate::inventory::collections::op;
use crate::inventory::edge::{WebAcl, WebAclRule};
use crate::inventory::network::WebAclAssociation;
use crate::inventory::Inventory;
use aws_sdk_wafv2::types::{Rule, Scope, WebAclSummary};
use aws_sdk_wafv2::Client;
use futures::future::join_all;

/// WAF's answer when an item (here: a logging configuration) does not exist.
const NONEXISTENT: &str = "WAFNonexistentItemException";

/// The `REGIONAL` web ACLs of `region`.
pub async fn collect(s: &Session, region: &str) -> Inventory {
    web_acls(s, region, Scope::Regional).await
}

/// The `CLOUDFRONT` web ACLs (served from us-east-1), once per account.
pub async fn collect_cloudfront(s: &Session) -> Inventory {
    web_acls(s, super::cloudfront::EDGE_REGION, Scope::Cloudfront).await
}

async fn web_acls(s: &Session, region: &str, scope: Scope) -> Inventory {
    let client = crate::client!(s, aws_sdk_wafv2, region);
    let mut inv = Inventory::empty(chrono::Utc::now());
    let Some(summaries) = list(s, &client, region, &scope).await else {
        return inv;
    };
    let client = &client;
    let scope = &scope;
    inv.edge.waf_web_acls = join_all(
        summaries
            .iter()
            .map(|w| web_acl(s, client, region, scope, w)),
    )
    .await
    .into_iter()
    .flatten()
    .collect();
    inv
}

/// Every web ACL of the scope, following `NextMarker`; `None` (a gap) when a page fails.
async fn list(
    s: &Session,
    client: &Client,
    region: &str,
    scope: &Scope,
) -> Option<Vec<WebAclSummary>> {
    let at = At::new(op::wafv2::LIST_WEB_ACLS, region);
    let mut all = Vec::new();
    let mut marker: Option<String> = None;
    loop {
        let page = s
            .call(at, || {
                client
                    .list_web_acls()
                    .scope(scope.clone())
                    .limit(100)
                    .set_next_marker(marker.clone())
                    .send()
            })
            .await?;
        all.extend(page.web_acls().iter().cloned());
        if page.web_acls().is_empty() || !next_page(&mut marker, page.next_marker()) {
            break;
        }
    }
    Some(all)
}

async fn web_acl(
    s: &Session,
    client: &Client,
    region: &str,
    scope: &Scope,
    summary: &WebAclSummary,
) -> Option<WebAcl> {
    let (name, id, arn) = (summary.name()?, summary.id()?, summary.arn()?);
    let at = At::new(op::wafv2::GET_WEB_ACL, region).on(arn);
    let (got, logging) = futures::join!(
        s.call(at, || {
            client
                .get_web_acl()
                .name(name)
                .id(id)
                .scope(scope.clone())
                .send()
        }),
        log_destinations(s, client, region, arn),
    );
    let got = got?;
    let w = got.web_acl()?;
    let mut rules: Vec<WebAclRule> = w.rules().iter().map(rule).collect();
    // Firewall Manager's rule groups run before and after the web ACL's own rules.
    for g in w
        .pre_process_firewall_manager_rule_groups()
        .iter()
        .chain(w.post_process_firewall_manager_rule_groups())
    {
        rules.push(WebAclRule {
            name: g.name().to_string(),
            priority: g.priority(),
            kind: "firewall_manager_rule_group".to_string(),
            rule_group: None,
            action: g.override_action().map(override_action),
            metrics_enabled: g
                .visibility_config()
                .is_some_and(|v| v.cloud_watch_metrics_enabled()),
        });
    }
    rules.sort_by_key(|r| r.priority);
    Some(WebAcl {
        arn: w.arn().to_string(),
        account_id: s.account_id.clone(),
        region: if *scope == Scope::Cloudfront {
            "global".to_string()
        } else {
            region.to_string()
        },
        name: w.name().to_string(),
        id: w.id().to_string(),
        scope: scope.as_str().to_string(),
        default_action: w.default_action().map(|a| {
            if a.block().is_some() {
                "BLOCK".to_string()
            } else {
                "ALLOW".to_string()
            }
        }),
        rules,
        metrics_enabled: w
            .visibility_config()
            .is_some_and(|v| v.cloud_watch_metrics_enabled()),
        log_destinations: logging,
    })
}

fn rule(r: &Rule) -> WebAclRule {
    let st = r.statement();
    let (kind, rule_group) = if let Some(m) = st.and_then(|x| x.managed_rule_group_statement()) {
        (
            "managed_rule_group",
            Some(format!("{}/{}", m.vendor_name(), m.name())),
        )
    } else if let Some(g) = st.and_then(|x| x.rule_group_reference_statement()) {
        ("rule_group", Some(g.arn().to_string()))
    } else if st.is_some_and(|x| x.rate_based_statement().is_some()) {
        ("rate_based", None)
    } else if st.is_some_and(|x| x.ip_set_reference_statement().is_some()) {
        ("ip_set", None)
    } else if st.is_some_and(|x| x.geo_match_statement().is_some()) {
        ("geo_match", None)
    } else {
        ("statement", None)
    };
    let action = match (r.action(), r.override_action()) {
        (Some(a), _) => Some(
            if a.block().is_some() {
                "BLOCK"
            } else if a.allow().is_some() {
                "ALLOW"
            } else if a.count().is_some() {
                "COUNT"
            } else if a.captcha().is_some() {
                "CAPTCHA"
            } else if a.challenge().is_some() {
                "CHALLENGE"
            } else {
                "OTHER"
            }
            .to_string(),
        ),
        (None, Some(o)) => Some(override_action(o)),
        (None, None) => None,
    };
    WebAclRule {
        name: r.name().to_string(),
        priority: r.priority(),
        kind: kind.to_string(),
        rule_group,
        action,
        metrics_enabled: r
            .visibility_config()
            .is_some_and(|v| v.cloud_watch_metrics_enabled()),
    }
}

fn override_action(o: &aws_sdk_wafv2::types::OverrideAction) -> String {
    if o.count().is_some() { "COUNT" } else { "NONE" }.to_string()
}

/// Where the web ACL's logs go: empty when it has no logging configuration, `None` (a gap on
/// the web ACL) when that could not be read.
async fn log_destinations(
    s: &Session,
    client: &Client,
    region: &str,
    arn: &str,
) -> Option<Vec<String>> {
    let at = At::new(op::wafv2::GET_LOGGING_CONFIGURATION, region).on(arn);
    match s
        .call_absent(at, &[NONEXISTENT], || {
            client.get_logging_configuration().resource_arn(arn).send()
        })
        .await
    {
        Outcome::Found(out) => Some(
            out.logging_configuration()
                .map(|l| l.log_destination_configs().to_vec())
                .unwrap_or_default(),
        ),
        Outcome::Absent => Some(Vec::new()),
        Outcome::Failed => None,
    }
}

/// The web ACL associated with an application load balancer (or API Gateway stage, ...);
/// `None` (a gap on the resource) when that could not be read.
pub async fn web_acl_for(
    s: &Session,
    client: &Client,
    region: &str,
    resource_arn: &str,
) -> Option<WebAclAssociation> {
    let at = At::new(op::wafv2::GET_WEB_ACL_FOR_RESOURCE, region).on(resource_arn);
    let out = s
        .call(at, || {
            client
                .get_web_acl_for_resource()
                .resource_arn(resource_arn)
                .send()
        })
        .await?;
    Some(WebAclAssociation {
        arn: out.web_acl().map(|w| w.arn().to_string()),
    })
}
