//! Account-wide IAM settings: the password policy (none is a fact, not an error), the
//! account summary (root MFA, root keys), the kind of root's MFA device, server certificates.

use crate::collect::call::Outcome;
use crate::collect::session::Session;
use crate::collect::time::to_chrono;
use crate::inventory::iam::{
    AccountSummary, PasswordPolicy, PasswordPolicyRecord, ServerCertificate,
};
use aws_sdk_iam::operation::get_account_password_policy::GetAccountPasswordPolicyOutput;
use aws_sdk_iam::operation::get_account_summary::GetAccountSummaryOutput;
use aws_sdk_iam::types::SummaryKeyType as K;

/// The account's password policy record; nothing when the call failed (a gap).
pub(super) fn password_policy(
    s: &Session,
    found: Outcome<GetAccountPasswordPolicyOutput>,
) -> Option<PasswordPolicyRecord> {
    let policy = match found {
        Outcome::Found(out) => out.password_policy().map(|p| PasswordPolicy {
            minimum_password_length: p.minimum_password_length().unwrap_or(0).max(0) as u32,
            require_symbols: p.require_symbols(),
            require_numbers: p.require_numbers(),
            require_uppercase_characters: p.require_uppercase_characters(),
            require_lowercase_characters: p.require_lowercase_characters(),
            allow_users_to_change_password: p.allow_users_to_change_password(),
            max_password_age: p.max_password_age().filter(|d| *d > 0).map(|d| d as u32),
            password_reuse_prevention: p
                .password_reuse_prevention()
                .filter(|d| *d > 0)
                .map(|d| d as u32),
            hard_expiry: p.hard_expiry().unwrap_or(false),
        }),
        // No password policy is a fact (and a finding), not an error.
        Outcome::Absent => None,
        Outcome::Failed => return None,
    };
    Some(PasswordPolicyRecord {
        account_id: s.account_id.clone(),
        policy,
    })
}

pub(super) fn account_summary(s: &Session, out: &GetAccountSummaryOutput) -> AccountSummary {
    let m = out.summary_map();
    let get = |k: K| m.and_then(|m| m.get(&k)).copied().unwrap_or(0);
    AccountSummary {
        account_id: s.account_id.clone(),
        account_mfa_enabled: get(K::AccountMfaEnabled) > 0,
        account_access_keys_present: get(K::AccountAccessKeysPresent) > 0,
        users: get(K::Users).max(0) as u32,
        roles: get(K::Roles).max(0) as u32,
        policies: get(K::Policies).max(0) as u32,
        mfa_devices_in_use: get(K::MfaDevicesInUse).max(0) as u32,
    }
}

/// Is one of the virtual MFA devices assigned to the root user (`arn:…:iam::ACCOUNT:root`)?
pub(super) fn root_has_virtual_mfa(devices: &[aws_sdk_iam::types::VirtualMfaDevice]) -> bool {
    devices
        .iter()
        .filter_map(|d| d.user())
        .any(|u| u.arn().ends_with(":root"))
}

pub(super) fn server_certificate(
    s: &Session,
    c: &aws_sdk_iam::types::ServerCertificateMetadata,
) -> ServerCertificate {
    ServerCertificate {
        arn: c.arn().to_string(),
        account_id: s.account_id.clone(),
        name: c.server_certificate_name().to_string(),
        path: Some(c.path().to_string()).filter(|p| !p.is_empty()),
        expiration: c.expiration().map(to_chrono),
        uploaded: c.upload_date().map(to_chrono),
    }
}
