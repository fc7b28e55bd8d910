//! Amazon Redshift in one region: every provisioned cluster, the `require_ssl` setting of its
//! parameter group and whether audit logging is on.
//!
//! A cluster whose parameters or logging status cannot be read keeps `null` there with a gap
//! on its ARN, so only the policies that read them are `not-evaluated` for it.

use super::call::At;
use super::session::Session;
use super::tags::tag_map;
use crate::inventory::collections::op;
use crate::inventory::datastores::RedshiftCluster;
use crate::inventory::Inventory;
use aws_sdk_redshift::types::Cluster;
use aws_sdk_redshift::Client;
use futures::future::join_all;

pub async fn collect(s: &Session, region: &str) -> Inventory {
    let client = crate::client!(s, aws_sdk_redshift, region);
    let mut inv = Inventory::empty(chrono::Utc::now());
    let at = At::new(op::redshift::DESCRIBE_CLUSTERS, region);
    let Some(listed) = s
        .paginate(at, || {
            client.describe_clusters().into_paginator().items().send()
        })
        .await
    else {
        return inv;
    };
    let client = &client;
    inv.storage.redshift_clusters = join_all(
        listed
            .iter()
            .filter_map(|c| Some((c, c.cluster_identifier()?)))
            .map(|(c, id)| async move {
                let arn = s.arn("redshift", region, &format!("cluster:{id}"));
                let group = c
                    .cluster_parameter_groups()
                    .first()
                    .and_then(|g| g.parameter_group_name());
                let (require_ssl, audit_logging) = futures::join!(
                    require_ssl(s, client, region, &arn, group),
                    audit_logging(s, client, region, &arn, id),
                );
                cluster(s, region, c, id, arn.clone(), require_ssl, audit_logging)
            }),
    )
    .await;
    inv
}

fn cluster(
    s: &Session,
    region: &str,
    c: &Cluster,
    id: &str,
    arn: String,
    require_ssl: Option<bool>,
    audit_logging: Option<bool>,
) -> RedshiftCluster {
    RedshiftCluster {
        arn,
        account_id: s.account_id.clone(),
        region: region.to_string(),
        id: id.to_string(),
        status: c.cluster_status().map(str::to_string),
        publicly_accessible: c.publicly_accessible().unwrap_or(false),
        encrypted: c.encrypted().unwrap_or(false),
        kms_key_id: c.kms_key_id().map(str::to_string),
        vpc_id: c.vpc_id().map(str::to_string),
        security_group_ids: c
            .vpc_security_groups()
            .iter()
            .filter_map(|g| g.vpc_security_group_id())
            .map(str::to_string)
            .collect(),
        automated_snapshot_retention_days: c.automated_snapshot_retention_period(),
        parameter_groups: c
            .cluster_parameter_groups()
            .iter()
            .filter_map(|g| g.parameter_group_name())
            .map(str::to_string)
            .collect(),
        allow_version_upgrade: c.allow_version_upgrade(),
        enhanced_vpc_routing: c.enhanced_vpc_routing(),
        master_username: c.master_username().map(str::to_string),
        db_name: c.db_name().map(str::to_string),
        require_ssl,
        audit_logging,
        tags: tag_map(c.tags(), |t| (t.key(), t.value())),
    }
}

/// `require_ssl` of the cluster's parameter group: `false` (Redshift's default) when the
/// group does not list it; `None`, with a gap on the cluster, when it cannot be read.
async fn require_ssl(
    s: &Session,
    client: &Client,
    region: &str,
    arn: &str,
    group: Option<&str>,
) -> Option<bool> {
    let Some(group) = group else {
        return Some(false);
    };
    let at = At::new(op::redshift::DESCRIBE_CLUSTER_PARAMETERS, region).on(arn);
    let parameters = s
        .paginate(at, || {
            client
                .describe_cluster_parameters()
                .parameter_group_name(group)
                .into_paginator()
                .items()
                .send()
        })
        .await?;
    Some(
        parameters
            .iter()
            .find(|p| p.parameter_name() == Some("require_ssl"))
            .and_then(|p| p.parameter_value())
            .is_some_and(|v| v.eq_ignore_ascii_case("true")),
    )
}

async fn audit_logging(
    s: &Session,
    client: &Client,
    region: &str,
    arn: &str,
    id: &str,
) -> Option<bool> {
    let at = At::new(op::redshift::DESCRIBE_LOGGING_STATUS, region).on(arn);
    let out = s
        .call(at, || {
            client
                .describe_logging_status()
                .cluster_identifier(id)
                .send()
        })
        .await?;
    Some(out.logging_enabled().unwrap_or(false))
}
