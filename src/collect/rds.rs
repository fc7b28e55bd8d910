//! RDS: DB instances, DB clusters, and DB instance and cluster snapshots with who may restore
//! them.

use super::{At, Session};
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
    super::tag_map(list, |t| (t.key(), t.value()))
}

fn days(n: Option<i32>) -> u32 {
    n.and_then(|n| u32::try_from(n).ok()).unwrap_or(0)
}

async fn instances(s: &Session, client: &aws_sdk_rds::Client, region: &str) -> Vec<RdsInstance> {
    let at = At::list("rds", region, "DescribeDBInstances");
    let Some(pages) = s
        .call(at, || {
            client
                .describe_db_instances()
                .into_paginator()
                .send()
                .try_collect()
        })
        .await
    else {
        return Vec::new();
    };
    pages
        .iter()
        .flat_map(|p| p.db_instances())
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
                tags: tags(d.tag_list()),
                id,
            })
        })
        .collect()
}

async fn clusters(s: &Session, client: &aws_sdk_rds::Client, region: &str) -> Vec<RdsCluster> {
    let at = At::list("rds", region, "DescribeDBClusters");
    let Some(pages) = s
        .call(at, || {
            client
                .describe_db_clusters()
                .into_paginator()
                .send()
                .try_collect()
        })
        .await
    else {
        return Vec::new();
    };
    pages
        .iter()
        .flat_map(|p| p.db_clusters())
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

/// Reads who may restore each manual snapshot (one call per snapshot, a gap on that snapshot
/// when it fails); automated snapshots cannot be shared, so they keep `public: false`.
async fn with_sharing<'a, F, Fut, E>(
    s: &'a Session,
    region: &'a str,
    operation: &'static str,
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
            let at = At {
                service: "rds",
                region,
                operation,
                resource: Some(&snap.arn),
            };
            if let Some(Some(values)) = s.call(at, || fetch(snap.id.clone())).await {
                (snap.public, snap.shared_with) = restore(&values);
            }
        }
        snap
    }))
    .await
}

async fn snapshots(s: &Session, client: &aws_sdk_rds::Client, region: &str) -> Vec<RdsSnapshot> {
    let at = At::list("rds", region, "DescribeDBSnapshots");
    let Some(pages) = s
        .call(at, || {
            client
                .describe_db_snapshots()
                .into_paginator()
                .send()
                .try_collect()
        })
        .await
    else {
        return Vec::new();
    };
    let listed: Vec<(RdsSnapshot, bool)> = pages
        .iter()
        .flat_map(|p| p.db_snapshots())
        .filter_map(|d| {
            let id = d.db_snapshot_identifier()?.to_string();
            let snap = RdsSnapshot {
                arn: d
                    .db_snapshot_arn()
                    .map(str::to_string)
                    .unwrap_or_else(|| s.arn("rds", region, &format!("snapshot:{id}"))),
                account_id: s.account_id.clone(),
                region: region.to_string(),
                kind: "instance".to_string(),
                source_id: d.db_instance_identifier().map(str::to_string),
                encrypted: d.encrypted().unwrap_or(false),
                // Only manual snapshots can be shared; automated ones are never restorable by
                // others, so `false`/empty is a fact for them. Manual ones are read below.
                public: false,
                shared_with: Vec::new(),
                tags: tags(d.tag_list()),
                id,
            };
            Some((snap, d.snapshot_type() == Some("manual")))
        })
        .collect();
    with_sharing(
        s,
        region,
        "DescribeDBSnapshotAttributes",
        listed,
        |id| async move {
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
        },
    )
    .await
}

async fn cluster_snapshots(
    s: &Session,
    client: &aws_sdk_rds::Client,
    region: &str,
) -> Vec<RdsSnapshot> {
    let at = At::list("rds", region, "DescribeDBClusterSnapshots");
    let Some(pages) = s
        .call(at, || {
            client
                .describe_db_cluster_snapshots()
                .into_paginator()
                .send()
                .try_collect()
        })
        .await
    else {
        return Vec::new();
    };
    let listed: Vec<(RdsSnapshot, bool)> = pages
        .iter()
        .flat_map(|p| p.db_cluster_snapshots())
        .filter_map(|c| {
            let id = c.db_cluster_snapshot_identifier()?.to_string();
            let snap = RdsSnapshot {
                arn: c
                    .db_cluster_snapshot_arn()
                    .map(str::to_string)
                    .unwrap_or_else(|| s.arn("rds", region, &format!("cluster-snapshot:{id}"))),
                account_id: s.account_id.clone(),
                region: region.to_string(),
                kind: "cluster".to_string(),
                source_id: c.db_cluster_identifier().map(str::to_string),
                encrypted: c.storage_encrypted().unwrap_or(false),
                // As for instance snapshots: only manual ones can be shared.
                public: false,
                shared_with: Vec::new(),
                tags: tags(c.tag_list()),
                id,
            };
            Some((snap, c.snapshot_type() == Some("manual")))
        })
        .collect();
    with_sharing(
        s,
        region,
        "DescribeDBClusterSnapshotAttributes",
        listed,
        |id| async move {
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
        },
    )
    .await
}
