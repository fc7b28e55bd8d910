//! RDS: DB instances, DB clusters, and DB instance and cluster snapshots with who may restore
//! them.

use super::call::At;
use super::session::Session;
use super::tags::tag_map;
use crate::inventory::collections::{op, Operation};
use crate::inventory::storage::{RdsCluster, RdsInstance, RdsSnapshot};
use crate::inventory::{Inventory, Tags};
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use futures::future::join_all;

pub async fn collect(s: &Session, region: &str) -> Inventory {
    let client = crate::client!(s, aws_sdk_rds, region);
    let mut inv = Inventory::empty(chrono::Utc::now());
    let (instances, clusters, snapshots, cluster_snapshots) = futures::join!(
        instances(s, &client, region),
        clusters(s, &client, region),
        snapshots(s, &client, region),
        cluster_snapshots(s, &client, region),
    );
    inv.storage.rds_instances = instances;
    inv.storage.rds_clusters = clusters;
    inv.storage.rds_snapshots = snapshots;
    inv.storage.rds_snapshots.extend(cluster_snapshots);
    inv
}

fn tags(list: &[aws_sdk_rds::types::Tag]) -> Tags {
    tag_map(list, |t| (t.key(), t.value()))
}

fn days(n: Option<i32>) -> u32 {
    n.and_then(|n| u32::try_from(n).ok()).unwrap_or(0)
}

async fn instances(s: &Session, client: &aws_sdk_rds::Client, region: &str) -> Vec<RdsInstance> {
    let at = At::new(op::rds::DESCRIBE_DB_INSTANCES, region);
    let listed = s
        .paginate(at, || {
            client
                .describe_db_instances()
                .into_paginator()
                .items()
                .send()
        })
        .await
        .unwrap_or_default();
    listed
        .iter()
        .filter_map(|d| {
            let id = d.db_instance_identifier()?.to_string();
            let subnet_group = d.db_subnet_group();
            Some(RdsInstance {
                arn: d
                    .db_instance_arn()
                    .map(str::to_string)
                    .unwrap_or_else(|| s.arn("rds", region, &format!("db:{id}"))),
                account_id: s.account_id.clone(),
                region: region.to_string(),
                engine: d.engine().unwrap_or_default().to_string(),
                status: d.db_instance_status().map(str::to_string),
                storage_encrypted: d.storage_encrypted().unwrap_or(false),
                kms_key_id: d.kms_key_id().map(str::to_string),
                publicly_accessible: d.publicly_accessible().unwrap_or(false),
                port: d
                    .endpoint()
                    .and_then(|e| e.port())
                    .and_then(|p| u16::try_from(p).ok()),
                vpc_id: subnet_group
                    .and_then(|g| g.vpc_id())
                    .filter(|v| !v.is_empty())
                    .map(str::to_string),
                subnet_ids: subnet_group
                    .map(|g| {
                        g.subnets()
                            .iter()
                            .filter_map(|n| n.subnet_identifier().map(str::to_string))
                            .collect()
                    })
                    .unwrap_or_default(),
                security_group_ids: d
                    .vpc_security_groups()
                    .iter()
                    .filter_map(|g| g.vpc_security_group_id().map(str::to_string))
                    .collect(),
                cluster_id: d.db_cluster_identifier().map(str::to_string),
                multi_az: d.multi_az().unwrap_or(false),
                backup_retention_days: days(d.backup_retention_period()),
                iam_auth_enabled: d.iam_database_authentication_enabled().unwrap_or(false),
                deletion_protection: d.deletion_protection().unwrap_or(false),
                auto_minor_version_upgrade: d.auto_minor_version_upgrade().unwrap_or(false),
                monitoring_interval: Some(d.monitoring_interval().unwrap_or(0)),
                copy_tags_to_snapshot: Some(d.copy_tags_to_snapshot().unwrap_or(false)),
                master_username: d.master_username().map(str::to_string),
                log_exports: Some(d.enabled_cloudwatch_logs_exports().to_vec()),
                tags: tags(d.tag_list()),
                id,
            })
        })
        .collect()
}

