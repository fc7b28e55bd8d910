//! CloudWatch Logs filter patterns (the `filterPattern` of a metric filter): a parser and an
//! evaluator, so that a filter can be tried on CloudTrail events instead of compared as text.
//!
//! The semantics come from AWS's "Filter and pattern syntax" page of the CloudWatch Logs User
//! Guide (`FilterAndPatternSyntax.html`), read in its published sources (versions of 2018-08 to
//! 2022-03) and the regex section of the current page. Where the page leaves a case open, this
//! module takes the reading under which fewer events match, so that a filter is never credited
//! with catching an event that CloudWatch might not count. Each choice below says whether it is
//! documented ("Doc") or chosen ("Open").
//!
//! JSON patterns, `{ ... }`:
//! - Doc: a selector starts with `$.`, names are alphanumeric with `-` and `_`, and array
//!   elements `[N]` follow a property and may repeat (`$.coordinates[0][1]`). Open: wildcard
//!   selectors (`$.a.*`, `[*]`) are not documented and are rejected.
//! - Doc: "parentheses are allowed and the syntax follows standard order of operations
//!   () > && > ||", so `a || b && c` is `a || (b && c)`.
//! - Doc: filter patterns are case sensitive, and the items in the event "must exactly match".
//! - Doc: `*` is a wildcard for "any text at, before, or after" the term: `*Event` matches
//!   `PutEvent`, `Event*` matches `EventId`, and "`Ev*ent` will only match the actual string
//!   `Ev*ent`" (a `*` inside a value is literal; versions up to 2021-12 say so, the 2022 one
//!   only says "use the asterisk as a wild card"). A wildcard may match no text at all, so
//!   `AccessDenied*` matches `AccessDenied`. `= *` (quoted or not) matches any value: the guide
//!   uses `{ $.latency = * }` and says `$.eventType = "*"` matches events that contain the field.
//! - Doc: selectors point to value nodes (strings or numbers); if a selector points to an array
//!   or object, both `=` and `!=` fail to match. A missing property or an index past the end of
//!   an array "will be false". Open: the guide is silent on `!=` for a missing field, so it is
//!   false too (`$.additionalEventData.MFAUsed != "Yes"` does not match an event without it),
//!   as are `=`/`!=` on null and booleans.
//! - Doc: `IS NULL` is true only when the field "is set to null"; `NOT EXISTS` only when the
//!   field "does not exist in log data"; `IS TRUE`/`IS FALSE` test boolean values. Doc: "`IS
//!   NOT` and `EXISTS` currently aren't supported": both are errors here.
//! - Open: a property selector that reaches an array (`$.resources.ARN`) is neither present nor
//!   absent in the guide; every test on it is false, `NOT EXISTS` included.
//! - Doc: numbers are integers or decimals with an optional sign and exponent, and `<`, `>`,
//!   `<=`, `>=`, `=`, `!=` compare numerically. Open: ordering tests hold only when the event
//!   value is a JSON number (the string `"500"` is not compared); `=`/`!=` compare two numbers
//!   by value, and otherwise compare text (so `$.code = 4*` matches the number `404`, which the
//!   guide's "use the asterisk as a wild card to match numbers" describes).
//! - Doc: regular expressions `%...%` may appear in JSON and term patterns. The `regex` crate
//!   is not a dependency of this crate, so they are reported as not analysed instead of guessed.
//!
//! Term patterns, on the event's text (its compact JSON, as CloudTrail delivers it):
//! - Doc: terms are case sensitive and match anywhere (`ERROR` matches `ERRORCODE: -1`); all
//!   terms must appear; `?term` makes them alternatives; `-term` excludes (the guide writes
//!   `"ERROR" - "Exiting"`, so space after `-` is allowed); exact phrases go in double quotes;
//!   terms with characters other than alphanumerics and `_` must be quoted (unquoted ones are
//!   rejected). The empty pattern and `" "` match every event.
//! - Open: mixing `?term` with plain or `-` terms is not described; it is rejected.
//! - Doc: space-delimited patterns `[a, b, ...]` exist; they are not supported here.

use serde_json::Value;
use std::fmt::Display;

/// Parentheses nested deeper than this are rejected, which bounds recursion.
const MAX_DEPTH: usize = 64;

const REGEX_UNSUPPORTED: &str = "regular expressions in filter patterns are not analysed";

/// A parsed filter pattern.
#[derive(Debug, Clone, PartialEq)]
pub enum Pattern {
    /// The empty pattern: it matches every event.
    Everything,
    /// Terms looked for in the event's text.
    Terms(Terms),
    /// A JSON pattern, `{ ... }`.
    Json(Expr),
}

/// A term pattern. Terms are exact, case-sensitive substrings.
#[derive(Debug, Clone, PartialEq)]
pub enum Terms {
    /// Every `include` term appears and no `exclude` term does (`ERROR -WARN`).
    All {
        include: Vec<String>,
        exclude: Vec<String>,
    },
    /// At least one term appears (`?ERROR ?WARN`).
    Any(Vec<String>),
}

/// A JSON pattern expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// `a && b && ...`
    All(Vec<Expr>),
    /// `a || b || ...`
    Any(Vec<Expr>),
    /// One condition on one selector.
    Test(Selector, Test),
}

/// A property selector: `$.a.b[0]` is `[Key("a"), Key("b"), Index(0)]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Selector(pub Vec<Step>);

