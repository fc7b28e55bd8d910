//! Amazon OpenSearch Service in one region: every domain (OpenSearch or Elasticsearch) with
//! its encryption, endpoint, access control and audit log settings, described five at a time
//! (the most `DescribeDomains` takes). A batch that cannot be described is a gap on the
//! region, so the OpenSearch policies are `not-evaluated` there.

use super::call::At;
use super::s3::parse_policy;
use super::session::Session;
use crate::inventory::collections::op;
use crate::inventory::datastores::OpenSearchDomain;
use crate::inventory::Inventory;
use aws_sdk_opensearch::types::{DomainStatus, LogType};
use futures::future::join_all;

/// `DescribeDomains` takes at most this many names.
const BATCH: usize = 5;

pub async fn collect(s: &Session, region: &str) -> Inventory {
    let client = crate::client!(s, aws_sdk_opensearch, region);
    let mut inv = Inventory::empty(chrono::Utc::now());
    let at = At::new(op::es::LIST_DOMAIN_NAMES, region);
    let Some(listed) = s.call(at, || client.list_domain_names().send()).await else {
        return inv;
    };
    let names: Vec<String> = listed
        .domain_names()
        .iter()
        .filter_map(|d| d.domain_name())
        .map(str::to_string)
        .collect();
    let client = &client;
    let batches = join_all(names.chunks(BATCH).map(|chunk| async move {
        let at = At::new(op::es::DESCRIBE_DOMAINS, region);
        s.call(at, || {
            client
                .describe_domains()
                .set_domain_names(Some(chunk.to_vec()))
                .send()
        })
        .await
    }))
    .await;
    inv.storage.opensearch_domains = batches
        .iter()
        .flatten()
        .flat_map(|out| out.domain_status_list())
        .map(|d| domain(s, region, d))
        .collect();
    inv
}

/// Is this log type published to CloudWatch Logs?
fn log_enabled(d: &DomainStatus, kind: LogType) -> bool {
    d.log_publishing_options()
        .and_then(|o| o.get(&kind))
        .and_then(|o| o.enabled())
        .unwrap_or(false)
}

fn domain(s: &Session, region: &str, d: &DomainStatus) -> OpenSearchDomain {
    let endpoint = d.domain_endpoint_options();
    let vpc = d.vpc_options();
    OpenSearchDomain {
        arn: d.arn().to_string(),
        account_id: s.account_id.clone(),
        region: region.to_string(),
        name: d.domain_name().to_string(),
        engine_version: d.engine_version().map(str::to_string),
        encryption_at_rest: d
            .encryption_at_rest_options()
            .and_then(|o| o.enabled())
            .unwrap_or(false),
        node_to_node_encryption: d
            .node_to_node_encryption_options()
            .and_then(|o| o.enabled())
            .unwrap_or(false),
        enforce_https: endpoint.and_then(|e| e.enforce_https()).unwrap_or(false),
        tls_security_policy: endpoint
            .and_then(|e| e.tls_security_policy())
            .map(|p| p.as_str().to_string()),
        fine_grained_access_control: d
            .advanced_security_options()
            .and_then(|o| o.enabled())
            .unwrap_or(false),
        // A domain in a VPC has subnets (`VPCOptions` may name no VPC id).
        in_vpc: vpc.is_some_and(|v| !v.subnet_ids().is_empty()),
        vpc_id: vpc.and_then(|v| v.vpc_id()).map(str::to_string),
        subnet_ids: vpc.map(|v| v.subnet_ids().to_vec()).unwrap_or_default(),
        security_group_ids: vpc
            .map(|v| v.security_group_ids().to_vec())
            .unwrap_or_default(),
        access_policy: d
            .access_policies()
            .filter(|p| !p.trim().is_empty())
            .map(parse_policy),
        audit_logs: log_enabled(d, LogType::AuditLogs),
        error_logs: log_enabled(d, LogType::EsApplicationLogs),
        instance_count: d.cluster_config().and_then(|c| c.instance_count()),
        tags: Default::default(),
    }
}
