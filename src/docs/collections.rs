//! The collection table of `docs/policy-authoring.md`, the IAM policy of `docs/permissions.md`
//! and `palisade collections`, all read off the collection registry.

use crate::inventory::collections::{op, Collection, Operation, Permission, COLLECTIONS};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// `ec2:DescribeVpcs`, with the IAM action where it differs (`s3:ListBuckets` needs
/// `s3:ListAllMyBuckets`).
fn operation_cell(o: &Operation) -> String {
    let qualified = o.qualified();
    match o.permission {
        Permission::Scoped(action, resources) => {
            format!(
                "`{qualified}` (IAM `{action}` on `{}`)",
                resources.join("`, `")
            )
        }
        _ => match o.action() {
            Some(action) if !action.eq_ignore_ascii_case(&qualified) => {
                format!("`{qualified}` (IAM `{action}`)")
            }
            _ => format!("`{qualified}`"),
        },
    }
}

/// One Markdown row per collection: where it is in `input`, what its items are, and the calls
/// that fill it (a gap on one of them makes the policies reading it `not-evaluated`).
pub fn markdown_table() -> String {
    let mut out = String::from(
        "| collection | resource type | each item | filled by (a gap on any makes readers `not-evaluated`) |\n|---|---|---|---|\n",
    );
    for c in COLLECTIONS {
        let mut filled: Vec<String> = c.operations.iter().map(operation_cell).collect();
        if !c.enrichments.is_empty() {
            let also: Vec<String> = c.enrichments.iter().map(operation_cell).collect();
            filled.push(format!(
                "optional fields (`null` when unread; a gap blinds only policies that `needs` it): {}",
                also.join(", ")
            ));
        }
        let _ = writeln!(
            out,
            "| `input.{}[]` | {} | {} | {} |",
            c.path,
            c.resource_type
                .map(|t| format!("`{t}`"))
                .unwrap_or_else(|| "per-account setting".into()),
            c.description,
            filled.join(", ")
        );
    }
    out
}

/// Every IAM action the collectors' calls need on any resource, sorted: the read-only audit
/// policy's first statement.
pub fn audit_actions() -> Vec<&'static str> {
    let actions: BTreeSet<&'static str> = op::ALL
        .iter()
        .filter_map(|o| match o.permission {
            Permission::Action(a) => Some(a),
            _ => None,
        })
        .collect();
    actions.into_iter().collect()
}

/// The actions allowed only on some resources, each with those resources (sorted).
fn scoped_actions() -> BTreeMap<&'static str, BTreeSet<&'static str>> {
    let mut scoped: BTreeMap<&'static str, BTreeSet<&'static str>> = BTreeMap::new();
    for o in op::ALL {
        if let Permission::Scoped(action, resources) = o.permission {
            scoped.entry(action).or_default().extend(resources.iter());
        }
    }
    scoped
}

/// An IAM policy document, its keys in the order AWS writes them.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct PolicyDocument {
    version: &'static str,
    statement: Vec<Statement>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Statement {
    sid: String,
    effect: &'static str,
    action: Vec<&'static str>,
    resource: Resource,
}

/// `"*"`, or a list of ARNs.
#[derive(Serialize)]
#[serde(untagged)]
enum Resource {
    Any(&'static str),
    Only(Vec<&'static str>),
}

/// The IAM policy document to attach to the identity Palisade runs as.
pub fn audit_policy() -> PolicyDocument {
    let mut statement = vec![Statement {
        sid: "PalisadeReadOnlyAudit".to_string(),
        effect: "Allow",
        action: audit_actions(),
        resource: Resource::Any("*"),
    }];
    for (action, resources) in scoped_actions() {
        // `apigateway:GET` → `PalisadeReadOnlyApigatewayGET`.
        let (service, verb) = action.split_once(':').unwrap_or((action, ""));
        let mut chars = service.chars();
        let service: String = chars
            .next()
            .map(|c| c.to_ascii_uppercase())
            .into_iter()
            .chain(chars)
            .filter(char::is_ascii_alphanumeric)
            .collect();
        statement.push(Statement {
            sid: format!("PalisadeReadOnly{service}{verb}"),
            effect: "Allow",
            action: vec![action],
            resource: Resource::Only(resources.into_iter().collect()),
        });
    }
    PolicyDocument {
        version: "2012-10-17",
        statement,
    }
}

/// The audit policy as a fenced JSON block.
pub fn audit_policy_block() -> String {
    let json = serde_json::to_string_pretty(&audit_policy()).unwrap_or_default();
    format!("```json\n{json}\n```\n")
}

/// A collection as `palisade collections --format json` prints it.
#[derive(Serialize)]
pub struct Listed {
    pub path: &'static str,
    pub service: &'static str,
    pub resource_type: Option<&'static str>,
    pub description: &'static str,
    pub operations: Vec<ListedOperation>,
    pub optional: Vec<ListedOperation>,
}

#[derive(Serialize)]
pub struct ListedOperation {
    pub operation: String,
    pub iam_action: Option<&'static str>,
}

fn listed_operation(o: &Operation) -> ListedOperation {
    ListedOperation {
        operation: o.qualified(),
        iam_action: o.action(),
    }
}

pub fn listed(c: &Collection) -> Listed {
    Listed {
        path: c.path,
        service: c.service,
        resource_type: c.resource_type,
        description: c.description,
        operations: c.operations.iter().map(listed_operation).collect(),
        optional: c.enrichments.iter().map(listed_operation).collect(),
    }
}

/// One line per collection: path, resource type, operations.
pub fn text() -> String {
    let width = COLLECTIONS.iter().map(|c| c.path.len()).max().unwrap_or(0);
    let mut out = String::new();
    for c in COLLECTIONS {
        let ops: Vec<String> = c.operations.iter().map(Operation::qualified).collect();
        let _ = writeln!(
            out,
            "{:<width$}  {:<42}  {}",
            c.path,
            c.resource_type.unwrap_or("(per-account setting)"),
            ops.join(", ")
        );
    }
    let _ = writeln!(out, "{} collections", COLLECTIONS.len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_asks_for_what_collectors_call_and_nothing_to_write() {
        let actions = audit_actions();
        assert!(actions.contains(&"s3:ListAllMyBuckets"));
        assert!(actions.contains(&"ec2:DescribeVpcs"));
        // Identity needs no permission; roles are assumed under their own trust policies.
        assert!(!actions.iter().any(|a| a.starts_with("sts:")));
        let table = markdown_table();
        assert_eq!(table.lines().count(), COLLECTIONS.len() + 2);
        assert!(table.contains("`s3:ListBuckets` (IAM `s3:ListAllMyBuckets`)"));
    }
}
