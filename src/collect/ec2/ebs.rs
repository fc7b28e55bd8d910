//! EBS of one region: volumes, snapshots (with who may create volumes from them) and the
//! account's encryption-by-default setting.

use super::region::{ids, tags, Ec2};
use crate::collect::time::to_chrono;
use crate::inventory::collections::op;
use crate::inventory::storage::{EbsEncryptionDefault, EbsSnapshot, EbsVolume};
use aws_sdk_ec2::types::{PermissionGroup, SnapshotAttributeName};
use futures::future::join_all;

pub(super) async fn volumes(cx: &Ec2<'_>) -> Vec<EbsVolume> {
    let listed = cx
        .list(op::ec2::DESCRIBE_VOLUMES, |c| {
            c.describe_volumes().into_paginator().items().send()
        })
        .await;
    listed
        .iter()
        .filter_map(|v| {
            let id = v.volume_id()?;
            Some(EbsVolume {
                arn: v
                    .volume_arn()
                    .map(str::to_string)
                    .unwrap_or_else(|| cx.arn("volume", id)),
                account_id: cx.account_id(),
                region: cx.region(),
                id: id.to_string(),
                encrypted: v.encrypted().unwrap_or(false),
                kms_key_id: v.kms_key_id().map(str::to_string),
                size_gib: v.size().and_then(|n| u32::try_from(n).ok()).unwrap_or(0),
                state: v.state().map(|st| st.as_str().to_string()),
                attached_instance_ids: ids(v.attachments(), |a| a.instance_id()),
                tags: tags(v.tags()),
            })
        })
        .collect()
}

/// The account's own snapshots, each with who may create volumes from it.
pub(super) async fn snapshots(cx: &Ec2<'_>) -> Vec<EbsSnapshot> {
    let listed = cx
        .list(op::ec2::DESCRIBE_SNAPSHOTS, |c| {
            c.describe_snapshots()
                .owner_ids("self")
                .into_paginator()
                .items()
                .send()
        })
        .await;
    let snaps = listed.iter().filter_map(|n| {
        let id = n.snapshot_id()?;
        Some(EbsSnapshot {
            arn: cx.arn("snapshot", id),
            account_id: cx.account_id(),
            region: cx.region(),
            id: id.to_string(),
            volume_id: n.volume_id().map(str::to_string),
            encrypted: n.encrypted().unwrap_or(false),
            kms_key_id: n.kms_key_id().map(str::to_string),
            public: false,
            shared_with: Vec::new(),
            started: n.start_time().map(to_chrono),
            tags: tags(n.tags()),
        })
    });
    join_all(snaps.map(|snap| with_permissions(cx, snap))).await
}

/// One attribute call per snapshot; a failure is a gap on that snapshot alone, which makes
/// its `public: false` read as not-evaluated rather than as private.
async fn with_permissions(cx: &Ec2<'_>, mut snap: EbsSnapshot) -> EbsSnapshot {
    let at = cx.at(op::ec2::DESCRIBE_SNAPSHOT_ATTRIBUTE).on(&snap.arn);
    let found =
        cx.s.call(at, || {
            cx.client
                .describe_snapshot_attribute()
                .snapshot_id(&snap.id)
                .attribute(SnapshotAttributeName::CreateVolumePermission)
                .send()
        })
        .await;
    if let Some(attr) = found {
        let perms = attr.create_volume_permissions();
        snap.public = perms
            .iter()
            .any(|p| p.group() == Some(&PermissionGroup::All));
        snap.shared_with = ids(perms, |p| p.user_id());
    }
    snap
}

pub(super) async fn encryption_by_default(cx: &Ec2<'_>) -> Vec<EbsEncryptionDefault> {
    // The default key is a detail of the one per-region setting: its failure is a gap on that
    // setting, so policies that only read `enabled` (they say so with `needs`) still run.
    let setting = cx.s.arn("ec2", cx.region, "ebs-encryption-by-default");
    let enabled_at = cx.at(op::ec2::GET_EBS_ENCRYPTION_BY_DEFAULT);
    let key_at = cx.at(op::ec2::GET_EBS_DEFAULT_KMS_KEY_ID).on(&setting);
    let (enabled, key) = futures::join!(
        cx.s.call(enabled_at, || cx
            .client
            .get_ebs_encryption_by_default()
            .send()),
        cx.s.call(key_at, || cx.client.get_ebs_default_kms_key_id().send()),
    );
    let Some(enabled) = enabled else {
        return Vec::new();
    };
    let Some(enabled) = enabled.ebs_encryption_by_default() else {
        cx.s.record_gap(
            enabled_at,
            "IncompleteResponse".into(),
            "GetEbsEncryptionByDefault answered without EbsEncryptionByDefault".into(),
        );
        return Vec::new();
    };
    vec![EbsEncryptionDefault {
        account_id: cx.account_id(),
        region: cx.region(),
        enabled,
        kms_key_id: key.and_then(|k| k.kms_key_id().map(str::to_string)),
    }]
}
