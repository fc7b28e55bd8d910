//! IAM with few calls: `GetAccountAuthorizationDetails` for every principal and policy with its
//! documents, the credential report for passwords, MFA and access keys, and a handful of
//! account-wide calls. Per-user calls are made only for users that have access keys (their ids).

use super::time::to_chrono;
use super::{At, Outcome, Session};
use crate::inventory::iam::*;
use crate::inventory::{Inventory, Tags};
use chrono::{DateTime, Utc};
use std::collections::{BTreeMap, HashMap};

const GLOBAL: &str = "global";

fn at<'a>(operation: &'static str, resource: Option<&'a str>) -> At<'a> {
    At {
        service: "iam",
        region: GLOBAL,
        operation,
        resource,
    }
}

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

fn tags(list: &[aws_sdk_iam::types::Tag]) -> Tags {
    list.iter()
        .map(|t| (t.key().to_string(), t.value().to_string()))
        .collect()
}

fn inline(list: &[aws_sdk_iam::types::PolicyDetail]) -> Vec<InlinePolicy> {
    list.iter()
        .map(|p| InlinePolicy {
            name: p.policy_name().unwrap_or_default().to_string(),
            document: decode_document(p.policy_document().unwrap_or("{}")),
        })
        .collect()
}

fn attached(list: &[aws_sdk_iam::types::AttachedPolicy]) -> Vec<AttachedPolicy> {
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

pub async fn collect(s: &Session, home_region: &str) -> Inventory {
    let iam = crate::client!(s, aws_sdk_iam, home_region);
    let mut inv = Inventory::empty(Utc::now());
    let (details, users, report, virtual_mfa, password, summary) = futures::join!(
        s.call(at("GetAccountAuthorizationDetails", None), || iam
            .get_account_authorization_details()
            .into_paginator()
            .send()
            .try_collect()),
        s.call(at("ListUsers", None), || iam
            .list_users()
            .into_paginator()
            .send()
            .try_collect()),
        credential_report(s, &iam),
        s.call(at("ListVirtualMFADevices", None), || iam
            .list_virtual_mfa_devices()
            .into_paginator()
            .send()
            .try_collect()),
        s.call_absent(
            at("GetAccountPasswordPolicy", None),
            &["NoSuchEntity"],
            || iam.get_account_password_policy().send()
        ),
        s.call(at("GetAccountSummary", None), || iam
            .get_account_summary()
            .send()),
    );

    match password {
        Outcome::Found(out) => inv.iam.password_policies.push(PasswordPolicyRecord {
            account_id: s.account_id.clone(),
            policy: out.password_policy().map(|p| PasswordPolicy {
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
        }),
        // No password policy is a fact (and a finding), not an error.
        Outcome::Absent => inv.iam.password_policies.push(PasswordPolicyRecord {
            account_id: s.account_id.clone(),
            policy: None,
        }),
        Outcome::Failed => {}
    }
    if let Some(out) = summary {
        let m = out.summary_map();
        let get =
            |k: aws_sdk_iam::types::SummaryKeyType| m.and_then(|m| m.get(&k)).copied().unwrap_or(0);
        use aws_sdk_iam::types::SummaryKeyType as K;
        inv.iam.account_summaries.push(AccountSummary {
            account_id: s.account_id.clone(),
            account_mfa_enabled: get(K::AccountMfaEnabled) > 0,
            account_access_keys_present: get(K::AccountAccessKeysPresent) > 0,
            users: get(K::Users).max(0) as u32,
            roles: get(K::Roles).max(0) as u32,
            policies: get(K::Policies).max(0) as u32,
            mfa_devices_in_use: get(K::MfaDevicesInUse).max(0) as u32,
        });
    }
    let password_last_used: HashMap<String, DateTime<Utc>> = users
        .iter()
        .flatten()
        .flat_map(|p| p.users())
        .filter_map(|u| {
            u.password_last_used()
                .map(|t| (u.arn().to_string(), to_chrono(t)))
        })
        .collect();
    let mut serials: HashMap<String, Vec<MfaDevice>> = HashMap::new();
    for page in virtual_mfa.iter().flatten() {
        for d in page.virtual_mfa_devices() {
            if let Some(user) = d.user() {
                serials
                    .entry(user.arn().to_string())
                    .or_default()
                    .push(MfaDevice {
                        serial_number: d.serial_number().to_string(),
                        enabled: d.enable_date().map(to_chrono),
                        kind: Some("virtual".into()),
                    });
            }
        }
    }
    let rows: BTreeMap<String, CredentialReportRow> = report
        .as_ref()
        .map(|r| {
            r.rows
                .iter()
                .map(|row| (row.arn.clone(), row.clone()))
                .collect()
        })
        .unwrap_or_default();

    for page in details.iter().flatten() {
        for u in page.user_detail_list() {
            let arn = u.arn().unwrap_or_default().to_string();
            let row = rows.get(&arn);
            let mut mfa_devices = serials.remove(&arn).unwrap_or_default();
            if mfa_devices.is_empty() && row.is_some_and(|r| r.mfa_active) {
                // Active MFA that is not a virtual device: hardware or FIDO key.
                mfa_devices.push(MfaDevice {
                    serial_number: "(hardware or FIDO device)".into(),
                    enabled: None,
                    kind: None,
                });
            }
            inv.iam.users.push(User {
                arn: arn.clone(),
                account_id: s.account_id.clone(),
                name: u.user_name().unwrap_or_default().to_string(),
                user_id: u.user_id().map(str::to_string),
                path: u.path().map(str::to_string),
                created: u.create_date().map(to_chrono).unwrap_or_else(epoch),
                login_profile: row.filter(|r| r.password_enabled).map(|r| LoginProfile {
                    created: r.password_last_changed.unwrap_or_else(epoch),
                    password_reset_required: false,
                }),
                password_last_used: password_last_used
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
            });
        }
        for g in page.group_detail_list() {
            inv.iam.groups.push(Group {
                arn: g.arn().unwrap_or_default().to_string(),
                account_id: s.account_id.clone(),
                name: g.group_name().unwrap_or_default().to_string(),
                path: g.path().map(str::to_string),
                inline_policies: inline(g.group_policy_list()),
                attached_policies: attached(g.attached_managed_policies()),
            });
        }
        for r in page.role_detail_list() {
            let path = r.path().map(str::to_string);
            inv.iam.roles.push(Role {
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
            });
        }
        for p in page.policies() {
            let arn = p.arn().unwrap_or_default().to_string();
            let aws_managed = arn.contains(":iam::aws:policy/");
            let attachments = p.attachment_count().unwrap_or(0).max(0) as u32;
            // AWS-managed policies matter only where they are used.
            if aws_managed && attachments == 0 {
                continue;
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
            inv.iam.policies.push(ManagedPolicy {
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
            });
        }
    }
    access_keys(s, &iam, &mut inv.iam.users, &rows).await;
    if let Some(report) = report {
        inv.iam.credential_reports.push(report);
    }
    inv
}

/// Access key ids and states: one `ListAccessKeys` per user that the credential report shows
/// with a key (rotation and last-use dates come from the report).
async fn access_keys(
    s: &Session,
    iam: &aws_sdk_iam::Client,
    users: &mut [User],
    rows: &BTreeMap<String, CredentialReportRow>,
) {
    let with_keys: Vec<usize> = users
        .iter()
        .enumerate()
        .filter(|(_, u)| {
            rows.get(&u.arn).is_none_or(|r| {
                r.access_key_1_last_rotated.is_some() || r.access_key_2_last_rotated.is_some()
            })
        })
        .map(|(i, _)| i)
        .collect();
    let listed = futures::future::join_all(with_keys.iter().map(|&i| {
        let name = users[i].name.clone();
        let arn = users[i].arn.clone();
        async move {
            let at = At {
                service: "iam",
                region: GLOBAL,
                operation: "ListAccessKeys",
                resource: Some(&arn),
            };
            s.call(at, || iam.list_access_keys().user_name(&name).send())
                .await
        }
    }))
    .await;
    for (&i, out) in with_keys.iter().zip(listed) {
        let Some(out) = out else { continue };
        let row = rows.get(&users[i].arn);
        let mut keys: Vec<_> = out.access_key_metadata().to_vec();
        keys.sort_by_key(|k| k.create_date().map(|d| d.secs()));
        users[i].access_keys = keys
            .iter()
            .enumerate()
            .map(|(n, k)| {
                let (used, service, region) = match (n, row) {
                    (0, Some(r)) => (r.access_key_1_last_used, None, None),
                    (1, Some(r)) => (r.access_key_2_last_used, None, None),
                    _ => (None, None, None),
                };
                AccessKey {
                    id: k.access_key_id().unwrap_or_default().to_string(),
                    status: k
                        .status()
                        .map(|s| s.as_str().to_string())
                        .unwrap_or_default(),
                    created: k.create_date().map(to_chrono).unwrap_or_else(epoch),
                    last_used: used,
                    last_used_service: service,
                    last_used_region: region,
                }
            })
            .collect();
    }
}

/// Generates the credential report (polling while AWS builds it) and parses its CSV.
async fn credential_report(s: &Session, iam: &aws_sdk_iam::Client) -> Option<CredentialReport> {
    for _ in 0..30 {
        let state = s
            .call(at("GenerateCredentialReport", None), || {
                iam.generate_credential_report().send()
            })
            .await?;
        if state.state().map(|st| st.as_str()) == Some("COMPLETE") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    }
    let out = s
        .call(at("GetCredentialReport", None), || {
            iam.get_credential_report().send()
        })
        .await?;
    let content = out
        .content()
        .map(|b| b.as_ref().to_vec())
        .unwrap_or_default();
    match parse_report(&content) {
        Ok(rows) => Some(CredentialReport {
            account_id: s.account_id.clone(),
            generated: out.generated_time().map(to_chrono).unwrap_or_else(Utc::now),
            rows,
        }),
        Err(e) => {
            s.record_gap(at("GetCredentialReport", None), "MalformedReport".into(), e);
            None
        }
    }
}

/// Parses the credential report CSV. `N/A`, `not_supported` and `no_information` are "none".
pub(crate) fn parse_report(csv_bytes: &[u8]) -> Result<Vec<CredentialReportRow>, String> {
    let mut reader = csv::Reader::from_reader(csv_bytes);
    let headers = reader.headers().map_err(|e| e.to_string())?.clone();
    let col = |name: &str| headers.iter().position(|h| h == name);
    let idx: HashMap<&str, usize> = [
        "user",
        "arn",
        "password_enabled",
        "password_last_used",
        "password_last_changed",
        "mfa_active",
        "access_key_1_active",
        "access_key_1_last_rotated",
        "access_key_1_last_used_date",
        "access_key_2_active",
        "access_key_2_last_rotated",
        "access_key_2_last_used_date",
    ]
    .into_iter()
    .filter_map(|n| col(n).map(|i| (n, i)))
    .collect();
    if !idx.contains_key("arn") {
        return Err("credential report has no `arn` column".into());
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| e.to_string())?;
        let text = |n: &str| idx.get(n).and_then(|i| record.get(*i)).unwrap_or("");
        let flag = |n: &str| text(n).eq_ignore_ascii_case("true");
        let date = |n: &str| {
            DateTime::parse_from_rfc3339(text(n))
                .ok()
                .map(|d| d.with_timezone(&Utc))
        };
        rows.push(CredentialReportRow {
            user: text("user").to_string(),
            arn: text("arn").to_string(),
            password_enabled: flag("password_enabled"),
            password_last_used: date("password_last_used"),
            password_last_changed: date("password_last_changed"),
            mfa_active: flag("mfa_active"),
            access_key_1_active: flag("access_key_1_active"),
            access_key_1_last_rotated: date("access_key_1_last_rotated"),
            access_key_1_last_used: date("access_key_1_last_used_date"),
            access_key_2_active: flag("access_key_2_active"),
            access_key_2_last_rotated: date("access_key_2_last_rotated"),
            access_key_2_last_used: date("access_key_2_last_used_date"),
        });
    }
    Ok(rows)
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

    #[test]
    fn credential_report_rows() {
        let csv = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated\n\
<root_account>,arn:aws:iam::111122223333:root,2020-01-01T00:00:00+00:00,not_supported,2026-11-01T10:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n\
alice,arn:aws:iam::111122223333:user/alice,2021-01-01T00:00:00+00:00,true,no_information,2021-01-02T00:00:00+00:00,N/A,false,true,2021-01-03T00:00:00+00:00,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n";
        let rows = parse_report(csv.as_bytes()).unwrap();
        assert_eq!(rows.len(), 2);
        assert!(rows[0].mfa_active && !rows[0].password_enabled);
        let alice = &rows[1];
        assert!(alice.password_enabled && alice.access_key_1_active);
        assert_eq!(alice.password_last_used, None);
        assert!(
            alice.access_key_1_last_rotated.is_some() && alice.access_key_1_last_used.is_none()
        );
        assert!(parse_report(b"user\nx\n").is_err());
    }
}
