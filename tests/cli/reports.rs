//! Frameworks, per-control status, the Markdown, HTML and OCSF reports, baselines and
//! suppressions, as users run them.

use crate::common::{findings_of, json, palisade, run, temp_file};
use crate::tools;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

fn p(path: &Path) -> &str {
    path.to_str().expect("UTF-8 temp path")
}

#[test]
fn frameworks_list_and_show() {
    let (code, out, err) = run(palisade().args(["frameworks", "list", "--format", "json"]));
    assert_eq!(code, 0, "{err}");
    let list = json(&out);
    let ids: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, vec!["aws-fsbp", "cis-aws-3.0", "hipaa", "pci-dss-4.0"]);
    for f in list.as_array().unwrap() {
        assert!(f["automated"].as_u64().unwrap() > 10, "{f}");
        assert!(f["manual"].as_u64().unwrap() > 0, "{f}");
    }
    let (code, out, _) = run(palisade().args(["frameworks", "show", "hipaa"]));
    assert_eq!(code, 0);
    assert!(out.contains("164.312(b)  Audit controls"), "{out}");
    assert!(out.contains("policies: cloudtrail-"), "{out}");
    let (code, _, err) = run(palisade().args(["frameworks", "show", "sox"]));
    assert_eq!(code, 2);
    assert!(
        err.contains("no framework with id `sox`") && err.contains("hipaa"),
        "{err}"
    );
    let (code, _, err) = run(palisade().args(["scan", "--demo", "--framework", "sox"]));
    assert_eq!(code, 2);
    assert!(err.contains("unknown framework `sox`"), "{err}");
}

/// Every framework file references policies that exist, and every built-in policy evidences at
/// least one control; the built-in policies leave the mapping to the framework files.
#[test]
fn every_builtin_policy_maps_to_a_control() {
    let (code, out, err) = run(palisade().args(["policies", "list", "--format", "json"]));
    assert_eq!(code, 0, "{err}");
    let policies = json(&out);
    let (_, frameworks, _) = run(palisade().args(["frameworks", "list", "--format", "json"]));
    let mut mapped = std::collections::BTreeSet::new();
    for f in json(&frameworks).as_array().unwrap() {
        let id = f["id"].as_str().unwrap();
        let (code, shown, err) =
            run(palisade().args(["frameworks", "show", id, "--format", "json"]));
        assert_eq!(code, 0, "{err}");
        for c in json(&shown)["controls"].as_array().unwrap() {
            for p in c["policies"].as_array().unwrap() {
                mapped.insert(p.as_str().unwrap().to_string());
            }
        }
    }
    for p in policies.as_array().unwrap() {
        let id = p["id"].as_str().unwrap();
        assert!(
            mapped.contains(id),
            "policy {id} evidences no control of any framework"
        );
    }
    let raw = std::fs::read_dir(tools::root().join("policies"))
        .unwrap()
        .flatten()
        .filter(|d| d.path().is_dir())
        .flat_map(|d| std::fs::read_dir(d.path()).unwrap().flatten())
        .filter(|f| f.path().extension().is_some_and(|e| e == "rego"));
    for f in raw {
        let text = read(&f.path());
        assert!(
            !text.contains("#   frameworks:"),
            "{}: built-in policies map to controls in policies/frameworks/, not in METADATA",
            f.path().display()
        );
    }
}

/// A custom framework in DIR/frameworks, and a custom policy declaring a control: both load;
/// a reference to a policy that does not exist is an error naming it.
#[test]
fn custom_frameworks_and_declared_controls() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("frameworks")).unwrap();
    let fw = "id: acme\ntitle: ACME baseline\nversion: \"1\"\ndescription: In-house.\ncontrols:\n  - id: A-1\n    title: No public buckets\n    description: d\n    policies: [s3-bucket-public]\n  - id: A-2\n    title: Training\n    description: d\n    manual: Check the records.\n";
    std::fs::write(dir.path().join("frameworks/acme.yaml"), fw).unwrap();
    let (code, out, err) = run(palisade().args([
        "scan",
        "--demo",
        "--policies",
        p(dir.path()),
        "--framework",
        "acme",
        "--format",
        "json",
    ]));
    assert_eq!(code, 0, "{err}");
    let report = json(&out);
    let controls = &report["compliance"][0]["controls"];
    assert_eq!(controls[0]["status"], "fail");
    assert_eq!(controls[1]["status"], "manual");
    std::fs::write(
        dir.path().join("frameworks/acme.yaml"),
        fw.replace("[s3-bucket-public]", "[s3-bucket-publik]"),
    )
    .unwrap();
    let (code, _, err) = run(palisade().args(["scan", "--demo", "--policies", p(dir.path())]));
    assert_eq!(code, 2);
    assert!(
        err.contains("framework `acme` control A-1: there is no policy `s3-bucket-publik`"),
        "{err}"
    );
    assert!(
        err.contains("frameworks/acme.yaml:9:16\n"),
        "at the policy's mention in the control: {err}"
    );
}

