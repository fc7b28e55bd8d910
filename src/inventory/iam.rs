//! IAM: principals, their credentials and policies, and account-wide IAM settings.
//!
//! Policy documents are stored parsed (`serde_json::Value`); the collector decodes the
//! URL-encoded strings AWS returns before they get here.

use super::tags::Tags;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct Iam {
    #[serde(default)]
    pub users: Vec<User>,
    #[serde(default)]
    pub groups: Vec<Group>,
    #[serde(default)]
    pub roles: Vec<Role>,
    /// Customer-managed and attached AWS-managed policies.
    #[serde(default)]
    pub policies: Vec<ManagedPolicy>,
    /// One per account; `policy: null` means no password policy is set.
    #[serde(default)]
    pub password_policies: Vec<PasswordPolicyRecord>,
    #[serde(default)]
    pub account_summaries: Vec<AccountSummary>,
    #[serde(default)]
    pub credential_reports: Vec<CredentialReport>,
    /// Server certificates stored in IAM (`ListServerCertificates`), schema 1.4.
    #[serde(default)]
    pub server_certificates: Vec<ServerCertificate>,
    /// One per account whose alternate security contact could be read (Account Management's
    /// `GetAlternateContact`), schema 1.4; `contact: null` means none is registered.
    #[serde(default)]
    pub security_contacts: Vec<SecurityContactRecord>,
}

/// An account's alternate contact of type SECURITY: whom AWS tells about abuse, compromise
/// and security notices besides the root email.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SecurityContactRecord {
    pub account_id: String,
    #[serde(default)]
    pub contact: Option<AlternateContact>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct AlternateContact {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub email_address: Option<String>,
    #[serde(default)]
    pub phone_number: Option<String>,
}

/// A TLS server certificate uploaded to IAM (for load balancers and CloudFront).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ServerCertificate {
    pub arn: String,
    pub account_id: String,
    pub name: String,
    #[serde(default)]
    pub path: Option<String>,
    /// When the certificate stops being valid.
    #[serde(default)]
    pub expiration: Option<DateTime<Utc>>,
    #[serde(default)]
    pub uploaded: Option<DateTime<Utc>>,
}

/// A policy embedded in a user, group or role.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct InlinePolicy {
    pub name: String,
    pub document: Json,
}