#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// What a condition asks of the selected value.
#[derive(Debug, Clone, PartialEq)]
pub enum Test {
    Equals(Literal),
    NotEquals(Literal),
    /// `<`, `>`, `<=`, `>=` against a number.
    Compare(NumericOp, f64),
    IsNull,
    IsTrue,
    IsFalse,
    NotExists,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NumericOp {
    Less,
    Greater,
    LessOrEqual,
    GreaterOrEqual,
}

/// A value to compare with: `text`, with any text allowed before and/or after it, and its
/// number when it was written as one (unquoted, without wildcards).
#[derive(Debug, Clone, PartialEq)]
pub struct Literal {
    pub text: String,
    pub any_prefix: bool,
    pub any_suffix: bool,
    pub number: Option<f64>,
}

/// Why a pattern could not be read. Character offsets count from 0.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{0}")]
pub struct PatternError(pub String);

/// Parses a CloudWatch Logs filter pattern: a JSON pattern `{ ... }`, a term pattern, or the
/// empty pattern. Space-delimited patterns `[...]` and regular expressions are errors.
pub fn parse(text: &str) -> Result<Pattern, PatternError> {
    let mut parser = Parser::new(text);
    parser.skip_ws();
    match parser.peek() {
        None => Ok(Pattern::Everything),
        Some('{') => parser.json().map(Pattern::Json),
        Some('[') => parser.fail("space-delimited filter patterns ([...]) are not supported"),
        Some(_) => parser.terms().map(Pattern::Terms),
    }
}

impl Pattern {
    /// Whether a log event matches. `event` is the CloudTrail record as JSON; for term
    /// patterns, the event's text is its compact JSON serialisation.
    pub fn matches(&self, event: &Value) -> bool {
        match self {
            Pattern::Everything => true,
            Pattern::Terms(terms) => {
                terms.matches(&serde_json::to_string(event).unwrap_or_default())
            }
            Pattern::Json(expr) => expr.matches(event),
        }
    }
}

impl Terms {
    fn matches(&self, text: &str) -> bool {
        let found = |term: &String| text.contains(term.as_str());
        match self {
            Terms::All { include, exclude } => {
                include.iter().all(found) && !exclude.iter().any(found)
            }
            Terms::Any(terms) => terms.iter().any(found),
        }
    }
}

impl Expr {
    fn matches(&self, event: &Value) -> bool {
        match self {
            Expr::All(items) => items.iter().all(|e| e.matches(event)),
            Expr::Any(items) => items.iter().any(|e| e.matches(event)),
            Expr::Test(selector, test) => test.holds(selector.resolve(event)),
        }
    }
}

/// What a selector finds in an event.
enum Found<'a> {
    Value(&'a Value),
    Absent,
    /// A property asked of an array: the guide does not say whether that is present.
    Undecided,
}

impl Selector {
    fn resolve<'a>(&self, root: &'a Value) -> Found<'a> {
        let mut current = root;
        for step in &self.0 {
            let next = match (step, current) {
                (Step::Key(key), Value::Object(map)) => map.get(key),
                (Step::Key(_), Value::Array(_)) => return Found::Undecided,
                (Step::Index(i), Value::Array(items)) => items.get(*i),
                _ => None,
            };
            match next {
                Some(value) => current = value,
                None => return Found::Absent,
            }
        }
        Found::Value(current)
    }
}

impl Test {
    fn holds(&self, found: Found) -> bool {
        let value = match found {
            Found::Value(value) => value,
            Found::Absent => return matches!(self, Test::NotExists),
            Found::Undecided => return false,
        };
        let scalar = value.is_string() || value.is_number();
        match self {
            Test::NotExists => false,
            Test::IsNull => value.is_null(),
            Test::IsTrue => value.as_bool() == Some(true),
            Test::IsFalse => value.as_bool() == Some(false),
            Test::Equals(literal) => scalar && literal.matches(value),
            Test::NotEquals(literal) => scalar && !literal.matches(value),
            Test::Compare(op, number) => value
                .as_number()
                .and_then(serde_json::Number::as_f64)
                .is_some_and(|v| op.holds(v, *number)),
        }
    }
}

impl NumericOp {
    fn holds(self, left: f64, right: f64) -> bool {
        match self {
            NumericOp::Less => left < right,
            NumericOp::Greater => left > right,
            NumericOp::LessOrEqual => left <= right,
            NumericOp::GreaterOrEqual => left >= right,
        }
    }
}

impl Literal {
    /// Builds a literal from its characters, each marked when it was escaped with `\`:
    /// unescaped `*`s at either end are wildcards.
    fn new(chars: &[(char, bool)], number: Option<f64>) -> Literal {
        let wild = |&&(c, escaped): &&(char, bool)| c == '*' && !escaped;
        let lead = chars.iter().take_while(wild).count();
        let rest = chars.get(lead..).unwrap_or_default();
        let trail = rest.iter().rev().take_while(wild).count();
        let body = rest.get(..rest.len() - trail).unwrap_or_default();
        Literal {
            text: body.iter().map(|&(c, _)| c).collect(),
            any_prefix: lead > 0,
            any_suffix: trail > 0,
            number,
        }
    }

    /// Whether a string or number value equals this literal.
    fn matches(&self, value: &Value) -> bool {
        match value {
            Value::Number(n) => match (self.number, n.as_f64()) {
                (Some(want), Some(have)) => want == have,
                _ => self.matches_text(&n.to_string()),
            },
            Value::String(s) => self.matches_text(s),
            _ => false,
        }
    }

    fn matches_text(&self, text: &str) -> bool {
        let body = self.text.as_str();
        match (self.any_prefix, self.any_suffix) {
            (false, false) => text == body,
            (true, false) => text.ends_with(body),
            (false, true) => text.starts_with(body),
            (true, true) => text.contains(body),
        }
    }
}

