//! Amazon EFS in one region: file systems with their encryption and automatic backup status,
//! and access points with the root directory and POSIX identity they enforce.
//!
//! A file system whose backup policy cannot be read is still listed (`backup_policy: null`):
//! the gap on its ARN makes the backup policy `not-evaluated` for it, not a guess.

use super::call::{non_empty, At, Outcome};
use super::session::Session;
use super::tags::tag_map;
use crate::inventory::collections::op;
use crate::inventory::efs::{EfsAccessPoint, EfsFileSystem, PosixUser};
use crate::inventory::Inventory;
use aws_sdk_efs::types::{AccessPointDescription, FileSystemDescription, Tag};
use futures::future::join_all;

/// A file system that never had a backup policy answers DescribeBackupPolicy with this code.
const NO_BACKUP_POLICY: &[&str] = &["PolicyNotFound"];

pub async fn collect(s: &Session, region: &str) -> Inventory {
    let client = crate::client!(s, aws_sdk_efs, region);
    let at = |op| At::new(op, region);
    let (file_systems, access_points) = futures::join!(
        s.paginate(at(op::elasticfilesystem::DESCRIBE_FILE_SYSTEMS), || {
            client
                .describe_file_systems()
                .into_paginator()
                .items()
                .send()
        }),
        s.paginate(at(op::elasticfilesystem::DESCRIBE_ACCESS_POINTS), || {
            client
                .describe_access_points()
                .into_paginator()
                .items()
                .send()
        }),
    );
    let client = &client;
    let mut inv = Inventory::empty(chrono::Utc::now());
    inv.storage.efs_file_systems = join_all(
        file_systems
            .unwrap_or_default()
            .iter()
            .map(|fs| file_system(s, client, region, fs)),
    )
    .await;
    inv.storage.efs_access_points = access_points
        .unwrap_or_default()
        .iter()
        .filter_map(|ap| access_point(s, region, ap))
        .collect();
    inv
}

fn tags(list: &[Tag]) -> crate::inventory::Tags {
    tag_map(list, |t| (Some(t.key()), Some(t.value())))
}

async fn file_system(
    s: &Session,
    client: &aws_sdk_efs::Client,
    region: &str,
    fs: &FileSystemDescription,
) -> EfsFileSystem {
    let id = fs.file_system_id().to_string();
    let arn = fs
        .file_system_arn()
        .map(str::to_string)
        .unwrap_or_else(|| s.arn("elasticfilesystem", region, &format!("file-system/{id}")));
    let at = At::new(op::elasticfilesystem::DESCRIBE_BACKUP_POLICY, region).on(&arn);
    let backup = s
        .call_absent(at, NO_BACKUP_POLICY, || {
            client.describe_backup_policy().file_system_id(&id).send()
        })
        .await;
    let backup_policy = match backup {
        Outcome::Found(out) => out.backup_policy().map(|p| p.status().as_str().to_string()),
        Outcome::Absent => Some("DISABLED".to_string()),
        Outcome::Failed => None,
    };
    EfsFileSystem {
        account_id: s.account_id.clone(),
        region: region.to_string(),
        name: non_empty(fs.name()),
        encrypted: fs.encrypted().unwrap_or(false),
        kms_key_id: fs.kms_key_id().map(str::to_string),
        backup_policy,
        tags: tags(fs.tags()),
        id,
        arn,
    }
}

fn access_point(s: &Session, region: &str, ap: &AccessPointDescription) -> Option<EfsAccessPoint> {
    let id = ap.access_point_id()?.to_string();
    Some(EfsAccessPoint {
        arn: ap
            .access_point_arn()
            .map(str::to_string)
            .unwrap_or_else(|| s.arn("elasticfilesystem", region, &format!("access-point/{id}"))),
        account_id: s.account_id.clone(),
        region: region.to_string(),
        name: non_empty(ap.name()),
        file_system_id: ap.file_system_id().unwrap_or_default().to_string(),
        root_directory: ap
            .root_directory()
            .and_then(|r| r.path())
            .filter(|p| !p.is_empty())
            .unwrap_or("/")
            .to_string(),
        posix_user: ap.posix_user().map(|u| PosixUser {
            uid: u.uid(),
            gid: u.gid(),
            secondary_gids: u.secondary_gids().to_vec(),
        }),
        tags: tags(ap.tags()),
        id,
    })
}
