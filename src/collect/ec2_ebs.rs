//! EBS of one region: volumes, snapshots (with who may create volumes from them) and the
//! account's encryption-by-default setting.

use super::ec2::{at, ids, tags};
use super::time::to_chrono;
use super::{At, Session};
use crate::inventory::storage::{EbsEncryptionDefault, EbsSnapshot, EbsVolume};
use aws_sdk_ec2::types::{PermissionGroup, SnapshotAttributeName};
use aws_sdk_ec2::Client;
use futures::future::join_all;

/// The EBS collections of one region.
pub(super) struct Ebs {
    pub volumes: Vec<EbsVolume>,
    pub snapshots: Vec<EbsSnapshot>,
    pub encryption_by_default: Vec<EbsEncryptionDefault>,
}

pub(super) async fn collect(s: &Session, client: &Client, region: &str) -> Ebs {
    let (volumes, snapshots, encryption_by_default) = futures::join!(
        volumes(s, client, region),
        snapshots(s, client, region),
        encryption_by_default(s, client, region),
    );
    Ebs {
        volumes,
        snapshots,
        encryption_by_default,
    }
}

async fn volumes(s: &Session, client: &Client, region: &str) -> Vec<EbsVolume> {
    let Some(pages) = s
        .call(at(region, "DescribeVolumes"), || {
            client
                .describe_volumes()
                .into_paginator()
                .send()
                .try_collect()
        })
        .await
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for v in pages.iter().flat_map(|p| p.volumes()) {
        let Some(id) = v.volume_id() else { continue };
        out.push(EbsVolume {
            arn: v
                .volume_arn()
                .map(str::to_string)
                .unwrap_or_else(|| s.arn("ec2", region, &format!("volume/{id}"))),
            account_id: s.account_id.clone(),
            region: region.to_string(),
            id: id.to_string(),
            encrypted: v.encrypted().unwrap_or(false),
            kms_key_id: v.kms_key_id().map(str::to_string),
            size_gib: v.size().and_then(|n| u32::try_from(n).ok()).unwrap_or(0),
            state: v.state().map(|st| st.as_str().to_string()),
            attached_instance_ids: ids(v.attachments(), |a| a.instance_id()),
            tags: tags(v.tags()),
        });
    }
    out
}

async fn snapshots(s: &Session, client: &Client, region: &str) -> Vec<EbsSnapshot> {
    let Some(pages) = s
        .call(at(region, "DescribeSnapshots"), || {
            client
                .describe_snapshots()
                .owner_ids("self")
                .into_paginator()
                .send()
                .try_collect()
        })
        .await
    else {
        return Vec::new();
    };
    let snaps: Vec<EbsSnapshot> = pages
        .iter()
        .flat_map(|p| p.snapshots())
        .filter_map(|n| {
            let id = n.snapshot_id()?;
            Some(EbsSnapshot {
                arn: s.arn("ec2", region, &format!("snapshot/{id}")),
                account_id: s.account_id.clone(),
                region: region.to_string(),
                id: id.to_string(),
                volume_id: n.volume_id().map(str::to_string),
                encrypted: n.encrypted().unwrap_or(false),
                kms_key_id: n.kms_key_id().map(str::to_string),
                public: false,
                shared_with: Vec::new(),
                started: n.start_time().map(to_chrono),
                tags: tags(n.tags()),
            })
        })
        .collect();
    // One attribute call per snapshot; a failure is a gap on that snapshot alone, which makes
    // its `public: false` read as not-evaluated rather than as private.
    join_all(snaps.into_iter().map(|mut snap| async move {
        let here = At {
            resource: Some(&snap.arn),
            ..at(region, "DescribeSnapshotAttribute")
        };
        let found = s
            .call(here, || {
                client
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
    }))
    .await
}

async fn encryption_by_default(
    s: &Session,
    client: &Client,
    region: &str,
) -> Vec<EbsEncryptionDefault> {
    // The default key is a detail of the one per-region setting: its failure is a gap on that
    // setting, so policies that only read `enabled` (they say so with `needs`) still run.
    let setting = s.arn("ec2", region, "ebs-encryption-by-default");
    let key_at = At {
        resource: Some(&setting),
        ..at(region, "GetEbsDefaultKmsKeyId")
    };
    let (enabled, key) = futures::join!(
        s.call(at(region, "GetEbsEncryptionByDefault"), || {
            client.get_ebs_encryption_by_default().send()
        }),
        s.call(key_at, || client.get_ebs_default_kms_key_id().send()),
    );
    let enabled = match enabled {
        Some(o) => match o.ebs_encryption_by_default() {
            Some(e) => e,
            None => {
                s.record_gap(
                    at(region, "GetEbsEncryptionByDefault"),
                    "IncompleteResponse".into(),
                    "GetEbsEncryptionByDefault answered without EbsEncryptionByDefault".into(),
                );
                return Vec::new();
            }
        },
        None => return Vec::new(),
    };
    vec![EbsEncryptionDefault {
        account_id: s.account_id.clone(),
        region: region.to_string(),
        enabled,
        kms_key_id: key.and_then(|k| k.kms_key_id().map(str::to_string)),
    }]
}
