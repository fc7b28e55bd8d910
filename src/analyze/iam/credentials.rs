//! IAM credential facts: console access, MFA, and how old and how stale each credential is.

use crate::inventory::iam::User;
use crate::inventory::Inventory;
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct UserFacts {
    pub console_access: bool,
    pub mfa_enabled: bool,
    pub age_days: i64,
    /// Days since the console password was last used; `null` when never used.
    pub days_since_password_used: Option<i64>,
    pub access_keys: Vec<AccessKeyFacts>,
    /// Days since any credential (password or active key) was last used; `null` when never.
    pub days_since_last_activity: Option<i64>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AccessKeyFacts {
    pub id: String,
    pub active: bool,
    pub age_days: i64,
    /// `null` when the key was never used.
    pub days_since_used: Option<i64>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RoleFacts {
    pub age_days: i64,
    /// `null` when the role was never used (or AWS has no record of it: 400 days of history).
    pub days_since_used: Option<i64>,
}

/// Credential facts by user ARN and by role ARN.
pub fn analyze(inv: &Inventory) -> (BTreeMap<String, UserFacts>, BTreeMap<String, RoleFacts>) {
    let now = inv.collected_at;
    let users = inv
        .iam
        .users
        .iter()
        .map(|u| (u.arn.clone(), user_facts(u, now)))
        .collect();
    let roles = inv
        .iam
        .roles
        .iter()
        .map(|r| {
            let facts = RoleFacts {
                age_days: days_between(r.created, now),
                days_since_used: r.last_used.map(|t| days_between(t, now)),
            };
            (r.arn.clone(), facts)
        })
        .collect();
    (users, roles)
}

fn user_facts(u: &User, now: DateTime<Utc>) -> UserFacts {
    let access_keys: Vec<AccessKeyFacts> = u
        .access_keys
        .iter()
        .map(|k| AccessKeyFacts {
            id: k.id.clone(),
            active: k.status.eq_ignore_ascii_case("active"),
            age_days: days_between(k.created, now),
            days_since_used: k.last_used.map(|t| days_between(t, now)),
        })
        .collect();
    let console_access = u.login_profile.is_some();
    let last_activity = u
        .access_keys
        .iter()
        .filter(|k| k.status.eq_ignore_ascii_case("active"))
        .filter_map(|k| k.last_used)
        .chain(u.password_last_used.filter(|_| console_access))
        .max();
    UserFacts {
        console_access,
        mfa_enabled: !u.mfa_devices.is_empty(),
        age_days: days_between(u.created, now),
        days_since_password_used: u.password_last_used.map(|t| days_between(t, now)),
        access_keys,
        days_since_last_activity: last_activity.map(|t| days_between(t, now)),
    }
}

/// Whole days from `then` to `now`, never negative (clock skew in a snapshot is not an age).
fn days_between(then: chrono::DateTime<chrono::Utc>, now: chrono::DateTime<chrono::Utc>) -> i64 {
    (now - then).num_days().max(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::iam::{AccessKey, LoginProfile};

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn ages_are_measured_from_collection_time() {
        let mut inv = Inventory::empty(at("2026-06-01T00:00:00Z"));
        inv.iam.users.push(User {
            arn: "arn:aws:iam::1:user/a".into(),
            account_id: "1".into(),
            name: "a".into(),
            user_id: None,
            path: None,
            created: at("2025-06-01T00:00:00Z"),
            login_profile: Some(LoginProfile {
                created: at("2025-06-01T00:00:00Z"),
                password_reset_required: false,
            }),
            password_last_used: Some(at("2026-05-31T00:00:00Z")),
            mfa_devices: vec![],
            access_keys: vec![
                AccessKey {
                    id: "AKIA1".into(),
                    status: "Active".into(),
                    created: at("2026-01-01T00:00:00Z"),
                    last_used: None,
                    last_used_service: None,
                    last_used_region: None,
                },
                AccessKey {
                    id: "AKIA2".into(),
                    status: "Inactive".into(),
                    created: at("2026-07-01T00:00:00Z"),
                    last_used: Some(at("2026-05-01T00:00:00Z")),
                    last_used_service: None,
                    last_used_region: None,
                },
            ],
            groups: vec![],
            inline_policies: vec![],
            attached_policies: vec![],
            permissions_boundary: None,
            tags: Default::default(),
        });
        let f = &analyze(&inv).0["arn:aws:iam::1:user/a"];
        assert!(f.console_access && !f.mfa_enabled);
        assert_eq!(f.age_days, 365);
        assert_eq!(f.access_keys[0].age_days, 151);
        assert_eq!(f.access_keys[0].days_since_used, None);
        // A key created "after" collection (clock skew) is age 0, not negative.
        assert_eq!(f.access_keys[1].age_days, 0);
        // The inactive key's use does not count as activity; the password does.
        assert_eq!(f.days_since_last_activity, Some(1));
    }
}
