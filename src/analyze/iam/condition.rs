//! Condition blocks: every operator of the IAM policy language, `IfExists`, and the
//! `ForAllValues:` / `ForAnyValue:` set qualifiers, evaluated in three-valued logic.
//!
//! A static analysis rarely knows the request (source IP, MFA, tags), so a condition on a key
//! the [`Context`] does not know is [`Tri::Maybe`]: the allow it guards is *conditional*, never
//! unconditional. Keys the analysis does know (the calling principal's ARN and account) are
//! evaluated, and so is everything when a test states the whole request.

use crate::util::glob::glob;
use std::collections::HashMap;
use std::net::IpAddr;

/// Three-valued truth: a condition holds, does not, or depends on the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tri {
    No,
    Maybe,
    Yes,
}

impl Tri {
    pub fn and(self, other: Tri) -> Tri {
        self.min(other)
    }

    pub fn or(self, other: Tri) -> Tri {
        self.max(other)
    }

    pub fn negate(self) -> Tri {
        match self {
            Tri::No => Tri::Yes,
            Tri::Maybe => Tri::Maybe,
            Tri::Yes => Tri::No,
        }
    }

    pub fn from_bool(b: bool) -> Tri {
        if b {
            Tri::Yes
        } else {
            Tri::No
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    String,
    StringIgnoreCase,
    StringLike,
    Numeric(std::cmp::Ordering, bool),
    Date(std::cmp::Ordering, bool),
    Bool,
    Binary,
    Ip,
    Arn,
    Null,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetQualifier {
    None,
    ForAllValues,
    ForAnyValue,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operator {
    /// As written, for messages.
    pub name: String,
    kind: Kind,
    negated: bool,
    pub if_exists: bool,
    pub set: SetQualifier,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Condition {
    pub operator: Operator,
    pub key: String,
    pub values: Vec<String>,
}

impl Operator {
    pub fn parse(text: &str) -> Result<Operator, String> {
        use std::cmp::Ordering::*;
        let (set, rest) = if let Some(r) = text.strip_prefix("ForAllValues:") {
            (SetQualifier::ForAllValues, r)
        } else if let Some(r) = text.strip_prefix("ForAnyValue:") {
            (SetQualifier::ForAnyValue, r)
        } else {
            (SetQualifier::None, text)
        };
        let (base, if_exists) = match rest.strip_suffix("IfExists") {
            Some(b) => (b, true),
            None => (rest, false),
        };
        let (kind, negated) = match base {
            "StringEquals" => (Kind::String, false),
            "StringNotEquals" => (Kind::String, true),
            "StringEqualsIgnoreCase" => (Kind::StringIgnoreCase, false),
            "StringNotEqualsIgnoreCase" => (Kind::StringIgnoreCase, true),
            "StringLike" => (Kind::StringLike, false),
            "StringNotLike" => (Kind::StringLike, true),
            "NumericEquals" => (Kind::Numeric(Equal, false), false),
            "NumericNotEquals" => (Kind::Numeric(Equal, false), true),
            "NumericLessThan" => (Kind::Numeric(Less, false), false),
            "NumericLessThanEquals" => (Kind::Numeric(Less, true), false),
            "NumericGreaterThan" => (Kind::Numeric(Greater, false), false),
            "NumericGreaterThanEquals" => (Kind::Numeric(Greater, true), false),
            "DateEquals" => (Kind::Date(Equal, false), false),
            "DateNotEquals" => (Kind::Date(Equal, false), true),
            "DateLessThan" => (Kind::Date(Less, false), false),
            "DateLessThanEquals" => (Kind::Date(Less, true), false),
            "DateGreaterThan" => (Kind::Date(Greater, false), false),
            "DateGreaterThanEquals" => (Kind::Date(Greater, true), false),
            "Bool" => (Kind::Bool, false),
            "BinaryEquals" => (Kind::Binary, false),
            "IpAddress" => (Kind::Ip, false),
            "NotIpAddress" => (Kind::Ip, true),
            "ArnEquals" | "ArnLike" => (Kind::Arn, false),
            "ArnNotEquals" | "ArnNotLike" => (Kind::Arn, true),
            "Null" if !if_exists && set == SetQualifier::None => (Kind::Null, false),
            _ => return Err(format!("unknown condition operator {text:?}")),
        };
        Ok(Operator {
            name: text.to_string(),
            kind,
            negated,
            if_exists,
            set,
        })
    }
}

/// What the analysis knows about the request. Keys are case-insensitive, as in AWS.
#[derive(Debug, Clone, Default)]
pub struct Context {
    values: HashMap<String, Vec<String>>,
    /// When set, a key that is not in `values` is absent from the request (a test stating a
    /// whole request); otherwise it is unknown.
    pub complete: bool,
    /// Every condition holds (to see what a policy grants when its conditions are met).
    optimistic: bool,
}

impl Context {
    /// A context that knows nothing about the request.
    pub fn unknown() -> Context {
        Context::default()
    }

    /// A context in which every condition holds.
    pub fn optimistic() -> Context {
        Context {
            optimistic: true,
            ..Context::default()
        }
    }

    /// A complete request: exactly these keys are present.
    pub fn request<'a>(pairs: impl IntoIterator<Item = (&'a str, Vec<&'a str>)>) -> Context {
        let mut c = Context {
            complete: true,
            ..Context::default()
        };
        for (k, v) in pairs {
            c.set(k, v.into_iter().map(String::from).collect());
        }
        c
    }

    pub fn set(&mut self, key: &str, values: Vec<String>) {
        self.values.insert(key.to_ascii_lowercase(), values);
    }

    fn get(&self, key: &str) -> Lookup<'_> {
        match self.values.get(&key.to_ascii_lowercase()) {
            Some(v) => Lookup::Present(v),
            None if self.optimistic => Lookup::Unknown,
            None if self.complete => Lookup::Absent,
            None => Lookup::Unknown,
        }
    }

    /// `${aws:username}`-style policy variables, substituted where the context knows them.
    pub fn substitute(&self, text: &str) -> Option<String> {
        if !text.contains("${") {
            return Some(text.to_string());
        }
        let mut out = String::new();
        let mut rest = text;
        while let Some(start) = rest.find("${") {
            out.push_str(&rest[..start]);
            let end = rest[start..].find('}')? + start;
            let var = &rest[start + 2..end];
            match var {
                "*" | "?" | "$" => out.push_str(var),
                _ => match self.get(var) {
                    Lookup::Present(v) if v.len() == 1 => out.push_str(&v[0]),
                    _ => return None,
                },
            }
            rest = &rest[end + 1..];
        }
        out.push_str(rest);
        Some(out)
    }
}

enum Lookup<'a> {
    Present(&'a [String]),
    Absent,
    Unknown,
}

/// All conditions of a statement must hold.
pub fn all(conditions: &[Condition], ctx: &Context) -> Tri {
    if ctx.optimistic {
        return Tri::Yes;
    }
    conditions
        .iter()
        .fold(Tri::Yes, |acc, c| acc.and(c.evaluate(ctx)))
}

impl Condition {
    pub fn evaluate(&self, ctx: &Context) -> Tri {
        let op = &self.operator;
        let present = match ctx.get(&self.key) {
            Lookup::Unknown => return Tri::Maybe,
            Lookup::Absent => {
                return Tri::from_bool(match (op.kind, op.set) {
                    (Kind::Null, _) => self.values.iter().any(|v| v == "true"),
                    _ if op.if_exists => true,
                    (_, SetQualifier::ForAllValues) => true,
                    (_, SetQualifier::ForAnyValue) => false,
                    _ => op.negated,
                });
            }
            Lookup::Present(v) => v,
        };
        if op.kind == Kind::Null {
            return Tri::from_bool(self.values.iter().any(|v| v == "false"));
        }
        // Policy values may hold variables; one the context cannot resolve leaves it open.
        let mut wanted = Vec::with_capacity(self.values.len());
        for v in &self.values {
            match ctx.substitute(v) {
                Some(s) => wanted.push(s),
                None => return Tri::Maybe,
            }
        }
        let matches_any = |c: &String| wanted.iter().any(|w| compare(op.kind, c, w));
        let result = match op.set {
            SetQualifier::None | SetQualifier::ForAnyValue => {
                if op.negated {
                    if op.set == SetQualifier::None {
                        !present.iter().any(matches_any)
                    } else {
                        present.iter().any(|c| !matches_any(c))
                    }
                } else {
                    present.iter().any(matches_any)
                }
            }
            SetQualifier::ForAllValues => {
                if op.negated {
                    present.iter().all(|c| !matches_any(c))
                } else {
                    present.iter().all(matches_any)
                }
            }
        };
        Tri::from_bool(result)
    }
}

/// One request value against one policy value. Unparsable values never match, as in AWS.
fn compare(kind: Kind, actual: &str, wanted: &str) -> bool {
    match kind {
        Kind::String => actual == wanted,
        Kind::StringIgnoreCase => actual.eq_ignore_ascii_case(wanted),
        Kind::StringLike => glob(wanted, actual, false),
        Kind::Numeric(ord, or_equal) => match (actual.parse::<f64>(), wanted.parse::<f64>()) {
            (Ok(a), Ok(w)) => ordered(a.partial_cmp(&w), ord, or_equal),
            _ => false,
        },
        Kind::Date(ord, or_equal) => match (date(actual), date(wanted)) {
            (Some(a), Some(w)) => ordered(Some(a.cmp(&w)), ord, or_equal),
            _ => false,
        },
        Kind::Bool => actual.eq_ignore_ascii_case(wanted),
        Kind::Binary => actual == wanted,
        Kind::Ip => match (actual.parse::<IpAddr>(), cidr(wanted)) {
            (Ok(ip), Some(net)) => net.contains(&ip),
            _ => false,
        },
        Kind::Arn => arn_like(wanted, actual),
        Kind::Null => false,
    }
}

fn ordered(got: Option<std::cmp::Ordering>, want: std::cmp::Ordering, or_equal: bool) -> bool {
    match got {
        Some(o) => o == want || (or_equal && o == std::cmp::Ordering::Equal),
        None => false,
    }
}

fn date(s: &str) -> Option<i64> {
    if let Ok(epoch) = s.parse::<i64>() {
        return Some(epoch);
    }
    chrono::DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|d| d.timestamp())
        .or_else(|| {
            chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .ok()
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .map(|d| d.and_utc().timestamp())
        })
}

fn cidr(s: &str) -> Option<ipnet::IpNet> {
    s.parse::<ipnet::IpNet>()
        .ok()
        .or_else(|| s.parse::<IpAddr>().ok().map(ipnet::IpNet::from))
}

/// `ArnLike`: the six colon-separated parts are matched one by one, each with `*` and `?`.
pub fn arn_like(pattern: &str, arn: &str) -> bool {
    let p: Vec<&str> = pattern.splitn(6, ':').collect();
    let a: Vec<&str> = arn.splitn(6, ':').collect();
    if p.len() != 6 || a.len() != 6 {
        return glob(pattern, arn, false);
    }
    p.iter().zip(&a).all(|(p, a)| glob(p, a, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cond(op: &str, key: &str, values: &[&str]) -> Condition {
        Condition {
            operator: Operator::parse(op).unwrap(),
            key: key.into(),
            values: values.iter().map(|v| v.to_string()).collect(),
        }
    }

    #[test]
    fn unknown_keys_make_conditions_maybe() {
        let c = cond("Bool", "aws:MultiFactorAuthPresent", &["true"]);
        assert_eq!(c.evaluate(&Context::unknown()), Tri::Maybe);
        let ctx = Context::request([("aws:multifactorauthpresent", vec!["true"])]);
        assert_eq!(c.evaluate(&ctx), Tri::Yes);
        assert_eq!(c.evaluate(&Context::request([])), Tri::No);
    }

    #[test]
    fn missing_keys_follow_aws_rules() {
        let absent = Context::request([]);
        assert_eq!(
            cond("StringNotEquals", "aws:PrincipalOrgID", &["o-1"]).evaluate(&absent),
            Tri::Yes
        );
        assert_eq!(
            cond("StringEqualsIfExists", "ec2:InstanceType", &["t3.micro"]).evaluate(&absent),
            Tri::Yes
        );
        assert_eq!(
            cond("ForAllValues:StringEquals", "aws:TagKeys", &["a"]).evaluate(&absent),
            Tri::Yes
        );
        assert_eq!(
            cond("ForAnyValue:StringEquals", "aws:TagKeys", &["a"]).evaluate(&absent),
            Tri::No
        );
        assert_eq!(
            cond("Null", "aws:TokenIssueTime", &["true"]).evaluate(&absent),
            Tri::Yes
        );
    }

    #[test]
    fn operators() {
        let ctx = Context::request([
            ("aws:SourceIp", vec!["203.0.113.7"]),
            ("aws:CurrentTime", vec!["2026-06-01T12:00:00Z"]),
            ("s3:max-keys", vec!["10"]),
            (
                "aws:PrincipalArn",
                vec!["arn:aws:iam::111122223333:role/deploy"],
            ),
            ("aws:TagKeys", vec!["env", "team"]),
            ("aws:username", vec!["alice"]),
            ("s3:prefix", vec!["home/alice/x"]),
        ]);
        let yes = |op: &str, key: &str, v: &[&str]| cond(op, key, v).evaluate(&ctx) == Tri::Yes;
        assert!(yes("IpAddress", "aws:SourceIp", &["203.0.113.0/24"]));
        assert!(!yes("NotIpAddress", "aws:SourceIp", &["203.0.113.0/24"]));
        assert!(yes(
            "DateLessThan",
            "aws:CurrentTime",
            &["2026-12-31T00:00:00Z"]
        ));
        assert!(!yes("DateGreaterThan", "aws:CurrentTime", &["2026-12-31"]));
        assert!(yes("NumericLessThanEquals", "s3:max-keys", &["10"]));
        assert!(!yes("NumericLessThan", "s3:max-keys", &["10"]));
        assert!(yes(
            "ArnLike",
            "aws:PrincipalArn",
            &["arn:aws:iam::*:role/dep*"]
        ));
        assert!(!yes(
            "ArnLike",
            "aws:PrincipalArn",
            &["arn:aws:iam::*:user/*"]
        ));
        assert!(yes("StringEqualsIgnoreCase", "aws:username", &["ALICE"]));
        assert!(yes("StringLike", "s3:prefix", &["home/${aws:username}/*"]));
        assert!(!yes("StringLike", "s3:prefix", &["home/bob/*"]));
        assert!(yes(
            "ForAllValues:StringEquals",
            "aws:TagKeys",
            &["env", "team", "x"]
        ));
        assert!(!yes("ForAllValues:StringEquals", "aws:TagKeys", &["env"]));
        assert!(yes("ForAnyValue:StringEquals", "aws:TagKeys", &["team"]));
        assert!(yes("StringNotEquals", "aws:username", &["bob"]));
        assert!(!yes("StringNotEquals", "aws:username", &["alice"]));
        assert!(!yes("NumericEquals", "s3:max-keys", &["ten"]));
    }

    #[test]
    fn operator_names() {
        for ok in [
            "StringEquals",
            "ForAnyValue:StringLikeIfExists",
            "ArnNotLikeIfExists",
            "Null",
            "BinaryEquals",
        ] {
            Operator::parse(ok).unwrap();
        }
        for bad in [
            "StringEqual",
            "NullIfExists",
            "ForSomeValues:StringEquals",
            "",
        ] {
            assert!(Operator::parse(bad).is_err(), "{bad}");
        }
    }
}
