//! Collectors call only registered operations, and the registry lists only operations a
//! collector calls. The compiler already refuses an operation that is not a registry constant
//! (`At` takes an `Operation`, which only the registry makes); these tests close the gaps
//! around it by reading the collectors' source.

use palisade::inventory::collections::op;
use std::path::Path;

fn collector_sources() -> Vec<(String, String)> {
    fn walk(dir: &Path, out: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).expect("read src/collect").flatten() {
            let p = entry.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&p).expect("read collector");
                out.push((p.display().to_string(), text));
            }
        }
    }
    let mut out = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src/collect"),
        &mut out,
    );
    assert!(out.len() > 10, "found only {} collector files", out.len());
    out
}

/// A string literal that looks like an AWS API operation name (not an error code such as
/// `AssumeRoleFailed`).
fn operation_literals(text: &str) -> Vec<&str> {
    const VERBS: &[&str] = &[
        "Describe", "List", "Get", "Search", "Generate", "Assume", "Lookup", "Batch",
    ];
    text.split('"')
        .skip(1)
        .step_by(2)
        .filter(|lit| {
            VERBS.iter().any(|v| {
                lit.strip_prefix(v).is_some_and(|rest| {
                    rest.starts_with(|c: char| c.is_ascii_uppercase())
                        && rest.chars().all(|c| c.is_ascii_alphanumeric())
                        && !["Failed", "Error", "Exception"]
                            .iter()
                            .any(|code| rest.ends_with(code))
                })
            })
        })
        .collect()
}

#[test]
fn collectors_name_operations_through_the_registry() {
    let mut literal = Vec::new();
    for (file, text) in collector_sources() {
        for lit in operation_literals(&text) {
            literal.push(format!("{file}: \"{lit}\""));
        }
    }
    assert!(
        literal.is_empty(),
        "operation names written as strings (use `op::<service>::<NAME>` from inventory::collections):\n{}",
        literal.join("\n")
    );
    // The scan finds what it looks for.
    assert_eq!(
        operation_literals(
            r#"At::list("ec2", r, "DescribeVpcs") "NoSuchEntity" "Get" "AssumeRoleFailed""#
        ),
        vec!["DescribeVpcs"]
    );
}

#[test]
fn every_registered_operation_is_called() {
    let sources: String = collector_sources()
        .into_iter()
        .map(|(_, text)| text)
        .collect();
    let unused: Vec<String> = op::NAMED
        .iter()
        .filter(|(path, _)| !sources.contains(&format!("op::{path}")))
        .map(|(path, o)| format!("op::{path} ({o})"))
        .collect();
    assert!(
        unused.is_empty(),
        "registered but called by no collector (the permissions doc would ask for them): {}",
        unused.join(", ")
    );
    assert_eq!(op::NAMED.len(), op::ALL.len());
}
