//! Amazon EFS: file systems (encryption at rest, automatic backups) and their access points.

use super::tags::Tags;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EfsFileSystem {
    pub arn: String,
    pub account_id: String,
    pub region: String,
    /// `fs-…`.
    pub id: String,
    /// The `Name` tag, when set.
    #[serde(default)]
    pub name: Option<String>,
    /// Encryption at rest, chosen at creation and never changed afterwards.
    pub encrypted: bool,
    #[serde(default)]
    pub kms_key_id: Option<String>,
    /// Automatic backups (DescribeBackupPolicy): `ENABLED`, `ENABLING`, `DISABLED` or
    /// `DISABLING`; `DISABLED` when the file system has no backup policy at all; `None` when
    /// the policy could not be read (a gap names the file system).
    #[serde(default)]
    pub backup_policy: Option<String>,
    #[serde(default)]
    pub tags: Tags,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EfsAccessPoint {
    pub arn: String,
    pub account_id: String,
    pub region: String,
    /// `fsap-…`.
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    pub file_system_id: String,
    /// The directory clients of this access point see as `/`; `/` (the whole file system)
    /// when the access point sets none.
    #[serde(default = "slash")]
    pub root_directory: String,
    /// The POSIX identity every request through the access point is made as; `None` when
    /// clients keep their own uid/gid.
    #[serde(default)]
    pub posix_user: Option<PosixUser>,
    #[serde(default)]
    pub tags: Tags,
}

fn slash() -> String {
    "/".to_string()
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PosixUser {
    pub uid: i64,
    pub gid: i64,
    #[serde(default)]
    pub secondary_gids: Vec<i64>,
}
