//! Bad input exits 2 with one clear message naming the culprit; never a panic.

use crate::common::{fixture, palisade, run, temp_file};

fn assert_error(args: &[&str], expect: &[&str]) {
    let (code, out, err) = run(palisade().args(args));
    assert_eq!(code, 2, "stdout: {out}\nstderr: {err}");
    for e in expect {
        assert!(err.contains(e), "stderr lacks {e:?}:\n{err}");
    }
    assert!(!err.contains("panicked"), "{err}");
    assert!(!err.contains("RUST_BACKTRACE"), "{err}");
}

#[test]
fn truncated_snapshot_names_file_and_line() {
    let (_d, p) = temp_file(
        "trunc.json",
        "{\n \"schema_version\": \"1.0\",\n \"iam\": {\"users\": [",
    );
    assert_error(
        &["scan", "--snapshot", p.to_str().unwrap()],
        &["trunc.json:3:", "not valid JSON"],
    );
}

#[test]
fn malformed_field_names_the_json_path() {
    assert_error(
        &[
            "scan",
            "--snapshot",
            fixture("wrong-type.json").to_str().unwrap(),
        ],
        &["wrong-type.json:", "storage.ebs_volumes[0].encrypted"],
    );
}

#[test]
fn unknown_schema_version_is_refused() {
    let (_d, p) = temp_file(
        "v9.json",
        r#"{"schema_version":"9.0","collected_at":"2026-01-01T00:00:00Z"}"#,
    );
    assert_error(
        &["scan", "--snapshot", p.to_str().unwrap()],
        &["v9.json", "\"9.0\" is not supported"],
    );
}

#[test]
fn missing_snapshot_file() {
    assert_error(
        &["scan", "--snapshot", "/nonexistent/snap.json"],
        &["/nonexistent/snap.json"],
    );
    let (_, _, err) = run(palisade().args(["scan", "--snapshot", "/nonexistent/snap.json"]));
    assert_eq!(
        err.matches("No such file").count(),
        1,
        "the cause is said once: {err}"
    );
}

#[test]
fn not_a_snapshot_at_all() {
    let (_d, p) = temp_file("array.json", "[1, 2, 3]");
    assert_error(
        &["scan", "--snapshot", p.to_str().unwrap()],
        &["array.json"],
    );
    let (_d, p) = temp_file("binary.json", "\u{0}\u{1}garbage");
    assert_error(
        &["scan", "--snapshot", p.to_str().unwrap()],
        &["binary.json:1:"],
    );
}

#[test]
fn rego_syntax_error_names_file_and_line() {
    let dir = fixture("policies/syntax-error");
    assert_error(
        &["scan", "--demo", "--policies", dir.to_str().unwrap()],
        &["ec2-broken-syntax.rego:", "Rego error"],
    );
    let (_, _, err) = run(palisade().args(["scan", "--demo", "--policies", dir.to_str().unwrap()]));
    assert!(
        err.contains("ec2-broken-syntax.rego:30:"),
        "line number of the error: {err}"
    );
}

#[test]
fn duplicate_policy_id_names_both_files() {
    let dir = fixture("policies/duplicate-id");
    assert_error(
        &["scan", "--demo", "--policies", dir.to_str().unwrap()],
        &[
            "duplicate policy id `ec2-security-group-ssh-open-to-internet`",
            "policies/ec2/ec2-security-group-ssh-open-to-internet.rego",
            "duplicate-id/ec2-security-group-ssh-open-to-internet.rego:8:5\n",
        ],
    );
}

#[test]
fn missing_metadata_field_names_the_policy() {
    let dir = fixture("policies/missing-metadata");
    assert_error(
        &["policies", "list", "--policies", dir.to_str().unwrap()],
        &[
            "missing `custom.severity`",
            "ec2-no-severity.rego:7:3\n",
            "ec2-no-severity.rego has 1 error",
        ],
    );
}

