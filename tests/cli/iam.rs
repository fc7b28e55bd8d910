//! IAM analysis from an `aws iam get-account-authorization-details` file: findings, paths in
//! messages, principals as SARIF logical locations, and `palisade iam analyze`.

use crate::common::{json, palisade, run};

const FILE: &str = "tests/cli/fixtures/auth-details/escalation.json";

fn finding<'a>(
    report: &'a serde_json::Value,
    policy: &str,
    arn_end: &str,
) -> &'a serde_json::Value {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| {
            f["policy_id"] == policy && f["resource"]["arn"].as_str().unwrap().ends_with(arn_end)
        })
        .unwrap_or_else(|| panic!("no {policy} result for {arn_end}"))
}

#[test]
fn auth_details_file_runs_the_iam_checks_only() {
    let (code, out, err) =
        run(palisade().args(["scan", "--iam-auth-details", FILE, "--format", "json"]));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("IAM data only"), "{err}");
    let report = json(&out);
    // user/dev → role/builder (sts:AssumeRole) → iam:AttachRolePolicy, spelled out.
    let path = finding(&report, "iam-user-escalation-path", ":user/dev");
    assert_eq!(path["status"], "fail");
    assert!(
        path["message"]
            .as_str()
            .unwrap()
            .contains("user/dev → role/builder (sts:AssumeRole) → iam:AttachRolePolicy"),
        "{}",
        path["message"]
    );
    assert_eq!(
        finding(&report, "iam-role-privilege-escalation", ":role/builder")["status"],
        "fail"
    );
    // AdministratorAccess under a read-only boundary is neither admin nor escalating.
    for policy in [
        "iam-user-admin-equivalent",
        "iam-user-privilege-escalation",
        "iam-user-escalation-path",
    ] {
        assert_eq!(
            finding(&report, policy, ":user/capped")["status"],
            "pass",
            "{policy}"
        );
    }
    // Credentials are not in the file: never a pass or a fail.
    let statuses: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| {
            f["policy_id"] == "iam-user-console-without-mfa"
                || f["policy_id"] == "iam-password-policy-weak"
        })
        .map(|f| f["status"].as_str().unwrap())
        .collect();
    assert!(
        !statuses.is_empty() && statuses.iter().all(|s| *s == "not-evaluated"),
        "{statuses:?}"
    );
    // Only IAM policies ran.
    assert!(report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["policy_id"].as_str().unwrap().starts_with("iam-")));
}

#[test]
fn principals_are_sarif_logical_locations() {
    let (_, out, err) =
        run(palisade().args(["scan", "--iam-auth-details", FILE, "--format", "sarif"]));
    let sarif = json(&out);
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let path = results
        .iter()
        .find(|r| r["ruleId"] == "iam-user-escalation-path")
        .unwrap_or_else(|| panic!("{err}"));
    assert_eq!(
        path["locations"][0]["logicalLocations"][0]["fullyQualifiedName"],
        "arn:aws:iam::111122223333:user/dev"
    );
}

#[test]
fn iam_analyze_explains_what_was_neutralised() {
    let (code, out, err) = run(palisade().args(["iam", "analyze", "--iam-auth-details", FILE]));
    assert_eq!(code, 0, "{err}");
    let a = json(&out);
    let capped = &a["principals"]["arn:aws:iam::111122223333:user/capped"];
    assert!(capped["admin"].is_null());
    let by: Vec<&str> = capped["neutralised"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["method"] == "admin")
        .map(|n| n["by"].as_str().unwrap())
        .collect();
    assert_eq!(
        by,
        ["permissions boundary arn:aws:iam::111122223333:policy/read-only-boundary"]
    );
    let dev = &a["principals"]["arn:aws:iam::111122223333:user/dev"];
    assert_eq!(dev["path"]["hops"], 1);
    assert_eq!(dev["path"]["reaches"], "escalation");
}

#[test]
fn a_file_that_is_not_authorization_details_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, r#"{"UserDetailList": [{"UserName": 7}]}"#).unwrap();
    let (code, _, err) =
        run(palisade().args(["scan", "--iam-auth-details", bad.to_str().unwrap()]));
    assert_eq!(code, 2);
    assert!(err.contains("UserDetailList[0]"), "{err}");
    std::fs::write(&bad, "{}").unwrap();
    let (code, _, err) = run(palisade().args([
        "iam",
        "analyze",
        "--iam-auth-details",
        bad.to_str().unwrap(),
    ]));
    assert_eq!(code, 2);
    assert!(err.contains("get-account-authorization-details"), "{err}");
}

/// The held-out case of issue 12: the same NotAction allow in a customer-managed policy and in
/// the inline policies of a user, a group and a role is reported four times, each inline one on
/// its owner and naming the policy, with or without chunked evaluation.
#[test]
fn inline_not_action_allows_are_reported_like_managed_ones() {
    let not_iam = serde_json::json!({"Version": "2012-10-17", "Statement": [
        {"Sid": "AllButIam", "Effect": "Allow", "NotAction": "iam:*", "Resource": "arn:aws:s3:::logs/*"}
    ]});
    let inline = |name: &str| serde_json::json!([{"PolicyName": name, "PolicyDocument": not_iam}]);
    let arn = |what: &str| format!("arn:aws:iam::111122223333:{what}");
    let file = serde_json::json!({
        "UserDetailList": [{"UserName": "ann", "Arn": arn("user/ann"), "UserPolicyList": inline("ann-extra")}],
        "GroupDetailList": [{"GroupName": "ops", "Arn": arn("group/ops"), "GroupPolicyList": inline("ops-extra")}],
        "RoleDetailList": [{"RoleName": "etl", "Arn": arn("role/etl"), "RolePolicyList": inline("etl-extra"),
            "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
                {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}}],
        "Policies": [{"PolicyName": "broad", "Arn": arn("policy/broad"), "DefaultVersionId": "v1",
            "PolicyVersionList": [{"VersionId": "v1", "IsDefaultVersion": true, "Document": not_iam}]}]
    });
    let (_dir, path) = crate::common::temp_file("auth.json", &file.to_string());
    for chunking in [&[][..], &["--chunk-size", "1"][..]] {
        let (_, out, err) = run(palisade()
            .args(["scan", "--iam-auth-details", path.to_str().unwrap()])
            .args(["--format", "json"])
            .args(chunking));
        let report = json(&out);
        let fails: Vec<(&str, &str)> =
            crate::common::findings_of(&report, "iam-policy-not-action-or-not-resource-allow")
                .into_iter()
                .filter(|f| f["status"] == "fail")
                .map(|f| {
                    (
                        f["resource"]["arn"].as_str().unwrap(),
                        f["message"].as_str().unwrap(),
                    )
                })
                .collect();
        let arns: Vec<&str> = fails.iter().map(|f| f.0).collect();
        assert_eq!(
            arns,
            [
                arn("group/ops"),
                arn("policy/broad"),
                arn("role/etl"),
                arn("user/ann")
            ],
            "{chunking:?}: {err}"
        );
        for (owner, policy) in [("role etl", "etl-extra"), ("user ann", "ann-extra")] {
            assert!(
                fails.iter().any(|f| f.1.starts_with(&format!(
                    "Inline policy {policy} of {owner} (account 111122223333) has Allow statements"
                ))),
                "{fails:?}"
            );
        }
    }
}
