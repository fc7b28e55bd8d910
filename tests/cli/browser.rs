//! The HTML report in a real browser (headless Chromium through playwright-core): it renders,
//! logs no errors, loads nothing, sorts and filters; hostile names and tags stay text.

use crate::common::{palisade, run, temp_file};
use crate::tools;

const XSS: [&str; 3] = [
    "<img src=x onerror=window.__xss=1>",
    "<script>window.__xss=1</script>",
    "\"'><svg onload=window.__xss=1>",
];

fn scan_to_html(args: &[&str]) -> (tempfile::TempDir, std::path::PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("report.html");
    let (code, _, err) = run(palisade()
        .args([
            "scan",
            "--html",
            html.to_str().unwrap(),
            "--fail-on",
            "none",
        ])
        .args(args));
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&html).unwrap();
    (dir, html, text)
}

#[test]
fn the_demo_report_works_in_chromium() {
    let (dir, html, _) = scan_to_html(&[
        "--demo",
        "--framework",
        "hipaa",
        "--framework",
        "cis-aws-3.0",
    ]);
    let summary = tools::check_in_browser(&html, &dir.path().join("shot.png"));
    assert_eq!(summary["rows"], 1274, "{summary}");
    assert_eq!(
        summary["visibleInitial"], 309,
        "failing results first: {summary}"
    );
    assert!(
        summary["screenshotBytes"].as_u64().unwrap() > 50_000,
        "{summary}"
    );
}

#[test]
fn hostile_names_and_tags_stay_text_in_the_browser() {
    let groups: Vec<serde_json::Value> = XSS
        .iter()
        .enumerate()
        .map(|(i, evil)| {
            let id = format!("sg-{i}{evil}");
            serde_json::json!({
                "arn": format!("arn:aws:ec2:us-east-1:111122223333:security-group/{id}"),
                "account_id": "111122223333", "region": "us-east-1", "id": id, "name": evil,
                "vpc_id": "vpc-1", "tags": {*evil: *evil, "Name": evil},
                "ingress": [{"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_blocks": ["0.0.0.0/0"], "description": evil}]
            })
        })
        .collect();
    let snapshot = serde_json::json!({
        "schema_version": "1.0", "collected_at": "2026-11-20T12:00:00Z",
        "accounts": [{"id": "111122223333", "alias": XSS[1], "partition": "aws", "regions": [XSS[0]]}],
        "network": {"security_groups": groups}
    });
    let (_d, path) = temp_file("evil.json", &snapshot.to_string());
    let (dir, html, text) = scan_to_html(&[
        "--snapshot",
        path.to_str().unwrap(),
        "--framework",
        "pci-dss-4.0",
    ]);
    for evil in XSS {
        assert!(!text.contains(evil), "unescaped {evil} in the page");
    }
    assert!(text.contains("&lt;img src=x onerror=window.__xss=1&gt;"));
    assert!(text.contains("&quot;&#39;&gt;&lt;svg"));
    let summary = tools::check_in_browser(&html, &dir.path().join("shot.png"));
    assert_eq!(summary["xss"], false, "{summary}");
}

#[test]
fn an_empty_report_works_in_chromium() {
    let snapshot = r#"{"schema_version": "1.0", "collected_at": "2026-11-20T12:00:00Z"}"#;
    let (_d, path) = temp_file("empty.json", snapshot);
    let (dir, html, text) = scan_to_html(&["--snapshot", path.to_str().unwrap()]);
    assert!(text.contains("No failing findings."));
    tools::check_in_browser(&html, &dir.path().join("shot.png"));
}
