//! `palisade policies list|show|test`, and the promises about the built-in policy set.

use crate::common::{fixture, json, palisade, run};
use std::collections::BTreeSet;

fn listed() -> serde_json::Value {
    let (code, out, err) = run(palisade().args(["policies", "list", "--format", "json"]));
    assert_eq!(code, 0, "{err}");
    json(&out)
}

#[test]
fn at_least_forty_uniquely_identified_policies() {
    let list = listed();
    let ids: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    let unique: BTreeSet<&&str> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len());
    assert!(ids.len() >= 40, "{} policies", ids.len());
}

/// Every built-in policy evidences a HIPAA or PCI DSS control, and nearly all both. The
/// segment policies are the exception by nature: a cardholder data environment is PCI DSS's
/// concept and PHI HIPAA's, and mapping one to the other framework would be invented evidence.
/// A few availability and hardening checks evidence only an AWS Foundational Security Best
/// Practices control: neither HIPAA nor PCI DSS asks for them, and a mapping would be padding.
#[test]
fn every_builtin_policy_maps_to_hipaa_and_pci() {
    // Web application firewalls: PCI DSS 6.4.1/6.4.2 (and FSBP) name them; HIPAA does not.
    // Nor does it name anti-spoofing (PCI DSS 1.4.3: the source/destination check).
    let one_framework = [
        "apigateway-stage-waf-disabled",
        "cloudfront-distribution-waf-disabled",
        "ec2-cde-reachable-from-internet",
        "ec2-cde-reachable-from-unallowed-segment",
        "ec2-instance-source-dest-check-disabled",
        "opensearch-domain-node-to-node-encryption-disabled",
        "elbv2-alb-waf-disabled",
        "rds-phi-data-store-reachable-from-public-subnet",
        "wafv2-web-acl-no-rules",
    ];
    let fsbp_only = [
        "ecr-repository-no-lifecycle-policy",
        "ecr-repository-tags-mutable",
        "elbv2-alb-desync-mitigation-monitor-only",
        "elbv2-alb-invalid-headers-not-dropped",
        "elbv2-load-balancer-deletion-protection-disabled",
        "elasticache-replication-group-automatic-failover-disabled",
        "elbv2-load-balancer-single-availability-zone",
        "lambda-function-vpc-single-availability-zone",
        "opensearch-domain-error-logging-disabled",
        "opensearch-domain-fewer-than-three-data-nodes",
        "rds-instance-copy-tags-to-snapshots-disabled",
        "rds-instance-enhanced-monitoring-disabled",
        "rds-instance-multi-az-disabled",
        "redshift-cluster-default-database-name",
        "redshift-cluster-enhanced-vpc-routing-disabled",
    ];
    for p in listed().as_array().unwrap() {
        let id = p["id"].as_str().unwrap();
        let fw = &p["frameworks"];
        let hipaa = fw["hipaa"].as_array().is_some_and(|c| !c.is_empty());
        let pci = fw["pci-dss-4.0"].as_array().is_some_and(|c| !c.is_empty());
        let fsbp = fw["aws-fsbp"].as_array().is_some_and(|c| !c.is_empty());
        if fsbp_only.contains(&id) {
            assert!(
                fsbp && !hipaa && !pci,
                "{id}: expected an FSBP mapping only"
            );
        } else if one_framework.contains(&id) {
            assert!(hipaa || pci, "{id} maps to no framework");
        } else {
            assert!(hipaa, "{id} has no HIPAA mapping");
            assert!(pci, "{id} has no PCI DSS mapping");
        }
        assert!(!p["remediation"].as_str().unwrap().is_empty());
        assert!(p["builtin"].as_bool().unwrap());
    }
}

#[test]
fn text_list_shows_ids_and_severities() {
    let (code, out, _) = run(palisade().args(["policies", "list"]));
    assert_eq!(code, 0);
    assert!(out.contains("iam-root-mfa-disabled"));
    assert!(out.contains("critical"));
}

#[test]
fn show_renders_the_documentation() {
    let (code, out, _) = run(palisade().args([
        "policies",
        "show",
        "ec2-security-group-ssh-open-to-internet",
    ]));
    assert_eq!(code, 0);
    insta::assert_snapshot!("show_ssh", out);
}

