//! Hostile strings from the cloud (names and tags are attacker-controlled) must not break any
//! output: SARIF stays valid for GitHub, the terminal gets no control sequences, JSON round-trips.

use crate::common::{json, palisade, run, temp_file};

const EVIL: &str = "evil \"quoted\" <script>alert(1)</script> \u{1b}[31mred\u{1b}[0m ../../etc \u{202e}txt.exe\r\nnext";

fn snapshot() -> String {
    let sg_id = format!("sg-{EVIL}");
    let arn = format!("arn:aws:ec2:us-east-1:111122223333:security-group/{sg_id}");
    serde_json::json!({
        "schema_version": "1.0",
        "collected_at": "2026-11-20T12:00:00Z",
        "network": {"security_groups": [{
            "arn": arn, "account_id": "111122223333", "region": "us-east-1",
            "id": sg_id, "name": EVIL, "vpc_id": "vpc-1",
            "tags": {EVIL: EVIL},
            "ingress": [{"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_blocks": ["0.0.0.0/0"], "description": EVIL}]
        }]},
        "storage": {"s3_buckets": [{
            "arn": "arn:aws:s3:::bucket with spaces:and:colons", "account_id": "111122223333",
            "region": "us-east-1", "name": EVIL
        }]}
    })
    .to_string()
}

#[test]
fn sarif_stays_valid_with_hostile_names() {
    let (_d, path) = temp_file("evil.json", &snapshot());
    let (code, out, err) = run(palisade().args([
        "scan",
        "--snapshot",
        path.to_str().unwrap(),
        "--format",
        "sarif",
    ]));
    assert_eq!(code, 1, "{err}");
    let sarif = json(&out);
    crate::sarif::assert_schema_valid(&sarif);
    crate::sarif::assert_github_rules(&sarif);
    assert!(!sarif["runs"][0]["results"].as_array().unwrap().is_empty());
}

#[test]
fn terminal_output_has_no_control_sequences() {
    let (_d, path) = temp_file("evil.json", &snapshot());
    let (_, out, _) = run(palisade().args(["scan", "--snapshot", path.to_str().unwrap()]));
    assert!(!out.contains('\u{1b}'), "raw ESC reached the terminal");
    assert!(!out.contains('\r'), "raw CR reached the terminal");
    assert!(
        !out.contains('\u{202e}'),
        "bidi override reached the terminal"
    );
    assert!(
        out.contains("\\u{1b}[31mred"),
        "escaped form is shown instead:\n{out}"
    );
}

#[test]
fn json_round_trips_hostile_strings() {
    let (_d, path) = temp_file("evil.json", &snapshot());
    let (_, out, _) = run(palisade().args([
        "scan",
        "--snapshot",
        path.to_str().unwrap(),
        "--format",
        "json",
    ]));
    let report = json(&out);
    let names: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["resource"]["name"].as_str())
        .collect();
    assert!(names.iter().any(|n| n.contains("<script>")), "{names:?}");
}