async fn clusters(s: &Session, client: &aws_sdk_rds::Client, region: &str) -> Vec<RdsCluster> {
    let at = At::new(op::rds::DESCRIBE_DB_CLUSTERS, region);
    let listed = s
        .paginate(at, || {
            client
                .describe_db_clusters()
                .into_paginator()
                .items()
                .send()
        })
        .await
        .unwrap_or_default();
    listed
        .iter()
        .filter_map(|c| {
            let id = c.db_cluster_identifier()?.to_string();
            Some(RdsCluster {
                arn: c
                    .db_cluster_arn()
                    .map(str::to_string)
                    .unwrap_or_else(|| s.arn("rds", region, &format!("cluster:{id}"))),
                account_id: s.account_id.clone(),
                region: region.to_string(),
                engine: c.engine().unwrap_or_default().to_string(),
                storage_encrypted: c.storage_encrypted().unwrap_or(false),
                kms_key_id: c.kms_key_id().map(str::to_string),
                member_instance_ids: c
                    .db_cluster_members()
                    .iter()
                    .filter_map(|m| m.db_instance_identifier().map(str::to_string))
                    .collect(),
                backup_retention_days: days(c.backup_retention_period()),
                deletion_protection: c.deletion_protection().unwrap_or(false),
                iam_auth_enabled: c.iam_database_authentication_enabled().unwrap_or(false),
                master_username: c.master_username().map(str::to_string),
                log_exports: Some(c.enabled_cloudwatch_logs_exports().to_vec()),
                tags: tags(c.tag_list()),
                id,
            })
        })
        .collect()
}

/// Who may restore a snapshot, from its `restore` attribute: public when it holds `all`.
fn restore(values: &[String]) -> (bool, Vec<String>) {
    let public = values.iter().any(|v| v == "all");
    let mut shared: Vec<String> = values.iter().filter(|v| *v != "all").cloned().collect();
    shared.sort();
    (public, shared)
}

/// The values of the `restore` attribute among (name, values) pairs.
fn restore_values<'a>(
    attributes: impl Iterator<Item = (Option<&'a str>, &'a [String])>,
) -> Vec<String> {
    attributes
        .filter(|(name, _)| *name == Some("restore"))
        .flat_map(|(_, values)| values.iter().cloned())
        .collect()
}

/// What an instance snapshot and a cluster snapshot have in common, read off either type, so
/// both become [`RdsSnapshot`]s the same way.
struct Listed<'a> {
    /// `instance` or `cluster`.
    kind: &'static str,
    id: &'a str,
    arn: Option<&'a str>,
    source_id: Option<&'a str>,
    encrypted: bool,
    tags: &'a [aws_sdk_rds::types::Tag],
    /// Only manual snapshots can be shared; automated ones are never restorable by others,
    /// so `false`/empty is a fact for them.
    manual: bool,
}

impl Listed<'_> {
    fn snapshot(&self, s: &Session, region: &str) -> RdsSnapshot {
        let arn_kind = if self.kind == "cluster" {
            "cluster-snapshot"
        } else {
            "snapshot"
        };
        RdsSnapshot {
            arn: self
                .arn
                .map(str::to_string)
                .unwrap_or_else(|| s.arn("rds", region, &format!("{arn_kind}:{}", self.id))),
            account_id: s.account_id.clone(),
            region: region.to_string(),
            kind: self.kind.to_string(),
            source_id: self.source_id.map(str::to_string),
            encrypted: self.encrypted,
            // Manual snapshots' sharing is read by `with_sharing`.
            public: false,
            shared_with: Vec::new(),
            tags: tags(self.tags),
            id: self.id.to_string(),
        }
    }
}

