//! Collection gaps: a check whose data could not be read says `not-evaluated`, never pass, and
//! only for the scope the gap covers.

use crate::common::{findings_of, fixture, json, palisade, run};

fn scan(path: &std::path::Path) -> serde_json::Value {
    let (code, out, err) = run(palisade().args([
        "scan",
        "--snapshot",
        path.to_str().unwrap(),
        "--format",
        "json",
        "--fail-on",
        "none",
    ]));
    assert_eq!(code, 0, "{err}");
    json(&out)
}

#[test]
fn flow_log_gap_makes_only_that_region_not_evaluated() {
    let report = scan(&fixture("gap-flow-logs.json"));
    let flow = findings_of(&report, "ec2-vpc-flow-logs-disabled");
    let east: Vec<_> = flow
        .iter()
        .filter(|f| f["resource"]["region"] == "us-east-1")
        .collect();
    let west: Vec<_> = flow
        .iter()
        .filter(|f| f["resource"]["region"] == "eu-west-1")
        .collect();
    assert_eq!(east.len(), 1);
    assert_eq!(east[0]["status"], "not-evaluated", "{}", east[0]);
    assert!(east[0]["message"]
        .as_str()
        .unwrap()
        .contains("ec2:DescribeFlowLogs in us-east-1"));
    // The other region's data was read: that VPC really has no flow log.
    assert_eq!(west.len(), 1);
    assert_eq!(west[0]["status"], "fail");
}

#[test]
fn a_gap_does_not_touch_policies_that_do_not_read_the_collection() {
    let report = scan(&fixture("gap-flow-logs.json"));
    let ssh = findings_of(&report, "ec2-security-group-ssh-open-to-internet");
    assert_eq!(ssh.len(), 1);
    assert_eq!(ssh[0]["status"], "fail");
}

#[test]
fn a_gap_with_no_resource_in_scope_is_still_reported() {
    // GuardDuty could not be listed: there is no detector to mark, yet the check must not pass.
    let text = std::fs::read_to_string(fixture("gap-flow-logs.json"))
        .unwrap()
        .replace(
            r#""service": "ec2", "region": "us-east-1", "operation": "DescribeFlowLogs""#,
            r#""service": "guardduty", "region": "eu-west-1", "operation": "ListDetectors""#,
        );
    let (_d, path) = crate::common::temp_file("gd.json", &text);
    let report = scan(&path);
    let gd = findings_of(&report, "guardduty-detector-disabled");
    let west: Vec<_> = gd
        .iter()
        .filter(|f| f["resource"]["region"] == "eu-west-1")
        .collect();
    assert!(!west.is_empty());
    assert!(
        west.iter().all(|f| f["status"] == "not-evaluated"),
        "{west:?}"
    );
    assert!(gd
        .iter()
        .any(|f| f["resource"]["region"] == "us-east-1" && f["status"] == "fail"));
    assert!(!gd.iter().any(|f| f["status"] == "pass"));
}

#[test]
fn terminal_lists_gaps() {
    let (_, out, _) = run(palisade().args([
        "scan",
        "--snapshot",
        fixture("gap-flow-logs.json").to_str().unwrap(),
    ]));
    assert!(out.contains("COLLECTION GAPS (1)"), "{out}");
    assert!(out.contains("NOT EVALUATED"), "{out}");
}

#[test]
fn a_broken_policy_becomes_an_error_result_and_the_others_go_on() {
    let dir = fixture("policies/runtime-error");
    let (code, out, err) = run(palisade().args([
        "scan",
        "--snapshot",
        fixture("gap-flow-logs.json").to_str().unwrap(),
        "--policies",
        dir.to_str().unwrap(),
        "--format",
        "json",
    ]));
    assert_eq!(code, 1, "the real findings still set the exit code: {err}");
    assert!(err.contains("1 policy evaluation error"), "{err}");
    let report = json(&out);
    let broken = findings_of(&report, "ec2-message-not-a-string");
    assert_eq!(broken.len(), 1);
    assert_eq!(broken[0]["status"], "error");
    assert!(broken[0]["message"]
        .as_str()
        .unwrap()
        .contains("no string `message`"));
    assert_eq!(
        findings_of(&report, "ec2-security-group-ssh-open-to-internet")[0]["status"],
        "fail"
    );
}

