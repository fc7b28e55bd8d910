//! Segment flows the data does not describe: a CDE resource whose traffic from another
//! segment cannot be judged is `not-evaluated`, never a pass.

use crate::common::{findings_of, fixture, json, palisade, run, temp_file};
use std::path::Path;

const CDE_POLICY: &str = "ec2-cde-reachable-from-unallowed-segment";
const VAULT: &str = "arn:aws:rds:us-east-1:111122223333:db:vault";

fn scan(snapshot: &Path) -> serde_json::Value {
    let config = fixture("segment-flow-undescribed/palisade.toml");
    let (code, out, err) = run(palisade().args([
        "scan",
        "--snapshot",
        snapshot.to_str().unwrap(),
        "--config",
        config.to_str().unwrap(),
        "--format",
        "json",
        "--fail-on",
        "none",
    ]));
    assert_eq!(code, 0, "{err}");
    json(&out)
}

/// The vault's result of the CDE segmentation policy.
fn vault_result(report: &serde_json::Value) -> &serde_json::Value {
    let results = findings_of(report, CDE_POLICY);
    let vault: Vec<_> = results
        .into_iter()
        .filter(|f| f["resource"]["arn"] == VAULT)
        .collect();
    assert_eq!(vault.len(), 1, "{vault:?}");
    vault[0]
}

#[test]
fn a_cde_flow_from_an_undescribed_subnet_is_not_evaluated_not_pass() {
    // subnet-app's network ACL association is not in the data: whether app reaches the vault
    // cannot be told.
    let report = scan(&fixture("segment-flow-undescribed/snapshot.json"));
    let vault = vault_result(&report);
    assert_eq!(vault["status"], "not-evaluated", "{vault}");
    assert!(
        vault["message"]
            .as_str()
            .unwrap()
            .contains("ec2:DescribeNetworkAcls in us-east-1 of account 111122223333"),
        "{vault}"
    );
    let gap = report["gaps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["resource"] == VAULT)
        .expect("a gap for the vault");
    assert_eq!(
        gap["message"],
        "traffic from segment app to vault (segment cde) not analysed: subnet subnet-app has no network ACL in the data"
    );
}

#[test]
fn the_same_cde_flow_described_fails() {
    // The control: with the association in the data, the flow is judged and disallowed.
    let mut snapshot =
        json(&std::fs::read_to_string(fixture("segment-flow-undescribed/snapshot.json")).unwrap());
    let acls = snapshot["network"]["network_acls"].as_array_mut().unwrap();
    let acl = acls.iter_mut().find(|a| a["id"] == "acl-app").unwrap();
    acl["subnet_ids"] = serde_json::json!(["subnet-app"]);
    let (_dir, path) = temp_file("described.json", &snapshot.to_string());
    let report = scan(&path);
    let vault = vault_result(&report);
    assert_eq!(vault["status"], "fail", "{vault}");
    assert!(
        vault["message"].as_str().unwrap().contains("tcp/5432"),
        "{vault}"
    );
    assert!(
        !report["gaps"]
            .as_array()
            .unwrap()
            .iter()
            .any(|g| g["resource"] == VAULT),
        "{}",
        report["gaps"]
    );
}