#[test]
fn builtin_policy_tests_pass() {
    let (code, out, err) = run(palisade().args(["policies", "test"]));
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains(" passed, 0 failed"), "{out}");
}

#[test]
fn every_builtin_policy_has_failing_and_passing_tests() {
    let (_, out, _) = run(palisade().args(["policies", "test", "--format", "json"]));
    let results = json(&out);
    for p in listed().as_array().unwrap() {
        let file = p["file"]
            .as_str()
            .unwrap()
            .trim_end_matches(".rego")
            .to_string()
            + "_test.rego";
        let names: Vec<&str> = results
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["file"] == file.as_str())
            .map(|r| r["name"].as_str().unwrap())
            .collect();
        assert!(
            names.iter().any(|n| n.starts_with("test_fail_")),
            "{file}: no test_fail_ case"
        );
        assert!(
            names.iter().any(|n| n.starts_with("test_pass_")),
            "{file}: no test_pass_ case"
        );
    }
}

#[test]
fn a_failing_policy_test_exits_one() {
    let (code, out, _) = run(palisade().args([
        "policies",
        "test",
        fixture("policies/failing-test").to_str().unwrap(),
    ]));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("FAIL"), "{out}");
    assert!(out.contains("test_fail_wrongly_expects_a_finding"), "{out}");
}

#[test]
fn custom_policies_use_builtin_libraries_without_the_builtin_checks() {
    let (code, out, err) = run(palisade().args([
        "scan",
        "--snapshot",
        fixture("gap-flow-logs.json").to_str().unwrap(),
        "--no-builtin",
        "--policies",
        fixture("policies/uses-lib").to_str().unwrap(),
        "--format",
        "json",
    ]));
    assert_eq!(code, 1, "{err}");
    let report = json(&out);
    let ids: BTreeSet<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["policy_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, BTreeSet::from(["ec2-sg-open-to-world"]));
    assert!(out.contains("sg-1 admits 0.0.0.0/0"), "{out}");
}

/// `palisade policies test tests/cli/fixtures/policies/DIR --engines both`.
fn engines_both(dir: &str) -> (i32, String, String) {
    let dir = fixture(&format!("policies/{dir}"));
    run(palisade()
        .args(["policies", "test"])
        .arg(dir)
        .args(["--engines", "both"]))
}

#[test]
fn engines_both_compares_a_custom_directory_on_both_engines() {
    let (code, out, err) = engines_both("uses-lib");
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains(
            "engines: 1 of 1 policies give identical findings on both engines over 7 inventories (the demo and 6 generated from it); 0 failed to evaluate"
        ),
        "{out}"
    );

    // A policy whose evidence holds the clock can never agree with itself: reported, exit 1.
    let (code, out, err) = engines_both("differs-between-runs");
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.contains("ENGINES DIFFER ec2-sg-stamped on the demo:"),
        "{out}"
    );
    assert!(out.contains("engines: 0 of 1 policies"), "{out}");

    // A construct the compiled engine would get wrong (a multi-value rule with a reference
    // head) is refused by its compiler: the policy runs on the interpreter, said so, exit 0.
    let (code, out, err) = engines_both("ref-head");
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("WARNING ec2-sg-crowded-vpc does not compile, so it runs on the interpreter and was not compared; the compiler says:")
            && out.contains("ec2-sg-crowded-vpc.rego:14:7")
            && out.contains("multi-value rules with a reference head"),
        "{out}"
    );
    assert!(!out.contains("ENGINES DIFFER"), "{out}");
    assert!(
        out.contains("engines: 0 of 0 compiled policies give identical findings on both engines over 7 inventories (the demo and 6 generated from it); 0 failed to evaluate; 1 did not compile and was not compared"),
        "{out}"
    );

    // A builtin given the wrong type stops both engines: an error, and a warning that the
    // compiled engine's chunk was evaluated again on the interpreter.
    let (code, out, err) = engines_both("type-error");
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.contains("ERROR ec2-sg-type-error on the demo:"),
        "{out}"
    );
    assert!(
        out.contains("WARNING ec2-sg-type-error on the demo: the compiled engine failed on 1 chunk(s), which ran on the interpreter"),
        "{out}"
    );
    assert!(!out.contains("does not compile"), "{out}");
}