struct Outputs {
    _dir: tempfile::TempDir,
    sarif: PathBuf,
    json: PathBuf,
    ocsf: PathBuf,
    markdown: PathBuf,
    html: PathBuf,
}

/// `scan --demo` writing every report, plus `extra` arguments.
fn scan_demo(extra: &[&str]) -> (i32, String, String, Outputs) {
    let dir = tempfile::tempdir().unwrap();
    let o = Outputs {
        sarif: dir.path().join("s.sarif"),
        json: dir.path().join("r.json"),
        ocsf: dir.path().join("o.jsonl"),
        markdown: dir.path().join("s.md"),
        html: dir.path().join("r.html"),
        _dir: dir,
    };
    let mut cmd = palisade();
    cmd.args([
        "scan",
        "--demo",
        "--sarif",
        p(&o.sarif),
        "--json",
        p(&o.json),
    ])
    .args([
        "--ocsf",
        p(&o.ocsf),
        "--markdown",
        p(&o.markdown),
        "--html",
        p(&o.html),
    ])
    .args(extra);
    let (code, out, err) = run(&mut cmd);
    (code, out, err, o)
}

/// The issue's "done when": every output at once, each valid.
#[test]
fn demo_with_frameworks_writes_every_report() {
    let (code, out, err, o) = scan_demo(&["--framework", "hipaa", "--framework", "pci-dss-4.0"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("HIPAA Security Rule") && out.contains("164.312(b)"),
        "{out}"
    );

    let summary = tools::validate_ocsf(&o.ocsf);
    // 309 failing results; (59 HIPAA + 250 PCI controls) × 2 accounts.
    assert!(
        summary.contains("927 events valid (309 detection, 618 compliance)"),
        "{summary}"
    );
    let events: Vec<Value> = read(&o.ocsf).lines().map(json).collect();
    let control = events
        .iter()
        .find(|e| e["class_uid"] == 2003 && e["compliance"]["control"] == "164.312(b)")
        .expect("a compliance finding for HIPAA 164.312(b)");
    assert_eq!(control["compliance"]["status"], "Fail");
    assert!(control["resources"]
        .as_array()
        .is_some_and(|r| !r.is_empty()));
    let detection = events.iter().find(|e| e["class_uid"] == 2004).unwrap();
    assert_eq!(detection["metadata"]["profiles"][0], "cloud");
    assert!(detection["resources"][0]["uid"]
        .as_str()
        .unwrap()
        .starts_with("arn:aws:"));

    let md = read(&o.markdown);
    assert!(md.len() <= 1024 * 1024);
    for control in [
        "164.312(a)(1)",
        "164.312(b)",
        "164.312(c)(1)",
        "164.312(d)",
        "164.312(e)(1)",
    ] {
        assert!(
            md.contains(&format!("| {control} |")),
            "markdown lacks {control}"
        );
    }
    assert!(md.contains("| 🟥 critical | 19 |"), "{md}");

    let html = read(&o.html);
    assert!(html.contains("Content-Security-Policy"));
    for external in ["<link", "src=\"http", "href=\"http", "@import", "url("] {
        assert!(!html.contains(external), "the HTML report loads {external}");
    }
    assert!(html.contains("id=\"fw-hipaa\"") && html.contains("id=\"fw-pci-dss-4.0\""));

    let sarif = json(&read(&o.sarif));
    crate::sarif::assert_schema_valid(&sarif);
    let compliance = &sarif["runs"][0]["properties"]["compliance"];
    assert_eq!(compliance[0]["id"], "hipaa");
    assert!(compliance[0]["summary"]["fail"].as_u64().unwrap() > 0);
    let report = json(&read(&o.json));
    let failing = &report["compliance"][0]["controls"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "164.312(b)")
        .unwrap()["failing"];
    assert!(
        failing[0]["arn"].as_str().unwrap().starts_with("arn:aws:"),
        "{failing}"
    );
}

#[test]
fn demo_markdown_summary() {
    let (code, out, err) = run(palisade().args([
        "scan",
        "--demo",
        "--framework",
        "hipaa",
        "--format",
        "markdown",
    ]));
    assert_eq!(code, 0, "{err}");
    insta::assert_snapshot!("demo_markdown_hipaa", out);
}

#[test]
fn a_scan_against_its_own_output_is_unchanged() {
    let (code, _, err, first) = scan_demo(&[]);
    assert_eq!(code, 0, "{err}");
    for baseline in [&first.sarif, &first.json] {
        let (code, out, err, o) = scan_demo(&["--baseline", p(baseline)]);
        assert_eq!(code, 0, "{err}");
        assert!(
            out.contains("0 new since baseline, 0 no longer failing"),
            "{out}"
        );
        let sarif = json(&read(&o.sarif));
        let results = sarif["runs"][0]["results"].as_array().unwrap();
        assert_eq!(results.len(), 309);
        assert!(results.iter().all(|r| r["baselineState"] == "unchanged"));
        let report = json(&read(&o.json));
        assert_eq!(report["summary"]["new_since_baseline"], 0);
        assert!(read(&o.markdown).contains("**0 new since baseline**"));
        let events: Vec<Value> = read(&o.ocsf).lines().map(json).collect();
        assert!(
            events.iter().all(|e| e["activity_id"] == 2),
            "unchanged is an Update"
        );
    }
}

/// A baseline that lacks one failing result and holds one that passes now.
#[test]
fn baseline_new_and_absent() {
    let (_, _, _, first) = scan_demo(&[]);
    let report = json(&read(&first.json));
    let passing = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["status"] == "pass" && f["policy_id"] == "s3-bucket-public")
        .unwrap()
        .clone();
    let mut sarif = json(&read(&first.sarif));
    let results = sarif["runs"][0]["results"].as_array_mut().unwrap();
    let dropped = results.remove(0);
    let mut fixed = results[0].clone();
    fixed["ruleId"] = "s3-bucket-public".into();
    fixed["message"]["text"] = "was public".into();
    fixed["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] =
        passing["resource"]["arn"].clone();
    let mut gone = fixed.clone();
    gone["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] =
        "arn:aws:s3:::deleted-bucket".into();
    gone["properties"]["accountId"] = "111122223333".into();
    gone["properties"]["region"] = "us-east-1".into();
    results.push(fixed);
    results.push(gone);
    let (_d, baseline) = temp_file("baseline.sarif", &sarif.to_string());
    let (code, out, err, o) = scan_demo(&["--baseline", p(&baseline)]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("1 new since baseline, 2 no longer failing"),
        "{out}"
    );
    assert!(
        out.contains("NO LONGER FAILING SINCE BASELINE (2)"),
        "{out}"
    );

    let sarif = json(&read(&o.sarif));
    crate::sarif::assert_schema_valid(&sarif);
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let new: Vec<&Value> = results
        .iter()
        .filter(|r| r["baselineState"] == "new")
        .collect();
    assert_eq!(new.len(), 1);
    assert_eq!(
        new[0]["partialFingerprints"],
        dropped["partialFingerprints"]
    );
    let absent: Vec<&Value> = results
        .iter()
        .filter(|r| r["baselineState"] == "absent")
        .collect();
    assert_eq!(absent.len(), 2);
    assert_eq!(
        (absent[0]["kind"].as_str(), absent[0]["level"].as_str()),
        (Some("pass"), Some("none"))
    );
    let text = absent[0]["message"]["text"].as_str().unwrap();
    assert_eq!(text.matches("[s3-bucket-public: ").count(), 1, "{text}");

    let json_report = json(&read(&o.json));
    assert_eq!(json_report["baseline"]["absent"][0]["now"], "pass");
    assert_eq!(json_report["baseline"]["absent"][1]["now"], "gone");
    assert_eq!(json_report["summary"]["new_since_baseline"], 1);
    tools::validate_ocsf(&o.ocsf);
    let events: Vec<Value> = read(&o.ocsf).lines().map(json).collect();
    let closed: Vec<&Value> = events.iter().filter(|e| e["activity_id"] == 3).collect();
    assert_eq!(
        closed.len(),
        2,
        "a passing check and a deleted resource are both resolved"
    );
    assert!(closed.iter().all(|e| e["status"] == "Resolved"));
    assert_eq!(closed[1]["cloud"]["account"]["uid"], "111122223333");
    assert_eq!(events.iter().filter(|e| e["activity_id"] == 1).count(), 1);
}

#[test]
fn a_baseline_that_is_not_a_report_is_an_error() {
    let (_d, bad) = temp_file("b.json", "{\"hello\": 1}");
    let (code, _, err) = run(palisade().args(["scan", "--demo", "--baseline", p(&bad)]));
    assert_eq!(code, 2);
    assert!(
        err.contains("neither a SARIF log nor a Palisade JSON report"),
        "{err}"
    );
    let (code, _, err) =
        run(palisade().args(["scan", "--demo", "--baseline", "/nonexistent.sarif"]));
    assert_eq!(code, 2);
    assert!(
        err.contains("cannot read the baseline /nonexistent.sarif"),
        "{err}"
    );
    assert_eq!(
        err.matches("os error 2").count(),
        1,
        "the cause once: {err}"
    );
}

const SUPPRESSIONS: &str = r#"
[[suppressions]]
policy = "s3-bucket-versioning-disabled"
resources = ["arn:aws:s3:::meridian-claims-etl-*"]
justification = "scratch bucket, recreated nightly (SEC-101)"
expires = 2099-12-31

[[suppressions]]
policy = "ec2-security-group-*-open-to-internet"
tags = { purpose = "dr-exercise-2025", owner = "*" }
justification = "disaster-recovery test VPC, no workloads (SEC-102)"

[[suppressions]]
policy = "iam-user-console-without-mfa"
resources = ["*"]
justification = "break-glass users, waiver ended"
expires = 2020-01-31
"#;

fn demo_config_with(extra: &str) -> (tempfile::TempDir, PathBuf) {
    let demo = read(&tools::root().join("src/demo/palisade.toml"));
    temp_file("palisade.toml", &format!("{demo}\n{extra}"))
}

#[test]
fn suppressions_mark_results_and_expire() {
    let (_d, config) = demo_config_with(SUPPRESSIONS);
    let (code, out, err, o) = scan_demo(&["--config", p(&config), "--fail-on", "critical"]);
    assert_eq!(code, 1, "critical findings remain: {err}");
    assert!(
        err.contains("suppression 3 (policy `iam-user-console-without-mfa`) expired on 2020-01-31"),
        "{err}"
    );
    assert!(out.contains("── EXPIRED SUPPRESSIONS (1) ──"), "{out}");
    let report = json(&read(&o.json));
    let scratch = findings_of(&report, "s3-bucket-versioning-disabled")
        .into_iter()
        .find(|f| f["resource"]["arn"] == "arn:aws:s3:::meridian-claims-etl-scratch")
        .unwrap();
    assert_eq!(scratch["status"], "suppressed");
    assert_eq!(
        scratch["suppression"]["justification"],
        "scratch bucket, recreated nightly (SEC-101)"
    );
    // The tag-matched entry: only the DR exercise's group.
    let sg: Vec<&Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| {
            f["policy_id"]
                .as_str()
                .unwrap()
                .starts_with("ec2-security-group-")
        })
        .filter(|f| matches!(f["status"].as_str(), Some("fail" | "suppressed")))
        .collect();
    assert!(sg.iter().any(|f| f["status"] == "suppressed"));
    for f in &sg {
        let tagged = f["resource"]["tags"]["purpose"] == "dr-exercise-2025";
        assert_eq!(f["status"] == "suppressed", tagged, "{f}");
    }
    // The expired entry suppresses nothing.
    let mfa = findings_of(&report, "iam-user-console-without-mfa");
    assert!(mfa.iter().any(|f| f["status"] == "fail"));
    assert!(mfa.iter().all(|f| f["status"] != "suppressed"));
    let uses = report["suppressions"].as_array().unwrap();
    assert_eq!(uses[2]["expired"], true);
    assert!(uses[2]["matched"].as_u64().unwrap() > 0);

    // SARIF for GitHub leaves suppressed results out; asked for, they carry the justification.
    let sarif = json(&read(&o.sarif));
    let suppressed = report["summary"]["suppressed"].as_u64().unwrap() as usize;
    let fail = report["summary"]["fail"].as_u64().unwrap() as usize;
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), fail);
    let (code, out, _) = run(palisade().args([
        "scan",
        "--demo",
        "--config",
        p(&config),
        "--format",
        "sarif",
        "--sarif-include-suppressed",
    ]));
    assert_eq!(code, 0);
    let sarif = json(&out);
    crate::sarif::assert_schema_valid(&sarif);
    let with: Vec<&Value> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r.get("suppressions").is_some())
        .collect();
    assert_eq!(with.len(), suppressed);
    assert_eq!(with[0]["suppressions"][0]["kind"], "external");
    assert_eq!(with[0]["suppressions"][0]["status"], "accepted");

    tools::validate_ocsf(&o.ocsf);
    let events: Vec<Value> = read(&o.ocsf).lines().map(json).collect();
    let s: Vec<&Value> = events
        .iter()
        .filter(|e| e["status"] == "Suppressed")
        .collect();
    assert_eq!(s.len(), suppressed);
    assert!(s[0]["status_detail"].as_str().unwrap().contains("SEC-10"));
    assert!(read(&o.markdown).contains("**expired** on 2020-01-31"));
    assert!(read(&o.html).contains("expired on 2020-01-31"));
}

