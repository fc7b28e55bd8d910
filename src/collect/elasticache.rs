//! Amazon ElastiCache in one region: every Redis OSS and Valkey replication group with its
//! encryption, authentication and backup settings, from `DescribeReplicationGroups` alone.
//! (Memcached and single-node clusters outside a replication group are not collected.)

use super::call::At;
use super::session::Session;
use crate::inventory::collections::op;
use crate::inventory::datastores::ElastiCacheReplicationGroup;
use crate::inventory::Inventory;
use aws_sdk_elasticache::types::ReplicationGroup;

pub async fn collect(s: &Session, region: &str) -> Inventory {
    let client = crate::client!(s, aws_sdk_elasticache, region);
    let mut inv = Inventory::empty(chrono::Utc::now());
    let at = At::new(op::elasticache::DESCRIBE_REPLICATION_GROUPS, region);
    let Some(listed) = s
        .paginate(at, || {
            client
                .describe_replication_groups()
                .into_paginator()
                .items()
                .send()
        })
        .await
    else {
        return inv;
    };
    inv.storage.elasticache_replication_groups =
        listed.iter().filter_map(|g| group(s, region, g)).collect();
    inv
}

fn group(s: &Session, region: &str, g: &ReplicationGroup) -> Option<ElastiCacheReplicationGroup> {
    let id = g.replication_group_id()?;
    Some(ElastiCacheReplicationGroup {
        arn: g
            .arn()
            .map(str::to_string)
            .unwrap_or_else(|| s.arn("elasticache", region, &format!("replicationgroup:{id}"))),
        account_id: s.account_id.clone(),
        region: region.to_string(),
        id: id.to_string(),
        engine: g.engine().map(str::to_string),
        at_rest_encryption: g.at_rest_encryption_enabled().unwrap_or(false),
        transit_encryption: g.transit_encryption_enabled().unwrap_or(false),
        transit_encryption_mode: g.transit_encryption_mode().map(|m| m.as_str().to_string()),
        auth_token_enabled: g.auth_token_enabled().unwrap_or(false),
        user_group_ids: g.user_group_ids().to_vec(),
        snapshot_retention_days: g.snapshot_retention_limit(),
        automatic_failover: g.automatic_failover().map(|x| x.as_str().to_string()),
        auto_minor_version_upgrade: g.auto_minor_version_upgrade(),
        kms_key_id: g.kms_key_id().map(str::to_string),
        tags: Default::default(),
    })
}
