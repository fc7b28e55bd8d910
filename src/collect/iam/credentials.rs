//! Credentials: the credential report (console passwords, MFA, access key dates), virtual MFA
//! devices, and access key ids, listed only for users the report shows with a key.

use crate::collect::call::At;
use crate::collect::session::Session;
use crate::collect::time::to_chrono;
use crate::inventory::collections::op;
use crate::inventory::iam::*;
use aws_sdk_iam::types as sdk;
use chrono::{DateTime, Utc};
use std::collections::{BTreeMap, HashMap};

/// What the credential listings say about users, by user ARN, for building the users.
pub(super) struct UserCredentials {
    pub rows: BTreeMap<String, CredentialReportRow>,
    pub mfa_devices: HashMap<String, Vec<MfaDevice>>,
    pub password_last_used: HashMap<String, DateTime<Utc>>,
}

impl UserCredentials {
    pub fn new(
        report: Option<&CredentialReport>,
        users: &[sdk::User],
        virtual_mfa: &[sdk::VirtualMfaDevice],
    ) -> Self {
        let rows = report
            .map(|r| {
                r.rows
                    .iter()
                    .map(|row| (row.arn.clone(), row.clone()))
                    .collect()
            })
            .unwrap_or_default();
        let password_last_used = users
            .iter()
            .filter_map(|u| {
                u.password_last_used()
                    .map(|t| (u.arn().to_string(), to_chrono(t)))
            })
            .collect();
        let mut mfa_devices: HashMap<String, Vec<MfaDevice>> = HashMap::new();
        for d in virtual_mfa {
            if let Some(user) = d.user() {
                mfa_devices
                    .entry(user.arn().to_string())
                    .or_default()
                    .push(MfaDevice {
                        serial_number: d.serial_number().to_string(),
                        enabled: d.enable_date().map(to_chrono),
                        kind: Some("virtual".into()),
                    });
            }
        }
        UserCredentials {
            rows,
            mfa_devices,
            password_last_used,
        }
    }
}

/// Access key ids and states: one `ListAccessKeys` per user that the credential report shows
/// with a key (rotation and last-use dates come from the report).
pub(super) async fn access_keys(
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
            let at = At::global(op::iam::LIST_ACCESS_KEYS).on(&arn);
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
                    created: k
                        .create_date()
                        .map(to_chrono)
                        .unwrap_or(DateTime::UNIX_EPOCH),
                    last_used: used,
                    last_used_service: service,
                    last_used_region: region,
                }
            })
            .collect();
    }
}

/// Generates the credential report (polling while AWS builds it) and parses its CSV.
pub(super) async fn credential_report(
    s: &Session,
    iam: &aws_sdk_iam::Client,
) -> Option<CredentialReport> {
    for _ in 0..30 {
        let state = s
            .call(At::global(op::iam::GENERATE_CREDENTIAL_REPORT), || {
                iam.generate_credential_report().send()
            })
            .await?;
        if state.state().map(|st| st.as_str()) == Some("COMPLETE") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    }
    let at = At::global(op::iam::GET_CREDENTIAL_REPORT);
    let out = s.call(at, || iam.get_credential_report().send()).await?;
    let content = out
        .content()
        .map(|b| b.as_ref().to_vec())
        .unwrap_or_default();
    match parse_report(&content) {
        Ok(rows) => Some(CredentialReport {
            account_id: s.account_id.clone(),
            generated: out.generated_time().map(to_chrono).unwrap_or_else(Utc::now),
            rows,
            // Filled in from ListVirtualMFADevices once both calls are back.
            root_virtual_mfa: None,
        }),
        Err(e) => {
            s.record_gap(at, "MalformedReport".into(), e);
            None
        }
    }
}

/// Parses the credential report CSV. `N/A`, `not_supported` and `no_information` are "none".
pub(super) fn parse_report(csv_bytes: &[u8]) -> Result<Vec<CredentialReportRow>, String> {
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