/// A number as the guide defines it: an integer or decimal with an optional sign, optionally
/// followed by `e` and a signed integer.
fn number(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    let mut i = 0;
    let digits = |i: &mut usize| {
        let start = *i;
        while bytes.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i > start
    };
    let sign = |i: &mut usize| {
        if matches!(bytes.get(*i), Some(b'+' | b'-')) {
            *i += 1;
        }
    };
    sign(&mut i);
    if !digits(&mut i) {
        return None;
    }
    if bytes.get(i) == Some(&b'.') {
        i += 1;
        if !digits(&mut i) {
            return None;
        }
    }
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        i += 1;
        sign(&mut i);
        if !digits(&mut i) {
            return None;
        }
    }
    if i != bytes.len() {
        return None;
    }
    text.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// The operators of a comparison, longest first so that `<=` is not read as `<`.
#[derive(Clone, Copy)]
enum Op {
    Eq,
    Ne,
    Ordered(NumericOp),
}

const OPERATORS: [(&str, Op); 6] = [
    ("!=", Op::Ne),
    ("<=", Op::Ordered(NumericOp::LessOrEqual)),
    (">=", Op::Ordered(NumericOp::GreaterOrEqual)),
    ("=", Op::Eq),
    ("<", Op::Ordered(NumericOp::Less)),
    (">", Op::Ordered(NumericOp::Greater)),
];

/// Characters that end an unquoted value.
fn ends_value(c: char) -> bool {
    c.is_whitespace() || "(){}[]\"&|=!<>".contains(c)
}

fn is_term_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '-'
}

fn join(mut items: Vec<Expr>, make: fn(Vec<Expr>) -> Expr) -> Expr {
    if items.len() == 1 {
        if let Some(only) = items.pop() {
            return only;
        }
    }
    make(items)
}

/// A recursive-descent parser over characters; `pos` is a character offset.
struct Parser {
    chars: Vec<char>,
    pos: usize,
    depth: usize,
}