#[test]
fn suppression_mistakes_are_named() {
    let cases = [
        ("[[suppressions]]\npolicy = \"s3-bucket-publik\"\nresources = [\"*\"]\njustification = \"x\"\n", "policy `s3-bucket-publik` matches none of the"),
        ("[[suppressions]]\npolicy = \"s3-bucket-public\"\nresources = [\"*\"]\njustification = \"\"\n", "empty justification"),
        ("[[suppressions]]\npolicy = \"s3-bucket-public\"\njustification = \"x\"\n", "selects no resources"),
        ("[[suppressions]]\npolicy = \"s3-bucket-public\"\nresources = [\"*\"]\njustification = \"x\"\nexpires = \"soon\"\n", "not a date"),
    ];
    for (text, expected) in cases {
        let (_d, config) = demo_config_with(text);
        let (code, _, err) = run(palisade().args(["scan", "--demo", "--config", p(&config)]));
        assert_eq!(code, 2, "{text}");
        assert!(err.contains(expected), "{expected:?} not in {err}");
    }
}

#[test]
fn every_suppression_naming_no_policy_is_located() {
    let text = "[[suppressions]]\npolicy = \"s3-bucket-publik\"\nresources = [\"*\"]\njustification = \"x\"\n\n[[suppressions]]\npolicy = \"s3-bucket-public\"\nresources = [\"*\"]\njustification = \"x\"\n\n[[suppressions]]\npolicy = \"iam-*-typo\"\nresources = [\"*\"]\njustification = \"x\"\n";
    let (_d, config) = demo_config_with(text);
    // The config's last line is the third entry's `justification`.
    let lines = read(&config).lines().count();
    let (code, _, err) = run(palisade().args(["scan", "--demo", "--config", p(&config)]));
    assert_eq!(code, 2, "{err}");
    // The first and the third entries name no policy; both are reported, each at its `policy`.
    let first = format!("palisade.toml:{}:10", lines - 12);
    let third = format!("palisade.toml:{}:10", lines - 2);
    assert!(err.contains(&first), "{first} not in {err}");
    assert!(err.contains(&third), "{third} not in {err}");
    assert!(
        err.contains("suppression 1: policy `s3-bucket-publik` matches none"),
        "{err}"
    );
    assert!(
        err.contains("suppression 3: policy `iam-*-typo` matches none"),
        "{err}"
    );
    assert!(!err.contains("suppression 2:"), "{err}");
    assert!(err.ends_with("has 2 errors\n"), "{err}");
}