/// A managed policy attached to a principal.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct AttachedPolicy {
    pub name: String,
    pub arn: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct User {
    pub arn: String,
    pub account_id: String,
    pub name: String,
    #[serde(default)]
    pub user_id: Option<String>,
    #[serde(default)]
    pub path: Option<String>,
    pub created: DateTime<Utc>,
    /// Present when the user can sign in to the console.
    #[serde(default)]
    pub login_profile: Option<LoginProfile>,
    #[serde(default)]
    pub password_last_used: Option<DateTime<Utc>>,
    #[serde(default)]
    pub mfa_devices: Vec<MfaDevice>,
    #[serde(default)]
    pub access_keys: Vec<AccessKey>,
    #[serde(default)]
    pub groups: Vec<String>,
    #[serde(default)]
    pub inline_policies: Vec<InlinePolicy>,
    #[serde(default)]
    pub attached_policies: Vec<AttachedPolicy>,
    #[serde(default)]
    pub permissions_boundary: Option<String>,
    #[serde(default)]
    pub tags: Tags,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct LoginProfile {
    pub created: DateTime<Utc>,
    #[serde(default)]
    pub password_reset_required: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct MfaDevice {
    pub serial_number: String,
    #[serde(default)]
    pub enabled: Option<DateTime<Utc>>,
    /// `virtual`, `hardware` or `u2f` where known.
    #[serde(default)]
    pub kind: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct AccessKey {
    pub id: String,
    /// `Active` or `Inactive`.
    pub status: String,
    pub created: DateTime<Utc>,
    #[serde(default)]
    pub last_used: Option<DateTime<Utc>>,
    #[serde(default)]
    pub last_used_service: Option<String>,
    #[serde(default)]
    pub last_used_region: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Group {
    pub arn: String,
    pub account_id: String,
    pub name: String,
    #[serde(default)]
    pub path: Option<String>,
    #[serde(default)]
    pub inline_policies: Vec<InlinePolicy>,
    #[serde(default)]
    pub attached_policies: Vec<AttachedPolicy>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Role {
    pub arn: String,
    pub account_id: String,
    pub name: String,
    #[serde(default)]
    pub path: Option<String>,
    pub created: DateTime<Utc>,
    /// The assume-role (trust) policy document.
    pub trust_policy: Json,
    #[serde(default)]
    pub instance_profiles: Vec<String>,
    #[serde(default)]
    pub last_used: Option<DateTime<Utc>>,
    #[serde(default)]
    pub last_used_region: Option<String>,
    #[serde(default)]
    pub inline_policies: Vec<InlinePolicy>,
    #[serde(default)]
    pub attached_policies: Vec<AttachedPolicy>,
    #[serde(default)]
    pub permissions_boundary: Option<String>,
    /// True for roles AWS creates and manages (`/aws-service-role/`).
    #[serde(default)]
    pub service_linked: bool,
    #[serde(default)]
    pub tags: Tags,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ManagedPolicy {
    pub arn: String,
    /// The owning account, or `aws` for AWS-managed policies.
    pub account_id: String,
    pub name: String,
    #[serde(default)]
    pub aws_managed: bool,
    #[serde(default)]
    pub default_version_id: Option<String>,
    /// The default version's document.
    pub document: Json,
    #[serde(default)]
    pub attachment_count: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PasswordPolicyRecord {
    pub account_id: String,
    /// `None`: the account has no password policy (AWS's `NoSuchEntity`).
    #[serde(default)]
    pub policy: Option<PasswordPolicy>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct PasswordPolicy {
    #[serde(default)]
    pub minimum_password_length: u32,
    #[serde(default)]
    pub require_symbols: bool,
    #[serde(default)]
    pub require_numbers: bool,
    #[serde(default)]
    pub require_uppercase_characters: bool,
    #[serde(default)]
    pub require_lowercase_characters: bool,
    #[serde(default)]
    pub allow_users_to_change_password: bool,
    /// Days; `None` means passwords never expire.
    #[serde(default)]
    pub max_password_age: Option<u32>,
    /// How many previous passwords cannot be reused; `None` means no restriction.
    #[serde(default)]
    pub password_reuse_prevention: Option<u32>,
    #[serde(default)]
    pub hard_expiry: bool,
}

/// `GetAccountSummary`, the parts that matter for audits.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct AccountSummary {
    pub account_id: String,
    #[serde(default)]
    pub account_mfa_enabled: bool,
    #[serde(default)]
    pub account_access_keys_present: bool,
    #[serde(default)]
    pub users: u32,
    #[serde(default)]
    pub roles: u32,
    #[serde(default)]
    pub policies: u32,
    #[serde(default)]
    pub mfa_devices_in_use: u32,
}

/// The IAM credential report, parsed from its CSV.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CredentialReport {
    pub account_id: String,
    pub generated: DateTime<Utc>,
    #[serde(default)]
    pub rows: Vec<CredentialReportRow>,
    /// Whether the root user's MFA device is a virtual one (from `ListVirtualMFADevices`):
    /// `false` when the listing shows none for root, so an MFA device root has is a hardware
    /// or FIDO one; `null` when the listing failed or the snapshot predates schema 1.3.
    #[serde(default)]
    pub root_virtual_mfa: Option<bool>,
}

/// One row: a user, or `<root_account>`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CredentialReportRow {
    pub user: String,
    pub arn: String,
    #[serde(default)]
    pub password_enabled: bool,
    #[serde(default)]
    pub password_last_used: Option<DateTime<Utc>>,
    #[serde(default)]
    pub password_last_changed: Option<DateTime<Utc>>,
    #[serde(default)]
    pub mfa_active: bool,
    #[serde(default)]
    pub access_key_1_active: bool,
    #[serde(default)]
    pub access_key_1_last_rotated: Option<DateTime<Utc>>,
    #[serde(default)]
    pub access_key_1_last_used: Option<DateTime<Utc>>,
    #[serde(default)]
    pub access_key_2_active: bool,
    #[serde(default)]
    pub access_key_2_last_rotated: Option<DateTime<Utc>>,
    #[serde(default)]
    pub access_key_2_last_used: Option<DateTime<Utc>>,
}