/// `logs:DescribeDeliveries` was denied: whether a standard logging (v2) delivery carries a
/// distribution's access logs is unknown, so the logging policy is `not-evaluated` for every
/// distribution of the account (even one with legacy logging on: the gap covers the account),
/// while the policies that read only the distribution config still judge.
#[test]
fn unread_log_deliveries_blind_only_the_cloudfront_logging_policy() {
    let report = scan(&fixture("gap-cloudfront-deliveries.json"));
    let arn = |id: &str| format!("arn:aws:cloudfront::111122223333:distribution/{id}");
    let status = |policy: &str, id: &str| -> String {
        let of: Vec<_> = findings_of(&report, policy)
            .into_iter()
            .filter(|f| f["resource"]["arn"] == arn(id).as_str())
            .collect();
        assert_eq!(of.len(), 1, "{policy} on {id}: {of:?}");
        of[0]["status"].as_str().unwrap().to_string()
    };
    for id in ["E1NOLOGS", "E2LEGACYLOGS"] {
        assert_eq!(
            status("cloudfront-distribution-logging-disabled", id),
            "not-evaluated"
        );
        assert_eq!(
            status("cloudfront-distribution-viewer-http-allowed", id),
            "pass"
        );
    }
    assert_eq!(
        status("cloudfront-distribution-waf-disabled", "E1NOLOGS"),
        "fail"
    );
    assert_eq!(
        status("cloudfront-distribution-waf-disabled", "E2LEGACYLOGS"),
        "pass"
    );
    assert_eq!(
        report["summary"]["not_evaluated"], 2,
        "{}",
        report["summary"]
    );
}

/// A load balancer whose attributes and TLS policy could not be read: exactly the policies that
/// name those calls in `needs` are `not-evaluated` for it; the rest of what was read about it
/// (its listeners, its zones) is still judged, and the other load balancer is untouched. The
/// calls fill optional fields, so no other policy reading load balancers (the reachability
/// analysis) is blinded.
#[test]
fn unread_load_balancer_attributes_blind_only_the_policies_that_need_them() {
    let report = scan(&fixture("gap-elb-attributes.json"));
    let web = "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/web/1";
    let api = "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/api/2";
    let status = |policy: &str, arn: &str| -> String {
        let of: Vec<_> = findings_of(&report, policy)
            .into_iter()
            .filter(|f| f["resource"]["arn"] == arn)
            .collect();
        assert_eq!(of.len(), 1, "{policy} on {arn}: {of:?}");
        of[0]["status"].as_str().unwrap().to_string()
    };
    for policy in [
        "elbv2-load-balancer-deletion-protection-disabled",
        "elbv2-load-balancer-access-logs-disabled",
        "elbv2-alb-invalid-headers-not-dropped",
        "elbv2-alb-desync-mitigation-monitor-only",
        "elbv2-listener-tls-policy-outdated",
    ] {
        assert_eq!(status(policy, web), "not-evaluated", "{policy}");
    }
    assert_eq!(
        status("elbv2-alb-http-listener-not-redirected-to-https", web),
        "fail"
    );
    assert_eq!(
        status("elbv2-load-balancer-single-availability-zone", web),
        "pass"
    );
    assert_eq!(
        status("elbv2-load-balancer-deletion-protection-disabled", api),
        "fail"
    );
    assert_eq!(status("elbv2-listener-tls-policy-outdated", api), "pass");
    assert_eq!(
        report["summary"]["not_evaluated"], 5,
        "{}",
        report["summary"]
    );
}