/// Long cloud strings cannot push the step summary past GitHub's 1 MiB: it is cut, and says so.
#[test]
fn the_markdown_summary_stays_under_one_mebibyte() {
    let long = "x".repeat(30_000);
    let groups: Vec<Value> = (0..60)
        .map(|i| {
            let id = format!("sg-{i:04}{long}");
            serde_json::json!({
                "arn": format!("arn:aws:ec2:us-east-1:111122223333:security-group/{id}"),
                "account_id": "111122223333", "region": "us-east-1", "id": id, "name": id,
                "vpc_id": "vpc-1",
                "ingress": [{"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_blocks": ["0.0.0.0/0"]}]
            })
        })
        .collect();
    let snapshot = serde_json::json!({
        "schema_version": "1.0", "collected_at": "2026-11-20T12:00:00Z",
        "network": {"security_groups": groups}
    });
    let (dir, path) = temp_file("big.json", &snapshot.to_string());
    let md = dir.path().join("s.md");
    let (code, _, err) =
        run(palisade().args(["scan", "--snapshot", p(&path), "--markdown", p(&md)]));
    assert_eq!(code, 1, "{err}");
    let text = read(&md);
    assert!(text.len() <= 1024 * 1024, "{} bytes", text.len());
    assert!(
        text.contains("**Truncated:**"),
        "{}",
        &text[text.len() - 500..]
    );
    // Each group fails the SSH policy and the authorized-ports policy.
    assert!(
        text.starts_with("## Palisade: 120 failing"),
        "{}",
        &text[..200]
    );
}

