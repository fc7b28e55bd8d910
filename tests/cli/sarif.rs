//! SARIF: valid against the official 2.1.0 schema, and within every rule GitHub code scanning
//! enforces on upload (one bad result rejects the whole file).

use crate::common::{fixture, json, palisade, run};
use serde_json::Value;
use std::collections::BTreeSet;

fn schema_validator() -> jsonschema::Validator {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cli/schemas/sarif-2.1.0.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::validator_for(&schema).expect("the SARIF schema compiles")
}

pub fn assert_schema_valid(sarif: &Value) {
    let validator = schema_validator();
    let errors: Vec<String> = validator
        .iter_errors(sarif)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(
        errors.is_empty(),
        "SARIF schema errors:\n{}",
        errors.join("\n")
    );
}

/// The rules of GitHub code scanning's SARIF upload, as documented (see FIELD.md).
pub fn assert_github_rules(sarif: &Value) {
    let runs = sarif["runs"].as_array().expect("runs");
    assert_eq!(runs.len(), 1, "exactly one run per file");
    let run = &runs[0];
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    let mut rule_ids = Vec::new();
    for rule in rules {
        let id = rule["id"].as_str().expect("rule id");
        rule_ids.push(id.to_string());
        assert!(
            !rule["shortDescription"]["text"]
                .as_str()
                .unwrap()
                .is_empty(),
            "{id}"
        );
        let full = rule["fullDescription"]["text"].as_str().unwrap();
        assert!(
            !full.is_empty() && full.chars().count() <= 1024,
            "{id}: fullDescription"
        );
        assert!(
            !rule["help"]["text"].as_str().unwrap().is_empty(),
            "{id}: help.text"
        );
        assert!(
            !rule["help"]["markdown"].as_str().unwrap().is_empty(),
            "{id}: help.markdown"
        );
        let tags: Vec<&str> = rule["properties"]["tags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap())
            .collect();
        assert!(tags.contains(&"security"), "{id}: tags need `security`");
        assert!(tags.len() <= 20, "{id}: {} tags", tags.len());
        let sev = rule["properties"]["security-severity"]
            .as_str()
            .unwrap_or_else(|| panic!("{id}: security-severity must be a string"));
        let score: f64 = sev.parse().unwrap();
        assert!((0.1..=10.0).contains(&score), "{id}: {score}");
    }
    let unique: BTreeSet<&String> = rule_ids.iter().collect();
    assert_eq!(unique.len(), rule_ids.len(), "rule ids are unique");
    let results = run["results"]
        .as_array()
        .expect("results is an array, even when empty");
    assert!(results.len() <= 25_000);
    let mut fingerprints = BTreeSet::new();
    for r in results {
        let rule_id = r["ruleId"].as_str().unwrap();
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rule_ids[index], rule_id, "ruleIndex points at the rule");
        assert!(["error", "warning", "note"].contains(&r["level"].as_str().unwrap()));
        assert!(!r["message"]["text"].as_str().unwrap().is_empty());
        let loc = &r["locations"][0];
        let uri = loc["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .expect("uri");
        assert!(!uri.is_empty());
        assert!(!uri.contains(' '), "space in {uri}");
        assert!(!uri.starts_with('/'), "absolute {uri}");
        let first = uri.split('/').next().unwrap();
        assert!(!first.contains(':'), "scheme-like {uri}");
        assert!(
            uri.split('/')
                .all(|s| s != ".." && s != "." && !s.is_empty()),
            "{uri}"
        );
        assert!(
            loc["physicalLocation"]["region"]["startLine"]
                .as_u64()
                .unwrap()
                >= 1
        );
        let arn = loc["logicalLocations"][0]["fullyQualifiedName"]
            .as_str()
            .unwrap();
        assert!(arn.starts_with("arn:"), "{arn}");
        let fp = r["partialFingerprints"]["primaryLocationLineHash"]
            .as_str()
            .unwrap();
        assert!(!fp.is_empty());
        assert!(
            fingerprints.insert((rule_id.to_string(), fp.to_string())),
            "duplicate alert {rule_id} {fp}"
        );
    }
}

fn demo_sarif() -> Value {
    let (code, out, err) = run(palisade().args(["scan", "--demo", "--format", "sarif"]));
    assert_eq!(code, 0, "{err}");
    json(&out)
}

#[test]
fn demo_sarif_is_schema_valid() {
    assert_schema_valid(&demo_sarif());
}

#[test]
fn demo_sarif_follows_github_rules() {
    let sarif = demo_sarif();
    assert_github_rules(&sarif);
    assert!(
        !sarif["runs"][0]["results"].as_array().unwrap().is_empty(),
        "the demo has failures"
    );
}

#[test]
fn schema_validation_catches_a_broken_log() {
    // The validator is real: a result without a message is rejected.
    let mut sarif = demo_sarif();
    sarif["runs"][0]["results"][0]
        .as_object_mut()
        .unwrap()
        .remove("message");
    assert!(!schema_validator().is_valid(&sarif));
}

#[test]
fn empty_results_are_an_empty_array() {
    let (code, out, err) = run(palisade().args([
        "scan",
        "--snapshot",
        fixture("empty.json").to_str().unwrap(),
        "--format",
        "sarif",
    ]));
    assert_eq!(code, 0, "{err}");
    let sarif = json(&out);
    assert_eq!(sarif["runs"][0]["results"], serde_json::json!([]));
    assert_schema_valid(&sarif);
    assert_github_rules(&sarif);
}

#[test]
fn fingerprints_are_stable_across_runs_and_only_failures_are_reported() {
    let a = demo_sarif();
    let b = demo_sarif();
    assert_eq!(a, b);
    let (_, out, _) = run(palisade().args(["scan", "--demo", "--format", "json"]));
    let report = json(&out);
    let fails = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["status"] == "fail")
        .count();
    assert_eq!(a["runs"][0]["results"].as_array().unwrap().len(), fails);
}
