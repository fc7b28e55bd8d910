//! Principals and managed policies from `GetAccountAuthorizationDetails`: users (with what
//! the credential report and MFA listing add), groups, roles and the policies in use, each
//! with its documents decoded.

use super::credentials::UserCredentials;
use crate::collect::session::Session;
use crate::collect::time::to_chrono;
use crate::inventory::iam::*;
use crate::inventory::Tags;
use aws_sdk_iam::types as sdk;
use chrono::{DateTime, Utc};

/// IAM returns policy documents URL-encoded; they are stored parsed. A document that is not
/// JSON after decoding is kept as a string, so a policy can report it as malformed.
pub(crate) fn decode_document(raw: &str) -> serde_json::Value {
    let decoded = percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .map(|c| c.into_owned())
        .unwrap_or_else(|_| raw.to_string());
    serde_json::from_str(&decoded)
        .or_else(|_| serde_json::from_str(raw))
        .unwrap_or(serde_json::Value::String(decoded))
}

fn tags(list: &[sdk::Tag]) -> Tags {
    list.iter()
        .map(|t| (t.key().to_string(), t.value().to_string()))
        .collect()
}

fn inline(list: &[sdk::PolicyDetail]) -> Vec<InlinePolicy> {
    list.iter()
        .map(|p| InlinePolicy {
            name: p.policy_name().unwrap_or_default().to_string(),
            document: decode_document(p.policy_document().unwrap_or("{}")),
        })
        .collect()
}

fn attached(list: &[sdk::AttachedPolicy]) -> Vec<AttachedPolicy> {
    list.iter()
        .map(|p| AttachedPolicy {
            name: p.policy_name().unwrap_or_default().to_string(),
            arn: p.policy_arn().unwrap_or_default().to_string(),
        })
        .collect()
}

fn epoch() -> DateTime<Utc> {
    DateTime::UNIX_EPOCH
}

/// Adds one page of authorization details to `into`.
pub(super) fn add_page(
    s: &Session,
    page: &aws_sdk_iam::operation::get_account_authorization_details::GetAccountAuthorizationDetailsOutput,
    credentials: &mut UserCredentials,
    into: &mut Iam,
) {
    into.users.extend(
        page.user_detail_list()
            .iter()
            .map(|u| user(s, u, credentials)),
    );
    into.groups
        .extend(page.group_detail_list().iter().map(|g| group(s, g)));
    into.roles
        .extend(page.role_detail_list().iter().map(|r| role(s, r)));
    into.policies
        .extend(page.policies().iter().filter_map(|p| managed_policy(s, p)));
}

/// A user, with console access from the credential report and MFA devices from the virtual
/// MFA listing (or the report, for hardware and FIDO devices).
fn user(s: &Session, u: &sdk::UserDetail, credentials: &mut UserCredentials) -> User {
    let arn = u.arn().unwrap_or_default().to_string();
    let row = credentials.rows.get(&arn);
    let mut mfa_devices = credentials.mfa_devices.remove(&arn).unwrap_or_default();
    if mfa_devices.is_empty() && row.is_some_and(|r| r.mfa_active) {
        // Active MFA that is not a virtual device: hardware or FIDO key.
        mfa_devices.push(MfaDevice {
            serial_number: "(hardware or FIDO device)".into(),
            enabled: None,
            kind: None,
        });
    }
    User {
        account_id: s.account_id.clone(),
        name: u.user_name().unwrap_or_default().to_string(),
        user_id: u.user_id().map(str::to_string),
        path: u.path().map(str::to_string),
        created: u.create_date().map(to_chrono).unwrap_or_else(epoch),
        login_profile: row.filter(|r| r.password_enabled).map(|r| LoginProfile {
            created: r.password_last_changed.unwrap_or_else(epoch),
            password_reset_required: false,
        }),
        password_last_used: credentials
            .password_last_used
            .get(&arn)
            .copied()
            .or(row.and_then(|r| r.password_last_used)),
        mfa_devices,
        access_keys: Vec::new(),
        groups: u.group_list().to_vec(),
        inline_policies: inline(u.user_policy_list()),
        attached_policies: attached(u.attached_managed_policies()),
        permissions_boundary: u
            .permissions_boundary()
            .and_then(|b| b.permissions_boundary_arn())
            .map(str::to_string),
        tags: tags(u.tags()),
        arn,
    }
}

fn group(s: &Session, g: &sdk::GroupDetail) -> Group {
    Group {
        arn: g.arn().unwrap_or_default().to_string(),
        account_id: s.account_id.clone(),
        name: g.group_name().unwrap_or_default().to_string(),
        path: g.path().map(str::to_string),
        inline_policies: inline(g.group_policy_list()),
        attached_policies: attached(g.attached_managed_policies()),
    }
}

fn role(s: &Session, r: &sdk::RoleDetail) -> Role {
    let path = r.path().map(str::to_string);
    Role {
        arn: r.arn().unwrap_or_default().to_string(),
        account_id: s.account_id.clone(),
        name: r.role_name().unwrap_or_default().to_string(),
        service_linked: path
            .as_deref()
            .is_some_and(|p| p.starts_with("/aws-service-role/")),
        path,
        created: r.create_date().map(to_chrono).unwrap_or_else(epoch),
        trust_policy: decode_document(r.assume_role_policy_document().unwrap_or("{}")),
        instance_profiles: r
            .instance_profile_list()
            .iter()
            .map(|p| p.arn().to_string())
            .collect(),
        last_used: r
            .role_last_used()
            .and_then(|l| l.last_used_date())
            .map(to_chrono),
        last_used_region: r
            .role_last_used()
            .and_then(|l| l.region())
            .map(str::to_string),
        inline_policies: inline(r.role_policy_list()),
        attached_policies: attached(r.attached_managed_policies()),
        permissions_boundary: r
            .permissions_boundary()
            .and_then(|b| b.permissions_boundary_arn())
            .map(str::to_string),
        tags: tags(r.tags()),
    }
}

/// A customer-managed policy, or an AWS-managed one that is attached somewhere (the others
/// matter nowhere), with its default version's document.
fn managed_policy(s: &Session, p: &sdk::ManagedPolicyDetail) -> Option<ManagedPolicy> {
    let arn = p.arn().unwrap_or_default().to_string();
    let aws_managed = arn.contains(":iam::aws:policy/");
    let attachments = p.attachment_count().unwrap_or(0).max(0) as u32;
    if aws_managed && attachments == 0 {
        return None;
    }
    let default = p
        .policy_version_list()
        .iter()
        .find(|v| v.is_default_version());
    // The name is the ARN's last segment when the response leaves it out (moto does).
    let name = p
        .policy_name()
        .filter(|n| !n.is_empty())
        .or_else(|| arn.rsplit('/').next())
        .unwrap_or_default()
        .to_string();
    Some(ManagedPolicy {
        account_id: if aws_managed {
            "aws".into()
        } else {
            s.account_id.clone()
        },
        name,
        aws_managed,
        default_version_id: p.default_version_id().map(str::to_string),
        document: default
            .and_then(|v| v.document())
            .map(decode_document)
            .unwrap_or(serde_json::Value::Null),
        attachment_count: attachments,
        arn,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_are_url_decoded_and_parsed() {
        let raw = "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%5D%7D";
        assert_eq!(
            decode_document(raw),
            serde_json::json!({"Version": "2012-10-17", "Statement": []})
        );
        assert_eq!(decode_document("{\"a\":1}"), serde_json::json!({"a": 1}));
        assert_eq!(decode_document("not json"), serde_json::json!("not json"));
    }
}