/// A snapshot that lists no accounts still gets its control results, under the accounts of
/// its resources.
#[test]
fn ocsf_control_results_without_an_accounts_list() {
    let snapshot = serde_json::json!({
        "schema_version": "1.0", "collected_at": "2026-11-20T12:00:00Z",
        "storage": {"s3_buckets": [{
            "arn": "arn:aws:s3:::lonely", "account_id": "111122223333", "region": "us-east-1",
            "name": "lonely"
        }]}
    });
    let (dir, path) = temp_file("snap.json", &snapshot.to_string());
    let ocsf = dir.path().join("o.jsonl");
    let (code, _, err) = run(palisade().args([
        "scan",
        "--snapshot",
        p(&path),
        "--framework",
        "hipaa",
        "--ocsf",
        p(&ocsf),
        "--fail-on",
        "none",
    ]));
    assert_eq!(code, 0, "{err}");
    let summary = tools::validate_ocsf(&ocsf);
    assert!(summary.contains(" 59 compliance)"), "{summary}");
}

/// A SARIF written without suppressed results says so; rescanning against it leaves suppressed
/// results without a baseline state instead of calling them new. A JSON baseline has them all.
#[test]
fn suppressed_results_against_a_sarif_and_a_json_baseline() {
    let (_c, config) = demo_config_with(SUPPRESSIONS);
    let (_, _, err, first) = scan_demo(&["--config", p(&config)]);
    let sarif = json(&read(&first.sarif));
    assert_eq!(
        sarif["runs"][0]["properties"]["suppressedResultsIncluded"], false,
        "{err}"
    );
    for (baseline, suppressed_state) in [(&first.sarif, None), (&first.json, Some("unchanged"))] {
        let (code, _, err, o) = scan_demo(&["--config", p(&config), "--baseline", p(baseline)]);
        assert_eq!(code, 0, "{err}");
        let report = json(&read(&o.json));
        for f in report["findings"].as_array().unwrap() {
            let state = f.get("baseline_state").and_then(|s| s.as_str());
            match f["status"].as_str() {
                Some("fail") => assert_eq!(state, Some("unchanged"), "{f}"),
                Some("suppressed") => assert_eq!(state, suppressed_state, "{f}"),
                _ => assert_eq!(state, None, "{f}"),
            }
        }
    }
}

#[test]
fn a_report_written_to_a_pipe_stays_a_pipe() {
    // `--json /dev/stdout` or a named pipe must be written to, not replaced by a renamed
    // temporary file (which, run as root on /dev/null, would replace the device itself).
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("report.pipe");
    let c_path = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path and a plain mode.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let (code, _, err) = run(palisade().args(["scan", "--demo", "--json"]).arg(&fifo));
    assert_eq!(code, 0, "{err}");
    let received = reader.join().unwrap();
    assert!(json(&received)["findings"].is_array());
    let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(kind.is_fifo(), "the pipe was replaced by a {kind:?}");
}
