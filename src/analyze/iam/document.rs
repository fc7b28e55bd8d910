//! The IAM policy language: documents parsed into statements Palisade can evaluate.
//!
//! Accepts what AWS accepts: `Statement` as an object or an array, `Action`/`Resource`/
//! `Principal` values as a string or an array, principals as `"*"` or a map of `AWS`,
//! `Service`, `Federated` and `CanonicalUser`, documents as JSON objects or URL-encoded JSON
//! strings. Whatever does not fit is a [`DocumentError`] naming the statement and field, never a
//! panic; the caller reports it as a finding on the policy.

use super::condition::{Condition, Operator};
use serde_json::Value;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    Allow,
    Deny,
}

/// `Action` or `NotAction` (and the same shape for resources and principals).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Match<T> {
    /// The element is absent (a trust policy has no `Resource`).
    Absent,
    Only(Vec<T>),
    AllBut(Vec<T>),
}

/// One principal entry: `"*"` or `{"AWS": ...}`, `{"Service": ...}` and so on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Principal {
    /// `"*"` or `{"AWS": "*"}`: everyone.
    Anyone,
    Aws(String),
    Service(String),
    Federated(String),
    CanonicalUser(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    /// Position in the document, for messages: `Sid` when present, else `#index`.
    pub label: String,
    pub effect: Effect,
    pub actions: Match<String>,
    pub resources: Match<String>,
    pub principals: Match<Principal>,
    pub conditions: Vec<Condition>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    pub version: Option<String>,
    pub statements: Vec<Statement>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentError(pub String);

impl fmt::Display for DocumentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DocumentError {}

fn err<T>(msg: impl Into<String>) -> Result<T, DocumentError> {
    Err(DocumentError(msg.into()))
}

/// A document as stored in a snapshot or an authorization-details file: a JSON object, or a
/// string holding (possibly URL-encoded) JSON.
pub fn parse(raw: &Value) -> Result<Document, DocumentError> {
    match raw {
        Value::Object(_) => parse_object(raw),
        Value::String(s) => {
            let decoded = percent_encoding::percent_decode_str(s)
                .decode_utf8()
                .map(|c| c.into_owned())
                .unwrap_or_else(|_| s.clone());
            let value: Value = serde_json::from_str(&decoded)
                .or_else(|_| serde_json::from_str(s))
                .map_err(|e| DocumentError(format!("the document is not JSON: {e}")))?;
            match value {
                Value::Object(_) => parse_object(&value),
                _ => err("the document is not a JSON object"),
            }
        }
        Value::Null => err("the document is missing"),
        _ => err("the document is not a JSON object"),
    }
}

fn parse_object(doc: &Value) -> Result<Document, DocumentError> {
    let version = match doc.get("Version") {
        None => None,
        Some(Value::String(v)) if v == "2012-10-17" || v == "2008-10-17" => Some(v.clone()),
        Some(v) => return err(format!("unknown Version {v}")),
    };
    let statements = match doc.get("Statement") {
        Some(Value::Array(list)) => list.iter().collect::<Vec<_>>(),
        Some(s @ Value::Object(_)) => vec![s],
        Some(_) => return err("Statement is neither an object nor an array"),
        None => return err("the document has no Statement"),
    };
    let statements = statements
        .into_iter()
        .enumerate()
        .map(|(i, s)| statement(i, s))
        .collect::<Result<_, _>>()?;
    Ok(Document {
        version,
        statements,
    })
}

fn statement(index: usize, s: &Value) -> Result<Statement, DocumentError> {
    let label = match s.get("Sid") {
        Some(Value::String(sid)) if !sid.is_empty() => sid.clone(),
        _ => format!("#{index}"),
    };
    let at = |what: &str| format!("statement {label}: {what}");
    if !s.is_object() {
        return err(at("not an object"));
    }
    let effect = match s.get("Effect").and_then(Value::as_str) {
        Some("Allow") => Effect::Allow,
        Some("Deny") => Effect::Deny,
        Some(other) => return err(at(&format!("Effect must be Allow or Deny, not {other:?}"))),
        None => return err(at("no Effect")),
    };
    let actions = pair(s, "Action", "NotAction", strings).map_err(|e| DocumentError(at(&e)))?;
    if actions == Match::Absent {
        return err(at("neither Action nor NotAction"));
    }
    let resources =
        pair(s, "Resource", "NotResource", strings).map_err(|e| DocumentError(at(&e)))?;
    let principals =
        pair(s, "Principal", "NotPrincipal", principals).map_err(|e| DocumentError(at(&e)))?;
    let conditions = match s.get("Condition") {
        None => Vec::new(),
        Some(c) => conditions(c).map_err(|e| DocumentError(at(&e)))?,
    };
    Ok(Statement {
        label,
        effect,
        actions,
        resources,
        principals,
        conditions,
    })
}

/// `Action`/`NotAction`-style pairs: at most one of the two.
fn pair<T>(
    s: &Value,
    only: &str,
    not: &str,
    read: fn(&Value, &str) -> Result<Vec<T>, String>,
) -> Result<Match<T>, String> {
    match (s.get(only), s.get(not)) {
        (Some(_), Some(_)) => Err(format!("both {only} and {not}")),
        (Some(v), None) => Ok(Match::Only(read(v, only)?)),
        (None, Some(v)) => Ok(Match::AllBut(read(v, not)?)),
        (None, None) => Ok(Match::Absent),
    }
}

fn strings(v: &Value, field: &str) -> Result<Vec<String>, String> {
    match v {
        Value::String(s) => Ok(vec![s.clone()]),
        Value::Array(items) => items
            .iter()
            .map(|i| match i {
                Value::String(s) => Ok(s.clone()),
                other => Err(format!("{field} has a non-string entry {other}")),
            })
            .collect(),
        other => Err(format!("{field} is neither a string nor an array: {other}")),
    }
}

fn principals(v: &Value, field: &str) -> Result<Vec<Principal>, String> {
    match v {
        Value::String(s) if s == "*" => Ok(vec![Principal::Anyone]),
        Value::Object(map) => {
            let mut out = Vec::new();
            for (kind, ids) in map {
                for id in strings(ids, &format!("{field}.{kind}"))? {
                    out.push(match kind.as_str() {
                        "AWS" if id == "*" => Principal::Anyone,
                        "AWS" => Principal::Aws(id),
                        "Service" => Principal::Service(id),
                        "Federated" => Principal::Federated(id),
                        "CanonicalUser" => Principal::CanonicalUser(id),
                        other => return Err(format!("{field} has an unknown kind {other:?}")),
                    });
                }
            }
            Ok(out)
        }
        other => Err(format!("{field} must be \"*\" or an object, not {other}")),
    }
}

fn conditions(c: &Value) -> Result<Vec<Condition>, String> {
    let Value::Object(ops) = c else {
        return Err("Condition is not an object".into());
    };
    let mut out = Vec::new();
    for (op, keys) in ops {
        let operator = Operator::parse(op)?;
        let Value::Object(keys) = keys else {
            return Err(format!("Condition {op} is not an object"));
        };
        for (key, values) in keys {
            let values = match values {
                Value::Array(items) => items.iter().map(scalar).collect::<Result<_, _>>()?,
                v => vec![scalar(v)?],
            };
            out.push(Condition {
                operator: operator.clone(),
                key: key.clone(),
                values,
            });
        }
    }
    Ok(out)
}

/// Condition values are strings, numbers or booleans; AWS compares their text.
fn scalar(v: &Value) -> Result<String, String> {
    match v {
        Value::String(s) => Ok(s.clone()),
        Value::Bool(b) => Ok(b.to_string()),
        Value::Number(n) => Ok(n.to_string()),
        other => Err(format!("condition value {other} is not a scalar")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn statement_object_and_string_forms() {
        let d = parse(&json!({
            "Version": "2012-10-17",
            "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}
        }))
        .unwrap();
        assert_eq!(d.statements.len(), 1);
        assert_eq!(d.statements[0].label, "#0");
        assert_eq!(
            d.statements[0].actions,
            Match::Only(vec!["s3:GetObject".into()])
        );
        let encoded = "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Sid%22%3A%22x%22%2C%22Effect%22%3A%22Deny%22%2C%22NotAction%22%3A%5B%22iam%3A*%22%5D%2C%22NotResource%22%3A%22arn%3Aaws%3As3%3A%3A%3Ab%22%7D%5D%7D";
        let d = parse(&json!(encoded)).unwrap();
        let s = &d.statements[0];
        assert_eq!(s.label, "x");
        assert_eq!(s.effect, Effect::Deny);
        assert_eq!(s.actions, Match::AllBut(vec!["iam:*".into()]));
        assert_eq!(s.resources, Match::AllBut(vec!["arn:aws:s3:::b".into()]));
    }

    #[test]
    fn principal_forms() {
        let d = parse(&json!({"Statement": [{
            "Effect": "Allow", "Action": "sts:AssumeRole",
            "Principal": {"AWS": ["*", "arn:aws:iam::1:root"], "Service": "ec2.amazonaws.com",
                          "Federated": "cognito-identity.amazonaws.com", "CanonicalUser": "abc"}
        }, {"Effect": "Deny", "Action": "*", "NotPrincipal": "*"}]}))
        .unwrap();
        let Match::Only(p) = &d.statements[0].principals else {
            panic!()
        };
        assert!(p.contains(&Principal::Anyone));
        assert!(p.contains(&Principal::Aws("arn:aws:iam::1:root".into())));
        assert!(p.contains(&Principal::Service("ec2.amazonaws.com".into())));
        assert!(p.contains(&Principal::Federated(
            "cognito-identity.amazonaws.com".into()
        )));
        assert!(p.contains(&Principal::CanonicalUser("abc".into())));
        assert_eq!(
            d.statements[1].principals,
            Match::AllBut(vec![Principal::Anyone])
        );
    }

    #[test]
    fn malformed_documents_say_where() {
        for (doc, want) in [
            (json!(null), "missing"),
            (json!(42), "not a JSON object"),
            (json!("{not json"), "not JSON"),
            (json!({"Statement": 3}), "neither an object nor an array"),
            (json!({"Version": "2020-01-01", "Statement": []}), "Version"),
            (
                json!({"Statement": [{"Effect": "Maybe", "Action": "*"}]}),
                "Effect",
            ),
            (
                json!({"Statement": [{"Effect": "Allow"}]}),
                "neither Action nor NotAction",
            ),
            (
                json!({"Statement": [{"Effect": "Allow", "Action": "*", "NotAction": "s3:*"}]}),
                "both Action and NotAction",
            ),
            (
                json!({"Statement": [{"Effect": "Allow", "Action": [1]}]}),
                "non-string",
            ),
            (
                json!({"Statement": [{"Sid": "s1", "Effect": "Allow", "Action": "*", "Condition": {"StringLikeish": {"a": "b"}}}]}),
                "statement s1: unknown condition operator",
            ),
            (
                json!({"Statement": [{"Effect": "Allow", "Action": "*", "Principal": {"Nobody": "x"}}]}),
                "unknown kind",
            ),
        ] {
            let e = parse(&doc).unwrap_err().0;
            assert!(e.contains(want), "{doc}: {e}");
        }
    }
}
