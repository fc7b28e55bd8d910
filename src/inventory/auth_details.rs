//! `aws iam get-account-authorization-details` output (the file Cloudsplaining and PMapper
//! users already have) read as an IAM-only inventory, so the IAM analysis runs without AWS
//! access.
//!
//! The file holds principals, groups, policies and trust policies, but not credentials: console
//! passwords, MFA devices, access keys, the password policy and the account summary are not in
//! it. Those are recorded as collection gaps, so the checks that need them say
//! `not-evaluated` instead of judging data that is not there.

use super::collections::op;
use super::iam::{AttachedPolicy, Group, Iam, InlinePolicy, ManagedPolicy, Role, User};
use super::{Account, Gap, Inventory};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::Value;
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum AuthDetailsError {
    #[error("cannot read {file}: {source}")]
    Io {
        file: std::path::PathBuf,
        source: std::io::Error,
    },
    #[error("{file}: not an authorization-details file: {message} (at {path}, line {line} column {column})")]
    Parse {
        file: std::path::PathBuf,
        message: String,
        path: String,
        line: usize,
        column: usize,
    },
    #[error("{file}: no users, groups, roles or policies with an ARN: is this `aws iam get-account-authorization-details` output?")]
    Empty { file: std::path::PathBuf },
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
struct File {
    user_detail_list: Vec<UserDetail>,
    group_detail_list: Vec<GroupDetail>,
    role_detail_list: Vec<RoleDetail>,
    policies: Vec<PolicyDetail>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct UserDetail {
    arn: String,
    user_name: String,
    #[serde(default)]
    user_id: Option<String>,
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    create_date: Option<Value>,
    #[serde(default)]
    user_policy_list: Vec<Inline>,
    #[serde(default)]
    group_list: Vec<String>,
    #[serde(default)]
    attached_managed_policies: Vec<Attached>,
    #[serde(default)]
    permissions_boundary: Option<Boundary>,
    #[serde(default)]
    tags: Vec<Tag>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct GroupDetail {
    arn: String,
    group_name: String,
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    group_policy_list: Vec<Inline>,
    #[serde(default)]
    attached_managed_policies: Vec<Attached>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct RoleDetail {
    arn: String,
    role_name: String,
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    create_date: Option<Value>,
    #[serde(default)]
    assume_role_policy_document: Value,
    #[serde(default)]
    instance_profile_list: Vec<InstanceProfile>,
    #[serde(default)]
    role_policy_list: Vec<Inline>,
    #[serde(default)]
    attached_managed_policies: Vec<Attached>,
    #[serde(default)]
    permissions_boundary: Option<Boundary>,
    #[serde(default)]
    tags: Vec<Tag>,
    #[serde(default)]
    role_last_used: Option<LastUsed>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct PolicyDetail {
    arn: String,
    #[serde(default)]
    policy_name: Option<String>,
    #[serde(default)]
    default_version_id: Option<String>,
    #[serde(default)]
    attachment_count: Option<i64>,
    #[serde(default)]
    policy_version_list: Vec<Version>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Version {
    #[serde(default)]
    document: Value,
    #[serde(default)]
    version_id: Option<String>,
    #[serde(default)]
    is_default_version: bool,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Inline {
    policy_name: String,
    #[serde(default)]
    policy_document: Value,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Attached {
    #[serde(default)]
    policy_name: Option<String>,
    policy_arn: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Boundary {
    #[serde(default)]
    permissions_boundary_arn: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct InstanceProfile {
    #[serde(default)]
    arn: Option<String>,
    #[serde(default)]
    instance_profile_name: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Tag {
    key: String,
    #[serde(default)]
    value: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct LastUsed {
    #[serde(default)]
    last_used_date: Option<Value>,
    #[serde(default)]
    region: Option<String>,
}

/// Dates are ISO 8601 strings in the CLI's output (epoch seconds in some tools' copies).
fn date(v: &Option<Value>) -> Option<DateTime<Utc>> {
    match v.as_ref()? {
        Value::String(s) => DateTime::parse_from_rfc3339(s)
            .ok()
            .map(|d| d.with_timezone(&Utc))
            .or_else(|| {
                chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S%z")
                    .ok()
                    .map(|d| d.and_utc())
            }),
        Value::Number(n) => n
            .as_f64()
            .and_then(|f| DateTime::from_timestamp(f as i64, 0)),
        _ => None,
    }
}

fn account_of(arn: &str) -> String {
    arn.split(':').nth(4).unwrap_or_default().to_string()
}

fn inline(list: Vec<Inline>) -> Vec<InlinePolicy> {
    list.into_iter()
        .map(|p| InlinePolicy {
            name: p.policy_name,
            document: p.policy_document,
        })
        .collect()
}

fn attached(list: Vec<Attached>) -> Vec<AttachedPolicy> {
    list.into_iter()
        .map(|a| AttachedPolicy {
            name: a
                .policy_name
                .unwrap_or_else(|| a.policy_arn.rsplit('/').next().unwrap_or_default().into()),
            arn: a.policy_arn,
        })
        .collect()
}

fn tags(list: Vec<Tag>) -> super::tags::Tags {
    list.into_iter().map(|t| (t.key, t.value)).collect()
}

pub fn load_auth_details(path: &Path) -> Result<Inventory, AuthDetailsError> {
    let text = std::fs::read_to_string(path).map_err(|source| AuthDetailsError::Io {
        file: path.to_path_buf(),
        source,
    })?;
    let collected_at = std::fs::metadata(path)
        .and_then(|m| m.modified())
        .map(DateTime::<Utc>::from)
        .unwrap_or_else(|_| Utc::now());
    parse(&text, path, collected_at)
}

pub fn parse(
    text: &str,
    path: &Path,
    collected_at: DateTime<Utc>,
) -> Result<Inventory, AuthDetailsError> {
    let de = &mut serde_json::Deserializer::from_str(text);
    let file: File = serde_path_to_error::deserialize(de).map_err(|e| {
        let inner = e.inner();
        AuthDetailsError::Parse {
            file: path.to_path_buf(),
            message: inner.to_string(),
            path: e.path().to_string(),
            line: inner.line(),
            column: inner.column(),
        }
    })?;
    let mut inv = Inventory::empty(collected_at);
    inv.iam.users = file
        .user_detail_list
        .into_iter()
        .map(|u| user(u, collected_at))
        .collect();
    inv.iam.groups = file.group_detail_list.into_iter().map(group).collect();
    inv.iam.roles = file
        .role_detail_list
        .into_iter()
        .map(|r| role(r, collected_at))
        .collect();
    inv.iam.policies = file.policies.into_iter().map(managed_policy).collect();
    let accounts = accounts_of(&inv.iam);
    if accounts.is_empty() {
        return Err(AuthDetailsError::Empty {
            file: path.to_path_buf(),
        });
    }
    for id in accounts {
        inv.gaps.extend(not_in_file(&id));
        inv.accounts.push(Account {
            id,
            alias: None,
            partition: "aws".into(),
            regions: Vec::new(),
            organization: None,
        });
    }
    Ok(inv)
}

fn user(u: UserDetail, collected_at: DateTime<Utc>) -> User {
    User {
        account_id: account_of(&u.arn),
        name: u.user_name,
        user_id: u.user_id,
        path: u.path,
        created: date(&u.create_date).unwrap_or(collected_at),
        login_profile: None,
        password_last_used: None,
        mfa_devices: Vec::new(),
        access_keys: Vec::new(),
        groups: u.group_list,
        inline_policies: inline(u.user_policy_list),
        attached_policies: attached(u.attached_managed_policies),
        permissions_boundary: u
            .permissions_boundary
            .and_then(|b| b.permissions_boundary_arn),
        tags: tags(u.tags),
        arn: u.arn,
    }
}

fn group(g: GroupDetail) -> Group {
    Group {
        account_id: account_of(&g.arn),
        name: g.group_name,
        path: g.path,
        inline_policies: inline(g.group_policy_list),
        attached_policies: attached(g.attached_managed_policies),
        arn: g.arn,
    }
}

fn role(r: RoleDetail, collected_at: DateTime<Utc>) -> Role {
    let service_linked = r
        .path
        .as_deref()
        .is_some_and(|p| p.starts_with("/aws-service-role/"));
    let last_used = r.role_last_used.as_ref();
    Role {
        account_id: account_of(&r.arn),
        name: r.role_name,
        path: r.path,
        created: date(&r.create_date).unwrap_or(collected_at),
        trust_policy: r.assume_role_policy_document,
        instance_profiles: r
            .instance_profile_list
            .into_iter()
            .filter_map(|p| p.arn.or(p.instance_profile_name))
            .collect(),
        last_used: last_used.and_then(|l| date(&l.last_used_date)),
        last_used_region: last_used.and_then(|l| l.region.clone()),
        inline_policies: inline(r.role_policy_list),
        attached_policies: attached(r.attached_managed_policies),
        permissions_boundary: r
            .permissions_boundary
            .and_then(|b| b.permissions_boundary_arn),
        service_linked,
        tags: tags(r.tags),
        arn: r.arn,
    }
}

/// A managed policy with its default version's document (the version marked default, else the
/// one the policy names).
fn managed_policy(p: PolicyDetail) -> ManagedPolicy {
    let aws_managed = p.arn.contains(":iam::aws:policy/");
    let default = p
        .policy_version_list
        .iter()
        .find(|v| v.is_default_version)
        .or_else(|| {
            p.policy_version_list
                .iter()
                .find(|v| v.version_id.is_some() && v.version_id == p.default_version_id)
        });
    ManagedPolicy {
        account_id: if aws_managed {
            "aws".into()
        } else {
            account_of(&p.arn)
        },
        name: p
            .policy_name
            .unwrap_or_else(|| p.arn.rsplit('/').next().unwrap_or_default().into()),
        aws_managed,
        default_version_id: p.default_version_id.clone(),
        document: default.map(|v| v.document.clone()).unwrap_or(Value::Null),
        attachment_count: p.attachment_count.unwrap_or(0).max(0) as u32,
        arn: p.arn,
    }
}

/// The accounts the file's principals and customer policies belong to, sorted.
fn accounts_of(iam: &Iam) -> Vec<String> {
    let mut accounts: Vec<String> = iam
        .users
        .iter()
        .map(|u| u.account_id.clone())
        .chain(iam.roles.iter().map(|r| r.account_id.clone()))
        .chain(iam.groups.iter().map(|g| g.account_id.clone()))
        .chain(
            iam.policies
                .iter()
                .filter(|p| !p.aws_managed)
                .map(|p| p.account_id.clone()),
        )
        .filter(|a| !a.is_empty())
        .collect();
    accounts.sort();
    accounts.dedup();
    accounts
}

/// What the file cannot tell about an account: every credential and account-wide IAM setting.
fn not_in_file(account: &str) -> Vec<Gap> {
    [
        (
            op::iam::GENERATE_CREDENTIAL_REPORT,
            "console passwords, MFA and access keys",
        ),
        (op::iam::GET_ACCOUNT_PASSWORD_POLICY, "the password policy"),
        (op::iam::GET_ACCOUNT_SUMMARY, "root account MFA and keys"),
    ]
    .into_iter()
    .map(|(operation, what)| Gap {
        service: operation.service.into(),
        region: "global".into(),
        operation: operation.name.into(),
        error: "NotInInput".into(),
        account_id: Some(account.to_string()),
        resource: None,
        message: Some(format!(
            "an authorization-details file does not contain {what}"
        )),
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_objects_and_encoded_documents() {
        let text = r#"{
          "UserDetailList": [{"UserName": "a", "Arn": "arn:aws:iam::111122223333:user/a",
            "CreateDate": "2024-01-02T03:04:05Z", "GroupList": ["g"],
            "UserPolicyList": [{"PolicyName": "p", "PolicyDocument": "%7B%22Statement%22%3A%5B%5D%7D"}],
            "AttachedManagedPolicies": [{"PolicyName": "AdministratorAccess", "PolicyArn": "arn:aws:iam::aws:policy/AdministratorAccess"}],
            "PermissionsBoundary": {"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": "arn:aws:iam::111122223333:policy/b"}}],
          "GroupDetailList": [{"GroupName": "g", "Arn": "arn:aws:iam::111122223333:group/g"}],
          "RoleDetailList": [{"RoleName": "r", "Arn": "arn:aws:iam::111122223333:role/aws-service-role/x/r",
            "Path": "/aws-service-role/x/", "AssumeRolePolicyDocument": {"Statement": []},
            "RoleLastUsed": {"LastUsedDate": "2024-05-01T00:00:00Z", "Region": "us-east-1"},
            "InstanceProfileList": [{"InstanceProfileName": "ip", "Arn": "arn:aws:iam::111122223333:instance-profile/ip"}]}],
          "Policies": [{"PolicyName": "b", "Arn": "arn:aws:iam::111122223333:policy/b", "DefaultVersionId": "v2",
            "AttachmentCount": 1, "PolicyVersionList": [
              {"VersionId": "v1", "IsDefaultVersion": false, "Document": {"Statement": []}},
              {"VersionId": "v2", "IsDefaultVersion": true, "Document": {"Version": "2012-10-17", "Statement": []}}]}]
        }"#;
        let inv = parse(text, Path::new("f.json"), Utc::now()).unwrap();
        let u = &inv.iam.users[0];
        assert_eq!(u.account_id, "111122223333");
        assert_eq!(u.groups, ["g"]);
        assert_eq!(
            u.inline_policies[0].document,
            "%7B%22Statement%22%3A%5B%5D%7D"
        );
        assert_eq!(
            u.permissions_boundary.as_deref(),
            Some("arn:aws:iam::111122223333:policy/b")
        );
        let r = &inv.iam.roles[0];
        assert!(r.service_linked);
        assert!(r.last_used.is_some());
        assert_eq!(r.instance_profiles.len(), 1);
        assert_eq!(inv.iam.policies[0].document["Version"], "2012-10-17");
        assert_eq!(inv.accounts.len(), 1);
        assert_eq!(inv.gaps.len(), 3);
    }

    #[test]
    fn errors_name_the_place() {
        let e = parse(
            r#"{"UserDetailList": [{"UserName": 3}]}"#,
            Path::new("f.json"),
            Utc::now(),
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("UserDetailList[0]"), "{e}");
        let e = parse("{}", Path::new("f.json"), Utc::now())
            .unwrap_err()
            .to_string();
        assert!(e.contains("get-account-authorization-details"), "{e}");
    }
}