/// Two broken policies in one `--policies` directory: both reported, each at the line of its
/// METADATA at fault, then one summary; exit 2.
#[test]
fn every_broken_policy_is_reported_in_one_run() {
    let dir = fixture("policies/two-broken");
    let (code, _, err) =
        run(palisade().args(["scan", "--demo", "--policies", dir.to_str().unwrap()]));
    assert_eq!(code, 2, "{err}");
    let severity =
        "error: unknown severity \"severe\": expected critical, high, medium, low or info\n --> ";
    let at_severity = "two-broken/ec2-vpc-bad-severity.rego:7:15\n  |\n7 | #   severity: severe\n  |               ^^^^^^\n";
    let scope = "error: `network.vpc` is not an inventory collection (see docs/policy-authoring.md for the list)\n --> ";
    let at_scope = "two-broken/ec2-vpc-unknown-collection.rego:9:12\n  |\n9 | #   scope: network.vpc\n  |            ^^^^^^^^^^^\n";
    for expected in [severity, at_severity, scope, at_scope] {
        assert!(err.contains(expected), "stderr lacks {expected:?}:\n{err}");
    }
    assert!(
        err.ends_with("palisade: error: cannot load the policies: 2 errors in 2 files\n"),
        "{err}"
    );
}

/// Two mistakes in a custom framework (`DIR/frameworks/acme.yaml`): both reported at the line of
/// their control; with broken policies beside it, those are reported in the same run.
#[test]
fn every_framework_mistake_is_reported_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("frameworks")).unwrap();
    let fw = "id: acme\ntitle: ACME baseline\nversion: \"1\"\ndescription: In-house.\ncontrols:\n  - id: A-1\n    title: No public buckets\n    description: d\n    policies: [s3-bucket-public]\n  - id: A-2\n    titel: Training\n    description: d\n    manual: Check the records.\n  - id: A-1\n    title: Again\n    description: d\n    manual: Ask.\n";
    let file = dir.path().join("frameworks/acme.yaml");
    std::fs::write(&file, fw).unwrap();
    let path = file.to_str().unwrap();
    let d = dir.path().to_str().unwrap();
    let (code, _, err) = run(palisade().args(["frameworks", "list", "--policies", d]));
    assert_eq!(code, 2, "{err}");
    let unknown = format!(
        "error: control A-2: unknown field `titel`, expected one of `id`, `title`, `section`, `description`, `policies`, `manual`\n  --> {path}:11:5\n   |\n11 |     titel: Training\n   |     ^^^^^\n"
    );
    let twice = format!(
        "error: control A-1 is listed twice: give each control its own id\n  --> {path}:14:5\n   |\n14 |   - id: A-1\n   |     ^^\n"
    );
    assert!(err.contains(&unknown), "{err}");
    assert!(err.contains(&twice), "{err}");
    assert!(
        err.ends_with(&format!(
            "palisade: error: cannot load the frameworks: {path} has 2 errors\n"
        )),
        "{err}"
    );

    for f in [
        "ec2-vpc-bad-severity.rego",
        "ec2-vpc-unknown-collection.rego",
    ] {
        let from = fixture("policies/two-broken").join(f);
        std::fs::copy(from, dir.path().join(f)).unwrap();
    }
    let (code, _, err) = run(palisade().args(["frameworks", "list", "--policies", d]));
    assert_eq!(code, 2, "{err}");
    for expected in [
        "ec2-vpc-bad-severity.rego:7:15\n",
        "ec2-vpc-unknown-collection.rego:9:12\n",
        "acme.yaml:11:5\n",
        "acme.yaml:14:5\n",
    ] {
        assert!(err.contains(expected), "stderr lacks {expected:?}:\n{err}");
    }
    assert!(
        err.ends_with(
            "palisade: error: cannot load the policies and frameworks: 4 errors in 3 files\n"
        ),
        "{err}"
    );
}

#[test]
fn missing_policy_directory() {
    assert_error(
        &["scan", "--demo", "--policies", "/nonexistent/policies"],
        &["/nonexistent/policies"],
    );
}