impl Parser {
    fn new(text: &str) -> Self {
        Parser {
            chars: text.chars().collect(),
            pos: 0,
            depth: 0,
        }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.pos += 1;
        }
    }

    /// Consumes `s` if the text continues with it.
    fn eat(&mut self, s: &str) -> bool {
        let len = s.chars().count();
        let ahead = self.chars.get(self.pos..self.pos + len);
        if ahead.is_some_and(|a| a.iter().copied().eq(s.chars())) {
            self.pos += len;
            return true;
        }
        false
    }

    /// Consumes the word `kw` (any case) if it stands alone next.
    fn keyword(&mut self, kw: &str) -> bool {
        let len = kw.chars().count();
        let Some(ahead) = self.chars.get(self.pos..self.pos + len) else {
            return false;
        };
        let same = ahead
            .iter()
            .zip(kw.chars())
            .all(|(a, b)| a.eq_ignore_ascii_case(&b));
        let after = self.chars.get(self.pos + len).copied();
        if same && !after.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            self.pos += len;
            return true;
        }
        false
    }

    fn error_at(&self, at: usize, msg: impl Display) -> PatternError {
        PatternError(format!("{msg} (at character {at})"))
    }

    fn fail<T>(&self, msg: impl Display) -> Result<T, PatternError> {
        Err(self.error_at(self.pos, msg))
    }

    /// What is at the cursor, for messages.
    fn found(&self) -> String {
        match self.peek() {
            Some(c) => format!("found '{c}'"),
            None => "found the end of the pattern".to_string(),
        }
    }

    fn json(&mut self) -> Result<Expr, PatternError> {
        self.pos += 1; // '{'
        let expr = self.or()?;
        self.skip_ws();
        match self.peek() {
            Some('}') => self.pos += 1,
            None => return self.fail("missing the closing '}' of the JSON pattern"),
            Some(')') => return self.fail("unbalanced ')'"),
            Some(_) => return self.fail(format!("expected '&&', '||' or '}}', {}", self.found())),
        }
        self.skip_ws();
        if self.peek().is_some() {
            return self.fail("unexpected text after the closing '}'");
        }
        Ok(expr)
    }

    fn or(&mut self) -> Result<Expr, PatternError> {
        let mut items = vec![self.and()?];
        loop {
            self.skip_ws();
            if !self.eat("||") {
                return Ok(join(items, Expr::Any));
            }
            items.push(self.and()?);
        }
    }

    fn and(&mut self) -> Result<Expr, PatternError> {
        let mut items = vec![self.primary()?];
        loop {
            self.skip_ws();
            if !self.eat("&&") {
                return Ok(join(items, Expr::All));
            }
            items.push(self.primary()?);
        }
    }

    fn primary(&mut self) -> Result<Expr, PatternError> {
        self.skip_ws();
        match self.peek() {
            Some('(') => self.group(),
            Some('$') => self.condition(),
            _ => self.fail(format!(
                "expected a condition such as `$.field = value` or '(', {}",
                self.found()
            )),
        }
    }

    fn group(&mut self) -> Result<Expr, PatternError> {
        let open = self.pos;
        if self.depth >= MAX_DEPTH {
            return self.fail(format!("parentheses are nested deeper than {MAX_DEPTH}"));
        }
        self.depth += 1;
        self.pos += 1; // '('
        let inner = self.or()?;
        self.skip_ws();
        match self.peek() {
            Some(')') => self.pos += 1,
            None | Some('}') => {
                return self.fail(format!("missing ')' for the '(' at character {open}"))
            }
            Some(_) => return self.fail(format!("expected '&&', '||' or ')', {}", self.found())),
        }
        self.depth -= 1;
        Ok(inner)
    }

    fn condition(&mut self) -> Result<Expr, PatternError> {
        let selector = self.selector()?;
        self.skip_ws();
        let at = self.pos;
        let test = if self.keyword("IS") {
            self.is_test()?
        } else if self.keyword("NOT") {
            self.skip_ws();
            if !self.keyword("EXISTS") {
                return self.fail(format!("expected EXISTS after NOT, {}", self.found()));
            }
            Test::NotExists
        } else if self.keyword("EXISTS") {
            return Err(self.error_at(at, "EXISTS is not supported by CloudWatch Logs (use `= *`)"));
        } else {
            self.comparison()?
        };
        Ok(Expr::Test(selector, test))
    }

    fn is_test(&mut self) -> Result<Test, PatternError> {
        self.skip_ws();
        if self.keyword("NULL") {
            Ok(Test::IsNull)
        } else if self.keyword("TRUE") {
            Ok(Test::IsTrue)
        } else if self.keyword("FALSE") {
            Ok(Test::IsFalse)
        } else if self.keyword("NOT") {
            self.fail("IS NOT is not supported by CloudWatch Logs")
        } else {
            self.fail(format!(
                "expected NULL, TRUE or FALSE after IS, {}",
                self.found()
            ))
        }
    }

    fn comparison(&mut self) -> Result<Test, PatternError> {
        let Some(op) = OPERATORS
            .iter()
            .find(|(s, _)| self.eat(s))
            .map(|&(_, op)| op)
        else {
            return self.fail(format!(
                "expected =, !=, <, >, <=, >=, IS or NOT EXISTS after the selector, {}",
                self.found()
            ));
        };
        if self.peek() == Some('=') {
            return self.fail("unexpected '=' (the equality operator is a single '=')");
        }
        self.skip_ws();
        let at = self.pos;
        let literal = self.value()?;
        match op {
            Op::Eq => Ok(Test::Equals(literal)),
            Op::Ne => Ok(Test::NotEquals(literal)),
            Op::Ordered(ordered) => match literal.number {
                Some(n) => Ok(Test::Compare(ordered, n)),
                None => Err(self.error_at(at, "a numeric comparison needs a number")),
            },
        }
    }

    fn selector(&mut self) -> Result<Selector, PatternError> {
        self.pos += 1; // '$'
        let mut steps = Vec::new();
        loop {
            match self.peek() {
                Some('.') => {
                    self.pos += 1;
                    steps.push(Step::Key(self.name()?));
                }
                Some('[') if !steps.is_empty() => steps.push(Step::Index(self.index()?)),
                Some('[') => return self.fail("an array index must follow a property"),
                _ if steps.is_empty() => {
                    return self.fail("expected '.' after '$' (selectors look like `$.eventName`)")
                }
                _ => return Ok(Selector(steps)),
            }
        }
    }

    fn name(&mut self) -> Result<String, PatternError> {
        let start = self.pos;
        while self.peek().is_some_and(is_name_char) {
            self.pos += 1;
        }
        if self.pos == start {
            return match self.peek() {
                Some('*') => self.fail("wildcard selectors (`.*`) are not supported"),
                _ => self.fail(format!(
                    "expected a property name after '.', {}",
                    self.found()
                )),
            };
        }
        Ok(self
            .chars
            .get(start..self.pos)
            .unwrap_or_default()
            .iter()
            .collect())
    }

    fn index(&mut self) -> Result<usize, PatternError> {
        self.pos += 1; // '['
        let start = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.pos += 1;
        }
        let digits: String = self
            .chars
            .get(start..self.pos)
            .unwrap_or_default()
            .iter()
            .collect();
        if digits.is_empty() {
            return match self.peek() {
                Some('*') => self.fail("array wildcards (`[*]`) are not supported"),
                _ => self.fail(format!("expected an array index, {}", self.found())),
            };
        }
        let index = digits
            .parse::<usize>()
            .map_err(|_| self.error_at(start, "array index is too large"))?;
        if !self.eat("]") {
            return self.fail(format!("expected ']', {}", self.found()));
        }
        Ok(index)
    }

    fn value(&mut self) -> Result<Literal, PatternError> {
        match self.peek() {
            Some('"') => Ok(Literal::new(&self.quoted()?, None)),
            Some('%') => self.fail(REGEX_UNSUPPORTED),
            _ => {
                let start = self.pos;
                while self.peek().is_some_and(|c| !ends_value(c)) {
                    self.pos += 1;
                }
                let chars = self.chars.get(start..self.pos).unwrap_or_default();
                if chars.is_empty() {
                    return self.fail(format!("expected a value, {}", self.found()));
                }
                let text: String = chars.iter().collect();
                let marked: Vec<(char, bool)> = chars.iter().map(|&c| (c, false)).collect();
                Ok(Literal::new(&marked, number(&text)))
            }
        }
    }

    /// A double-quoted string; `\` makes the next character literal. Each character comes
    /// with whether it was escaped.
    fn quoted(&mut self) -> Result<Vec<(char, bool)>, PatternError> {
        let open = self.pos;
        self.pos += 1; // '"'
        let mut out = Vec::new();
        loop {
            let escaped = self.peek() == Some('\\');
            if escaped {
                self.pos += 1;
            }
            match self.peek() {
                None => return Err(self.error_at(open, "unterminated quoted string")),
                Some('"') if !escaped => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(c) => {
                    out.push((c, escaped));
                    self.pos += 1;
                }
            }
        }
    }

    fn terms(&mut self) -> Result<Terms, PatternError> {
        let (mut include, mut exclude, mut any) = (Vec::new(), Vec::new(), Vec::new());
        loop {
            self.skip_ws();
            let at = self.pos;
            let list = match self.peek() {
                None => break,
                Some('?') => &mut any,
                Some('-') => &mut exclude,
                Some(_) => &mut include,
            };
            if matches!(self.peek(), Some('?' | '-')) {
                self.pos += 1;
                self.skip_ws();
            }
            list.push(self.term()?);
            let plain = !include.is_empty() || !exclude.is_empty();
            if plain && !any.is_empty() {
                return Err(self.error_at(at, "mixing `?term` with other terms is not analysed"));
            }
        }
        if any.is_empty() {
            Ok(Terms::All { include, exclude })
        } else {
            Ok(Terms::Any(any))
        }
    }

    fn term(&mut self) -> Result<String, PatternError> {
        let text = match self.peek() {
            Some('"') => {
                let text: String = self.quoted()?.into_iter().map(|(c, _)| c).collect();
                // Doc: `" "` matches every event.
                if text.trim().is_empty() {
                    String::new()
                } else {
                    text
                }
            }
            Some('%') => return self.fail(REGEX_UNSUPPORTED),
            Some(c) if is_term_char(c) => {
                let start = self.pos;
                while self.peek().is_some_and(is_term_char) {
                    self.pos += 1;
                }
                self.chars
                    .get(start..self.pos)
                    .unwrap_or_default()
                    .iter()
                    .collect()
            }
            _ => return self.fail(format!("expected a term, {}", self.found())),
        };
        match self.peek() {
            Some(c) if !c.is_whitespace() => self.fail(format!(
                "unexpected '{c}': terms with characters other than letters, digits and '_' \
                 must be in double quotes, and terms are separated by spaces"
            )),
            _ => Ok(text),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    const CIS_4_1: &str = r#"{($.errorCode="*UnauthorizedOperation")||($.errorCode="AccessDenied*")&&($.sourceIPAddress!="delivery.logs.amazonaws.com")&&($.eventName!="HeadBucket")}"#;
    const CIS_4_2: &str = r#"{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }"#;
    const CIS_4_3: &str = r#"{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }"#;
    const CIS_4_4: &str = "{($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)||($.eventName=DeleteUserPolicy)||($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)||($.eventName=PutUserPolicy)||($.eventName=CreatePolicy)||($.eventName=DeletePolicy)||($.eventName=CreatePolicyVersion)||($.eventName=DeletePolicyVersion)||($.eventName=AttachRolePolicy)||($.eventName=DetachRolePolicy)||($.eventName=AttachUserPolicy)||($.eventName=DetachUserPolicy)||($.eventName=AttachGroupPolicy)||($.eventName=DetachGroupPolicy)}";
    const CIS_4_6: &str =
        r#"{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }"#;
    const CIS_4_7: &str = "{($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) }";
    const CIS_4_15: &str = r#"{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || ($.eventName = "AttachPolicy") || ($.eventName = "CreateAccount")) }"#;

    /// A CloudTrail record by an IAM user, with `extra` merged in.
    fn event(source: &str, name: &str, extra: Value) -> Value {
        let mut e = json!({
            "eventVersion": "1.09",
            "userIdentity": {"type": "IAMUser", "principalId": "AIDAEXAMPLE", "userName": "alice"},
            "eventTime": "2026-11-20T12:00:00Z",
            "eventSource": source,
            "eventName": name,
            "awsRegion": "us-east-1",
            "sourceIPAddress": "203.0.113.10",
            "userAgent": "aws-cli/2.15.0",
            "eventType": "AwsApiCall",
            "recipientAccountId": "111122223333"
        });
        if let (Some(base), Value::Object(extra)) = (e.as_object_mut(), extra) {
            base.extend(extra);
        }
        e
    }

    fn matches(pattern: &str, e: &Value) -> bool {
        match parse(pattern) {
            Ok(p) => p.matches(e),
            Err(err) => panic!("{pattern}: {err}"),
        }
    }

    fn error(pattern: &str) -> String {
        match parse(pattern) {
            Ok(p) => panic!("{pattern} parsed as {p:?}"),
            Err(PatternError(message)) => message,
        }
    }

    fn denied(code: &str, name: &str, ip: &str) -> Value {
        event(
            "ec2.amazonaws.com",
            name,
            json!({"errorCode": code, "sourceIPAddress": ip}),
        )
    }

    #[test]
    fn cis_4_1_unauthorized_api_calls() {
        let ip = "203.0.113.10";
        assert!(matches(
            CIS_4_1,
            &denied("Client.UnauthorizedOperation", "RunInstances", ip)
        ));
        assert!(matches(
            CIS_4_1,
            &denied("AccessDenied", "GetBucketPolicy", ip)
        ));
        assert!(matches(
            CIS_4_1,
            &denied("AccessDeniedException", "Decrypt", ip)
        ));
        assert!(!matches(
            CIS_4_1,
            &event("ec2.amazonaws.com", "DescribeInstances", json!({}))
        ));
        assert!(!matches(CIS_4_1, &denied("AccessDenied", "HeadBucket", ip)));
        assert!(!matches(
            CIS_4_1,
            &denied("AccessDenied", "GetObject", "delivery.logs.amazonaws.com")
        ));
        assert!(!matches(CIS_4_1, &denied("accessdenied", "GetObject", ip)));
    }

    #[test]
    fn and_binds_tighter_than_or() {
        // 4.1 reads A || (B && C && D): an UnauthorizedOperation on HeadBucket from the log
        // delivery service still matches, which it would not under (A || B) && C && D.
        let e = denied(
            "Client.UnauthorizedOperation",
            "HeadBucket",
            "delivery.logs.amazonaws.com",
        );
        assert!(matches(CIS_4_1, &e));
        assert!(matches(
            "{ $.a = 1 || $.b = 2 && $.c = 3 }",
            &json!({"a": 1})
        ));
        assert!(!matches(
            "{ ($.a = 1 || $.b = 2) && $.c = 3 }",
            &json!({"a": 1})
        ));
    }

    #[test]
    fn the_guides_compound_examples_give_its_answers() {
        let doc = json!({
            "user": {"id": 1, "email": "John.Stiles@example.com"},
            "users": [{"id": 2, "email": "John.Doe@example.com"}, {"id": 3, "email": "Jane.Doe@example.com"}],
            "actions": ["GET", "PUT", "DELETE"],
            "coordinates": [[0, 1, 2], [4, 5, 6], [7, 8, 9]]
        });
        let cases = [
            (
                r#"{ ($.user.id = 1) && ($.users[0].email = "John.Doe@example.com") }"#,
                true,
            ),
            (
                r#"{ ($.user.id = 2 && $.users[0].email = "nonmatch") || $.actions[2] = "GET" }"#,
                false,
            ),
            (
                r#"{ $.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch && $.actions[2] = nomatch }"#,
                true,
            ),
            (
                r#"{ ($.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch) && $.actions[2] = nomatch }"#,
                false,
            ),
            ("{ $.coordinates[2][0] = 7 }", true),
        ];
        for (pattern, expected) in cases {
            assert_eq!(matches(pattern, &doc), expected, "{pattern}");
        }
    }

    #[test]
    fn cis_4_2_console_sign_in_without_mfa() {
        let login = |mfa: Value, result: &str| {
            let mut extra = json!({"responseElements": {"ConsoleLogin": result}});
            if !mfa.is_null() {
                extra["additionalEventData"] = json!({"MFAUsed": mfa});
            }
            event("signin.amazonaws.com", "ConsoleLogin", extra)
        };
        assert!(matches(CIS_4_2, &login(json!("No"), "Success")));
        assert!(!matches(CIS_4_2, &login(json!("Yes"), "Success")));
        assert!(!matches(CIS_4_2, &login(json!("No"), "Failure")));
        // Absent field: `!=` does not match (the conservative reading).
        assert!(!matches(CIS_4_2, &login(Value::Null, "Success")));
    }

    #[test]
    fn cis_4_3_root_account_usage() {
        let root = json!({"userIdentity": {"type": "Root", "principalId": "111122223333"}});
        assert!(matches(
            CIS_4_3,
            &event("s3.amazonaws.com", "ListBuckets", root.clone())
        ));
        let mut invoked = root.clone();
        invoked["userIdentity"]["invokedBy"] = json!("cloudformation.amazonaws.com");
        assert!(!matches(
            CIS_4_3,
            &event("s3.amazonaws.com", "ListBuckets", invoked)
        ));
        let mut service = root;
        service["eventType"] = json!("AwsServiceEvent");
        assert!(!matches(
            CIS_4_3,
            &event("s3.amazonaws.com", "ListBuckets", service)
        ));
        assert!(!matches(
            CIS_4_3,
            &event("s3.amazonaws.com", "ListBuckets", json!({}))
        ));
    }

    #[test]
    fn cis_4_4_iam_policy_changes() {
        let names = [
            "DeleteGroupPolicy",
            "DeleteRolePolicy",
            "DeleteUserPolicy",
            "PutGroupPolicy",
            "PutRolePolicy",
            "PutUserPolicy",
            "CreatePolicy",
            "DeletePolicy",
            "CreatePolicyVersion",
            "DeletePolicyVersion",
            "AttachRolePolicy",
            "DetachRolePolicy",
            "AttachUserPolicy",
            "DetachUserPolicy",
            "AttachGroupPolicy",
            "DetachGroupPolicy",
        ];
        for name in names {
            assert!(
                matches(CIS_4_4, &event("iam.amazonaws.com", name, json!({}))),
                "{name}"
            );
        }
        assert!(!matches(
            CIS_4_4,
            &event("iam.amazonaws.com", "GetPolicy", json!({}))
        ));
        assert!(!matches(
            CIS_4_4,
            &event("iam.amazonaws.com", "createpolicy", json!({}))
        ));
    }

    #[test]
    fn cis_4_6_console_authentication_failures() {
        let failed = |message: &str| {
            event(
                "signin.amazonaws.com",
                "ConsoleLogin",
                json!({"errorMessage": message}),
            )
        };
        assert!(matches(CIS_4_6, &failed("Failed authentication")));
        assert!(!matches(CIS_4_6, &failed("failed authentication")));
        assert!(!matches(
            CIS_4_6,
            &event("signin.amazonaws.com", "ConsoleLogin", json!({}))
        ));
    }

    #[test]
    fn cis_4_7_kms_key_disable_or_deletion() {
        for name in ["DisableKey", "ScheduleKeyDeletion"] {
            assert!(
                matches(CIS_4_7, &event("kms.amazonaws.com", name, json!({}))),
                "{name}"
            );
        }
        assert!(!matches(
            CIS_4_7,
            &event("kms.amazonaws.com", "DescribeKey", json!({}))
        ));
        assert!(!matches(
            CIS_4_7,
            &event("ec2.amazonaws.com", "DisableKey", json!({}))
        ));
    }

    #[test]
    fn cis_4_15_organizations_changes() {
        for name in ["AcceptHandshake", "AttachPolicy", "CreateAccount"] {
            let e = event("organizations.amazonaws.com", name, json!({}));
            assert!(matches(CIS_4_15, &e), "{name}");
        }
        let read = event(
            "organizations.amazonaws.com",
            "DescribeOrganization",
            json!({}),
        );
        assert!(!matches(CIS_4_15, &read));
        assert!(!matches(
            CIS_4_15,
            &event("iam.amazonaws.com", "AttachPolicy", json!({}))
        ));
    }

    #[test]
    fn wildcards_at_either_end_only() {
        let e = json!({"name": "PutEvent", "id": "EventId", "odd": "Ev*ent", "code": 404});
        assert!(matches("{ $.name = *Event }", &e));
        assert!(matches("{ $.id = Event* }", &e));
        assert!(matches(r#"{ $.name = "*tEv*" }"#, &e));
        assert!(
            matches("{ $.name = *PutEvent }", &e),
            "a wildcard may match no text"
        );
        assert!(matches("{ $.name = * }", &e));
        assert!(matches(r#"{ $.name = "*" }"#, &e));
        assert!(!matches("{ $.name = *Put }", &e));
        assert!(!matches("{ $.id = Ev*Id }", &e), "an inner * is literal");
        assert!(matches("{ $.odd = Ev*ent }", &e));
        assert!(
            !matches(r#"{ $.name = "\*Event" }"#, &e),
            "an escaped * is literal"
        );
        assert!(matches("{ $.code = 4* }", &e));
        assert!(!matches("{ $.code = 5* }", &e));
        assert!(!matches("{ $.name != *Event }", &e));
        assert!(matches("{ $.name != Get* }", &e));
    }

    #[test]
    fn absent_fields_fail_every_comparison_but_not_exists() {
        let e = json!({"present": "x", "nothing": null, "list": [1, 2], "obj": {"k": 1}});
        for pattern in [
            "{ $.missing = x }",
            "{ $.missing != x }",
            "{ $.missing = * }",
            "{ $.missing > 1 }",
            "{ $.missing IS NULL }",
            "{ $.missing IS TRUE }",
            "{ $.present.deeper = x }",
        ] {
            assert!(!matches(pattern, &e), "{pattern}");
        }
        assert!(matches("{ $.missing NOT EXISTS }", &e));
        assert!(matches("{ $.present.deeper NOT EXISTS }", &e));
        assert!(matches("{ $.list[5] NOT EXISTS }", &e));
        assert!(!matches("{ $.present NOT EXISTS }", &e));
    }

    #[test]
    fn null_arrays_and_objects_are_not_values() {
        let e = json!({"nothing": null, "users": [1, 2, 3], "obj": {"k": 1}, "flag": true});
        assert!(matches("{ $.nothing IS NULL }", &e));
        assert!(!matches("{ $.nothing NOT EXISTS }", &e));
        assert!(!matches("{ $.nothing = * }", &e));
        assert!(!matches("{ $.nothing != x }", &e));
        // The guide: both {$.users = 1} and {$.users != 1} fail on an array.
        assert!(!matches("{ $.users = 1 }", &e));
        assert!(!matches("{ $.users != 1 }", &e));
        assert!(!matches("{ $.obj != 1 }", &e));
        assert!(matches("{ $.users[0] = 1 }", &e));
        assert!(
            !matches("{ $.obj[0] = 1 }", &e),
            "an index on a non-array is false"
        );
        assert!(matches("{ $.flag IS TRUE }", &e));
        assert!(!matches("{ $.flag IS FALSE }", &e));
        assert!(!matches("{ $.flag = true }", &e));
    }

    #[test]
    fn a_property_of_an_array_is_undecided() {
        let e = json!({"resources": [{"ARN": "arn:aws:s3:::b"}]});
        assert!(!matches("{ $.resources.ARN = * }", &e));
        assert!(!matches("{ $.resources.ARN NOT EXISTS }", &e));
        assert!(matches("{ $.resources[0].ARN = \"arn:aws:s3:::b\" }", &e));
    }

    #[test]
    fn numbers_compare_by_value_only_with_numbers() {
        let e = json!({"latency": 500, "ratio": 0.5, "text": "500", "errorCode": 400});
        assert!(matches("{ $.latency >= 500 }", &e));
        assert!(matches("{ $.latency > +499.5 }", &e));
        assert!(matches("{ $.latency < 10e3 }", &e));
        assert!(!matches("{ $.latency <= 5e-3 }", &e));
        assert!(matches("{ $.latency = 5e2 }", &e));
        assert!(matches("{ $.ratio = 0.50 }", &e));
        assert!(
            !matches("{ $.text > 1 }", &e),
            "a numeric string is not a number"
        );
        assert!(
            matches("{ $.text = 500 }", &e),
            "= compares text when not both numbers"
        );
        assert!(matches("{ $.errorCode = 400 }", &e));
        assert!(matches("{ $.errorCode != 500 }", &e));
        assert!(!matches("{ $.errorCode != 400 }", &e));
    }

    #[test]
    fn the_guides_single_condition_examples_match() {
        let doc = json!({
            "eventType": "UpdateTrail", "sourceIPAddress": "111.111.111.111",
            "arrayKey": ["value", "another value"],
            "objectList": [{"name": "a", "id": 1}, {"name": "b", "id": 2}],
            "SomeObject": null, "ThisFlag": true
        });
        for pattern in [
            r#"{ $.eventType = "UpdateTrail" }"#,
            "{ $.sourceIPAddress != 123.123.* }",
            r#"{ $.arrayKey[0] = "value" }"#,
            "{ $.objectList[1].id = 2 }",
            "{ $.SomeObject IS NULL }",
            "{ $.SomeOtherObject NOT EXISTS }",
            "{ $.ThisFlag IS TRUE }",
            "{$.eventType = \"*\" && $.sourceIPAddress != 123.123.*}",
        ] {
            assert!(matches(pattern, &doc), "{pattern}");
        }
    }

    #[test]
    fn spacing_and_quoting_do_not_change_meaning() {
        let tight = parse(r#"{$.eventName="CreateTrail"}"#);
        let loose = parse("  {\n\t$.eventName   =   CreateTrail\n}  ");
        assert_eq!(tight, loose);
        assert!(matches(
            "{$.eventName=CreateTrail}",
            &event("cloudtrail.amazonaws.com", "CreateTrail", json!({}))
        ));
        assert_eq!(parse("{ $.a = 1 }"), parse("{($.a=1)}"));
        assert_eq!(parse("{ $.a NOT EXISTS }"), parse("{ $.a not   exists }"));
        let quoted_escape = json!({"q": "say \"hi\""});
        assert!(matches(r#"{ $.q = "say \"hi\"" }"#, &quoted_escape));
        assert!(matches(
            r#"{ $.u = "héllo wörld" }"#,
            &json!({"u": "héllo wörld"})
        ));
    }

    #[test]
    fn term_patterns_follow_the_guides_examples() {
        let both = json!("ERROR WARN message");
        let error = json!("ERROR message");
        let warn = json!("WARN message");
        let cases = [
            ("ERROR", [true, true, false]),
            ("?ERROR ?WARN", [true, true, true]),
            ("ERROR WARN", [true, false, false]),
            ("ERROR -WARN", [false, true, false]),
            ("\"ERROR\" - \"WARN\"", [false, true, false]),
            ("\"WARN message\"", [true, false, true]),
            ("error", [false, false, false]),
        ];
        for (pattern, expected) in cases {
            let got = [
                matches(pattern, &both),
                matches(pattern, &error),
                matches(pattern, &warn),
            ];
            assert_eq!(got, expected, "{pattern}");
        }
        assert!(matches(
            "ERROR",
            &json!({"m": "Exiting with ERRORCODE: -1"})
        ));
        let login = event(
            "signin.amazonaws.com",
            "ConsoleLogin",
            json!({"errorMessage": "Failed authentication"}),
        );
        assert!(matches("\"Failed authentication\" ConsoleLogin", &login));
        assert!(!matches("\"failed authentication\"", &login));
    }

    #[test]
    fn the_empty_pattern_matches_everything() {
        for pattern in ["", "   \n", "\" \"", "\"\""] {
            assert!(matches(pattern, &json!({})), "{pattern:?}");
            assert!(matches(pattern, &json!({"a": [1, null]})), "{pattern:?}");
        }
        assert_eq!(parse(""), Ok(Pattern::Everything));
    }

    #[test]
    fn malformed_patterns_say_what_and_where() {
        let cases = [
            ("{ $.a = }", "expected a value, found '}' (at character 8)"),
            (
                "{ ($.a = 1 }",
                "missing ')' for the '(' at character 2 (at character 11)",
            ),
            (
                "[a, b]",
                "space-delimited filter patterns ([...]) are not supported (at character 0)",
            ),
            (
                "{ a = 1 }",
                "expected a condition such as `$.field = value` or '(', found 'a' (at character 2)",
            ),
            (
                "{ $.a = 1",
                "missing the closing '}' of the JSON pattern (at character 9)",
            ),
            ("{ $.a = 1 ) }", "unbalanced ')' (at character 10)"),
            (
                "{ $.a = \"x }",
                "unterminated quoted string (at character 8)",
            ),
            (
                "{ $.a = 1 } x",
                "unexpected text after the closing '}' (at character 12)",
            ),
        ];
        for (pattern, message) in cases {
            assert_eq!(error(pattern), message, "{pattern}");
        }
        for (pattern, part) in [
            ("{ $.a == 1 }", "single '='"),
            ("{ $.a < abc }", "needs a number"),
            ("{ $.a = %ab+% }", "regular expressions"),
            ("%ERROR%", "regular expressions"),
            ("{ $.a IS NOT NULL }", "IS NOT"),
            ("{ $.a EXISTS }", "EXISTS is not supported"),
            ("{ $.a.* = 1 }", "wildcard selectors"),
            ("{ $.a[*] = 1 }", "array wildcards"),
            ("{ $[0] = 1 }", "must follow a property"),
            ("{ $.a = 1 & $.b = 2 }", "expected '&&', '||' or '}'"),
            ("{ $.a }", "expected =, !="),
            ("{ }", "expected a condition"),
            ("?ERROR WARN", "mixing"),
            ("kms.amazonaws.com", "double quotes"),
            ("ERROR -", "expected a term"),
            ("{ $.a[99999999999999999999999] = 1 }", "too large"),
        ] {
            let message = error(pattern);
            assert!(
                message.contains(part) && message.contains("character"),
                "{pattern}: {message}"
            );
        }
    }

    #[test]
    fn nesting_is_bounded() {
        let nested = |n: usize| format!("{{ {}$.a = 1{} }}", "(".repeat(n), ")".repeat(n));
        assert!(matches(&nested(MAX_DEPTH), &json!({"a": 1})));
        assert!(error(&nested(MAX_DEPTH + 1)).contains("nested deeper than 64"));
        assert!(parse(&format!("{{{}", "(".repeat(100_000))).is_err());
        let long_or = format!("{{ {} }}", vec!["$.a = 1"; 10_000].join(" || "));
        assert!(matches(&long_or, &json!({"a": 1})));
    }

    #[test]
    fn parse_never_panics_on_truncations_or_hostile_input() {
        let mut inputs: Vec<String> = [
            CIS_4_1,
            CIS_4_2,
            CIS_4_3,
            CIS_4_4,
            CIS_4_6,
            CIS_4_7,
            CIS_4_15,
            r#"{ $.q = "say \"hi\"" } "#,
            "{ $.a[0][1] >= -1.5e+3 || $.b IS FALSE }",
            "?ERROR ?\"two words\" ",
            "ERROR -\"x y\"",
            "{ $.u = \"é🦀\" && $.é = ü }",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        inputs.extend(
            [
                "\\",
                "\"",
                "{\"",
                "{ $.a = \"\\",
                "{$",
                "{$.",
                "{$.a[",
                "{$.a[1",
                "(",
                ")",
                "{)",
                "{(}",
                "$",
                "?",
                "-",
                "%",
                "{ $.a = % }",
                "\u{0}",
                "{ $.a = 1e999 }",
                "{ $.a < 1e999 }",
            ]
            .map(String::from),
        );
        let e = event(
            "kms.amazonaws.com",
            "DisableKey",
            json!({"a": [1], "q": "say \"hi\""}),
        );
        for input in &inputs {
            let chars: Vec<char> = input.chars().collect();
            for end in 0..=chars.len() {
                let cut: String = chars[..end].iter().collect();
                if let Ok(p) = parse(&cut) {
                    p.matches(&e);
                }
            }
        }
    }
}
