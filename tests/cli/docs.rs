//! Generated reference docs: the committed pages match what the code generates, and the
//! generator notices stale, missing and orphaned pages.

use crate::common::{json, palisade, run};
use std::path::{Path, PathBuf};

fn repo_docs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("docs")
}

/// A copy of the repository's docs directory to change.
fn docs_copy() -> tempfile::TempDir {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap().flatten() {
            let p = entry.path();
            let target = to.join(entry.file_name());
            if p.is_dir() {
                copy(&p, &target);
            } else {
                std::fs::copy(&p, &target).unwrap();
            }
        }
    }
    let dir = tempfile::tempdir().unwrap();
    copy(&repo_docs(), dir.path());
    dir
}

#[test]
fn committed_docs_are_current() {
    let (code, out, err) = run(palisade()
        .args(["docs", "--check", "--dir"])
        .arg(repo_docs()));
    assert_eq!(
        code, 0,
        "generated docs are stale; run `cargo run -- docs` and commit the result:\n{out}{err}"
    );
}

#[test]
fn check_names_stale_missing_and_orphaned_pages() {
    let dir = docs_copy();
    let d = dir.path();
    let page = d.join("policies/iam-root-mfa-disabled.md");
    std::fs::write(&page, "hand-edited\n").unwrap();
    std::fs::remove_file(d.join("policies/s3-bucket-public.md")).unwrap();
    std::fs::write(d.join("policies/renamed-policy.md"), "old\n").unwrap();
    let table = d.join("policy-authoring.md");
    let text = std::fs::read_to_string(&table).unwrap();
    std::fs::write(
        &table,
        text.replace("`input.network.vpcs[]`", "`input.vpcs[]`"),
    )
    .unwrap();

    let (code, out, _) = run(palisade().args(["docs", "--check", "--dir"]).arg(d));
    assert_eq!(code, 1, "{out}");
    for name in [
        "iam-root-mfa-disabled.md",
        "s3-bucket-public.md",
        "renamed-policy.md",
        "policy-authoring.md",
    ] {
        assert!(out.contains(name), "{name} not reported:\n{out}");
    }
    assert_eq!(out.lines().count(), 4, "{out}");

    // Regenerating repairs all four and removes the orphan.
    let (code, _, _) = run(palisade().args(["docs", "--dir"]).arg(d));
    assert_eq!(code, 0);
    assert!(!d.join("policies/renamed-policy.md").exists());
    let (code, out, _) = run(palisade().args(["docs", "--check", "--dir"]).arg(d));
    assert_eq!(code, 0, "{out}");
}

#[test]
fn a_doc_without_its_generated_region_is_an_error() {
    let dir = docs_copy();
    std::fs::write(dir.path().join("permissions.md"), "# Permissions\n").unwrap();
    let (code, _, err) = run(palisade()
        .args(["docs", "--check", "--dir"])
        .arg(dir.path()));
    assert_eq!(code, 2);
    assert!(
        err.contains("permissions.md") && err.contains("GENERATED: audit-policy"),
        "{err}"
    );
}

#[test]
fn policies_docs_writes_the_committed_pages() {
    let out_dir = tempfile::tempdir().unwrap();
    let (code, _, err) = run(palisade()
        .args(["policies", "docs", "-o"])
        .arg(out_dir.path()));
    assert_eq!(code, 0, "{err}");
    let mut written: Vec<String> = std::fs::read_dir(out_dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    let (_, list, _) = run(palisade().args(["policies", "list", "--format", "json"]));
    let policies = json(&list);
    assert_eq!(written.len(), policies.as_array().unwrap().len() + 1);
    for name in &written {
        let ours = std::fs::read_to_string(out_dir.path().join(name)).unwrap();
        let committed = std::fs::read_to_string(repo_docs().join("policies").join(name)).unwrap();
        assert_eq!(ours, committed, "{name}");
    }
    let index = std::fs::read_to_string(out_dir.path().join("README.md")).unwrap();
    assert!(index.contains("[`iam-root-mfa-disabled`](iam-root-mfa-disabled.md)"));
}

#[test]
fn a_custom_policy_gets_its_page() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("ec2-vpc-default.rego"),
        "# METADATA\n# title: Default VPC in use\n# description: The account still has its default VPC.\n# custom:\n#   id: ec2-vpc-default\n#   severity: low\n#   resource_type: AWS::EC2::VPC\n#   scope: network.vpcs\n#   remediation: Delete it.\npackage custom.vpc_default\n\nimport rego.v1\n\nchecked contains v.arn if some v in input.network.vpcs\n\ndeny contains {\"arn\": v.arn, \"message\": \"default\"} if {\n\tsome v in input.network.vpcs\n\tv.is_default\n}\n",
    )
    .unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let (code, _, err) = run(palisade()
        .args(["policies", "docs", "--no-builtin", "--policies"])
        .arg(dir.path())
        .arg("-o")
        .arg(out_dir.path()));
    assert_eq!(code, 0, "{err}");
    let page = std::fs::read_to_string(out_dir.path().join("ec2-vpc-default.md")).unwrap();
    assert!(
        page.starts_with("# `ec2-vpc-default`: Default VPC in use"),
        "{page}"
    );
    assert!(
        page.contains("- `network.vpcs`: `ec2:DescribeVpcs`"),
        "{page}"
    );
    assert!(page.contains("Not mapped to a control"), "{page}");
}

#[test]
fn permissions_and_collections_come_from_the_registry() {
    let (code, out, _) = run(palisade().arg("permissions"));
    assert_eq!(code, 0);
    let policy = json(&out);
    let actions = policy["Statement"][0]["Action"].as_array().unwrap();
    assert!(actions.iter().any(|a| a == "s3:ListAllMyBuckets"));
    let (_, out, _) = run(palisade().args(["collections", "--format", "json"]));
    let rows = json(&out);
    let vpcs = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["path"] == "network.vpcs")
        .expect("network.vpcs is listed");
    assert_eq!(vpcs["operations"][0]["operation"], "ec2:DescribeVpcs");
    assert_eq!(vpcs["resource_type"], "AWS::EC2::VPC");
}