#[test]
fn unknown_format_is_a_usage_error() {
    let (code, _, err) = run(palisade().args(["scan", "--demo", "--format", "xml"]));
    assert_eq!(code, 2);
    assert!(err.contains("invalid value 'xml'"), "{err}");
    let (code, _, err) = run(palisade().args(["scan", "--demo", "--region", "us-east-1"]));
    assert_eq!(code, 2, "live options do not apply to --demo: {err}");
    let (code, _, _) = run(palisade().args(["scan", "--demo", "--snapshot", "x.json"]));
    assert_eq!(code, 2, "--demo and --snapshot exclude each other");
}

#[test]
fn unknown_policy_id_for_show() {
    assert_error(&["policies", "show", "no-such-policy"], &["no-such-policy"]);
}

#[test]
fn unwritable_output_path() {
    assert_error(
        &["scan", "--demo", "--sarif", "/nonexistent/dir/out.sarif"],
        &["/nonexistent/dir/out.sarif"],
    );
}

#[test]
fn missing_config_file_is_named_once() {
    let (code, _, err) =
        run(palisade().args(["scan", "--demo", "--config", "/nonexistent/palisade.toml"]));
    assert_eq!(code, 2);
    assert!(
        err.contains("cannot read the config file /nonexistent/palisade.toml"),
        "{err}"
    );
    assert_eq!(err.matches("No such file").count(), 1, "{err}");
}

#[test]
fn bad_config_names_the_mistake_and_where() {
    for (text, expect, at) in [
        ("[segments.cde]\nkind = \"cde\"\n", "segment `cde` selects nothing", "palisade.toml:1:11"),
        ("[segments.a]\ncidrs = [\"10.0.0.0/8\"]\n[[flows]]\nfrom = \"a\"\nto = \"b\"\nservices = [\"tcp/443\"]\n", "there is no segment `b`", "palisade.toml:5:6"),
        ("[segments.a]\ncidrs = [\"10.0.0.0/8\"]\nkind = \"pci\"\n", "unknown variant `pci`", "palisade.toml:3:8"),
        ("[segments.a\n", "unclosed table", "palisade.toml:1:12"),
    ] {
        let (_d, p) = temp_file("palisade.toml", text);
        assert_error(&["reach", "--demo", "--from", "internet", "--to", "cde", "--config", p.to_str().unwrap()], &[expect, &format!("{at}\n"), "palisade.toml has 1 error\n"]);
    }
}

/// Two mistakes in `palisade.toml` are two located messages (rustc style: message, `-->`, the
/// line, a caret under the value), then one summary line; exit 2.
#[test]
fn every_config_mistake_is_reported_in_one_run() {
    let text = "[segments.cde]\nkind = \"cde\"\n\n[segments.app]\ncidrs = [\"10.0.0.0/8\"]\n\n[[flows]]\nfrom = \"app\"\nto = \"vault\"\nservices = [\"tcp/443\"]\n";
    let (_d, p) = temp_file("palisade.toml", text);
    let path = p.to_str().unwrap();
    let (code, out, err) = run(palisade().args(["scan", "--demo", "--config", path]));
    assert_eq!(code, 2, "stdout: {out}\nstderr: {err}");
    let first = format!(
        "error: segment `cde` selects nothing: give it `tags`, `subnets` or `cidrs`\n --> {path}:1:11\n  |\n1 | [segments.cde]\n  |           ^^^\n"
    );
    let second = format!(
        "error: flow 1 (app -> vault): there is no segment `vault`; segments are: app, cde\n --> {path}:9:6\n  |\n9 | to = \"vault\"\n  |      ^^^^^^^\n"
    );
    assert!(err.contains(&first), "{err}");
    assert!(err.contains(&second), "{err}");
    assert!(
        err.find(&first) < err.find(&second),
        "in the order of the file: {err}"
    );
    assert!(
        err.ends_with(&format!("palisade: error: {path} has 2 errors\n")),
        "{err}"
    );
}