/// Reads who may restore each manual snapshot (one call per snapshot, a gap on that snapshot
/// when it fails); automated snapshots cannot be shared, so they keep `public: false`.
async fn with_sharing<'a, F, Fut, E>(
    s: &'a Session,
    region: &'a str,
    operation: Operation,
    listed: Vec<(RdsSnapshot, bool)>,
    fetch: F,
) -> Vec<RdsSnapshot>
where
    F: Fn(String) -> Fut + Copy,
    Fut: std::future::Future<Output = Result<Option<Vec<String>>, SdkError<E, HttpResponse>>>,
    E: ProvideErrorMetadata + std::error::Error,
{
    join_all(listed.into_iter().map(|(mut snap, manual)| async move {
        if manual {
            let at = At::new(operation, region).on(&snap.arn);
            if let Some(Some(values)) = s.call(at, || fetch(snap.id.clone())).await {
                (snap.public, snap.shared_with) = restore(&values);
            }
        }
        snap
    }))
    .await
}

async fn snapshots(s: &Session, client: &aws_sdk_rds::Client, region: &str) -> Vec<RdsSnapshot> {
    let at = At::new(op::rds::DESCRIBE_DB_SNAPSHOTS, region);
    let Some(found) = s
        .paginate(at, || {
            client
                .describe_db_snapshots()
                .into_paginator()
                .items()
                .send()
        })
        .await
    else {
        return Vec::new();
    };
    let listed: Vec<(RdsSnapshot, bool)> = found
        .iter()
        .filter_map(|d| {
            let listed = Listed {
                kind: "instance",
                id: d.db_snapshot_identifier()?,
                arn: d.db_snapshot_arn(),
                source_id: d.db_instance_identifier(),
                encrypted: d.encrypted().unwrap_or(false),
                tags: d.tag_list(),
                manual: d.snapshot_type() == Some("manual"),
            };
            Some((listed.snapshot(s, region), listed.manual))
        })
        .collect();
    let operation = op::rds::DESCRIBE_DB_SNAPSHOT_ATTRIBUTES;
    with_sharing(s, region, operation, listed, |id| async move {
        let out = client
            .describe_db_snapshot_attributes()
            .db_snapshot_identifier(id)
            .send()
            .await?;
        Ok(out.db_snapshot_attributes_result().map(|r| {
            restore_values(
                r.db_snapshot_attributes()
                    .iter()
                    .map(|a| (a.attribute_name(), a.attribute_values())),
            )
        }))
    })
    .await
}

async fn cluster_snapshots(
    s: &Session,
    client: &aws_sdk_rds::Client,
    region: &str,
) -> Vec<RdsSnapshot> {
    let at = At::new(op::rds::DESCRIBE_DB_CLUSTER_SNAPSHOTS, region);
    let Some(found) = s
        .paginate(at, || {
            client
                .describe_db_cluster_snapshots()
                .into_paginator()
                .items()
                .send()
        })
        .await
    else {
        return Vec::new();
    };
    let listed: Vec<(RdsSnapshot, bool)> = found
        .iter()
        .filter_map(|c| {
            let listed = Listed {
                kind: "cluster",
                id: c.db_cluster_snapshot_identifier()?,
                arn: c.db_cluster_snapshot_arn(),
                source_id: c.db_cluster_identifier(),
                encrypted: c.storage_encrypted().unwrap_or(false),
                tags: c.tag_list(),
                manual: c.snapshot_type() == Some("manual"),
            };
            Some((listed.snapshot(s, region), listed.manual))
        })
        .collect();
    let operation = op::rds::DESCRIBE_DB_CLUSTER_SNAPSHOT_ATTRIBUTES;
    with_sharing(s, region, operation, listed, |id| async move {
        let out = client
            .describe_db_cluster_snapshot_attributes()
            .db_cluster_snapshot_identifier(id)
            .send()
            .await?;
        Ok(out.db_cluster_snapshot_attributes_result().map(|r| {
            restore_values(
                r.db_cluster_snapshot_attributes()
                    .iter()
                    .map(|a| (a.attribute_name(), a.attribute_values())),
            )
        }))
    })
    .await
}
