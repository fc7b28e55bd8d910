//! The result of evaluation: one `Finding` per policy and resource (or scope, for gaps and
//! errors), built here and in `gaps`, and rendered by every report format.

use super::severity::Severity;
use crate::config::Suppression;
use crate::inventory::ResourceRef;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::Arc;

/// What a policy concluded about one resource (or one scope, for gaps and errors).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Fail,
    Error,
    NotEvaluated,
    Suppressed,
    Pass,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Fail => "fail",
            Status::Error => "error",
            Status::NotEvaluated => "not-evaluated",
            Status::Suppressed => "suppressed",
            Status::Pass => "pass",
        }
    }
}

/// Framework id (`hipaa`, `pci-dss-4.0.1`) to the controls a policy evidences there.
pub type Controls = BTreeMap<String, Vec<String>>;

/// The policy facts a finding repeats; shared, since thousands of findings name one policy.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleInfo {
    pub id: String,
    pub title: String,
    pub severity: Severity,
    pub remediation: String,
    pub frameworks: Controls,
}

/// SARIF 2.1.0 §3.27.24 `baselineState`, restricted to what a scan can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BaselineState {
    /// Failing now, not in the baseline.
    New,
    /// Failing now and in the baseline.
    Unchanged,
    /// In the baseline, not failing now.
    Absent,
}

impl BaselineState {
    pub fn as_str(self) -> &'static str {
        match self {
            BaselineState::New => "new",
            BaselineState::Unchanged => "unchanged",
            BaselineState::Absent => "absent",
        }
    }
}

/// A finding's words. Most are formulaic, and a million-resource scan holds millions of
/// results until the report: written out, the messages of passes and of gap scopes were
/// about a gigabyte at a million resources (issue 14, item 6). Those are kept as what the
/// words are made of and written when a report asks.
#[derive(Debug, Clone)]
enum Message {
    /// The policy's (or the engine's) own words.
    Text(String),
    /// "`<type>` `<name>` passes: `<policy title>`".
    Pass,
    /// "not evaluated: `<why>`, so `<policy id>` could not check this scope".
    Scope(Arc<str>),
}

/// One result of one policy for one resource.
#[derive(Debug, Clone)]
pub struct Finding {
    pub rule: Arc<RuleInfo>,
    pub status: Status,
    pub resource: Arc<ResourceRef>,
    /// Why, in words; read it with [`Finding::message`].
    message: Message,
    /// The rule's severity, or the lower one the policy gave this result (a hygiene finding
    /// whose exposure analysis shows nothing reachable).
    pub severity: Severity,
    /// What the policy looked at to decide, as it reported it: compact JSON text, parsed
    /// when a report asks ([`Finding::evidence`]). As text it takes a fifth of the memory a
    /// `serde_json::Value` tree does (at 100k resources, 53 MB of evidence trees at the
    /// peak). Shared: a collection gap's evidence is one text for every policy it blinds.
    evidence: Option<Arc<str>>,
    /// The config entry that suppresses this failing result (status `suppressed`).
    pub suppression: Option<Arc<Suppression>>,
    /// Compared with `--baseline`: new or unchanged (failing and suppressed results only).
    pub baseline: Option<BaselineState>,
}

impl Finding {
    /// A result of `rule` on `resource` at the rule's severity, without evidence: every
    /// finding starts here.
    pub fn new(
        rule: Arc<RuleInfo>,
        status: Status,
        resource: Arc<ResourceRef>,
        message: String,
    ) -> Finding {
        Finding {
            severity: rule.severity,
            rule,
            status,
            resource,
            message: Message::Text(message),
            evidence: None,
            suppression: None,
            baseline: None,
        }
    }

    /// A pass of `rule` on `resource`; its message is derived when a report asks for it.
    pub fn pass(rule: Arc<RuleInfo>, resource: Arc<ResourceRef>) -> Finding {
        Finding {
            message: Message::Pass,
            ..Finding::new(rule, Status::Pass, resource, String::new())
        }
    }

    /// A scope `rule` could not check because of a collection gap (`resource` stands for the
    /// scope); `why` describes the gap, shared by every policy it blinds.
    pub fn blinded_scope(
        rule: Arc<RuleInfo>,
        resource: Arc<ResourceRef>,
        why: Arc<str>,
    ) -> Finding {
        Finding {
            message: Message::Scope(why),
            ..Finding::new(rule, Status::NotEvaluated, resource, String::new())
        }
    }

    /// Why the result is what it is, in words.
    pub fn message(&self) -> Cow<'_, str> {
        match &self.message {
            Message::Text(t) => Cow::Borrowed(t),
            _ => Cow::Owned(self.words().to_string()),
        }
    }

    /// The message as something to write: a report that streams millions of results writes
    /// derived messages without building each as a string first.
    pub fn words(&self) -> Words<'_> {
        Words(self)
    }

    /// Replaces the message (a result a gap turned `not-evaluated`).
    pub fn set_message(&mut self, message: String) {
        self.message = Message::Text(message);
    }

    /// Adds a reason to the message, after a semicolon.
    pub fn append_message(&mut self, more: &str) {
        let mut text = self.message().into_owned();
        text.push_str("; ");
        text.push_str(more);
        self.message = Message::Text(text);
    }

    /// The same result at `severity`: never above the rule's (a policy may only lower it).
    pub fn with_severity(mut self, severity: Severity) -> Finding {
        self.severity = severity.min(self.rule.severity);
        self
    }

    /// The same result with what the policy looked at to decide, as JSON text (`null` is no
    /// evidence).
    pub fn with_evidence(self, evidence: String) -> Finding {
        self.with_shared_evidence(Arc::from(evidence))
    }

    /// The same result with evidence (JSON text) it shares with other results.
    pub fn with_shared_evidence(mut self, evidence: Arc<str>) -> Finding {
        self.evidence = (&*evidence != "null").then_some(evidence);
        self
    }

    /// What the policy looked at to decide, if it said.
    pub fn evidence(&self) -> Option<serde_json::Value> {
        // The text was written by serde_json; it always parses.
        self.evidence
            .as_deref()
            .map(|e| serde_json::from_str(e).unwrap_or(serde_json::Value::Null))
    }

    pub fn policy_id(&self) -> &str {
        &self.rule.id
    }

    pub fn severity(&self) -> Severity {
        self.severity
    }

    /// The order every report uses: most severe first, then policy id, then resource, then
    /// status, then message.
    pub fn report_order(&self, other: &Finding) -> std::cmp::Ordering {
        // A policy's results share their rule and often their resource: those compare by
        // pointer before their text. Messages decide rarely (a policy has one result per
        // resource and status, except the scopes of gaps), so a derived message is written
        // out only then.
        fn text<T>(a: &Arc<T>, b: &Arc<T>, s: impl Fn(&T) -> &str) -> std::cmp::Ordering {
            if Arc::ptr_eq(a, b) {
                std::cmp::Ordering::Equal
            } else {
                s(a).cmp(s(b))
            }
        }
        other
            .severity
            .cmp(&self.severity)
            .then_with(|| text(&self.rule, &other.rule, |r| &r.id))
            .then_with(|| text(&self.resource, &other.resource, |r| &r.arn))
            .then_with(|| self.status.cmp(&other.status))
            .then_with(|| self.message().cmp(&other.message()))
    }
}

/// Equal results say the same: a derived message equals the same words written out.
impl PartialEq for Finding {
    fn eq(&self, other: &Self) -> bool {
        self.rule == other.rule
            && self.status == other.status
            && self.resource == other.resource
            && self.severity == other.severity
            && self.evidence == other.evidence
            && self.suppression == other.suppression
            && self.baseline == other.baseline
            && self.message() == other.message()
    }
}

/// A finding's message, written out ([`Finding::words`]).
pub struct Words<'a>(&'a Finding);

impl std::fmt::Display for Words<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let x = self.0;
        match &x.message {
            Message::Text(t) => f.write_str(t),
            Message::Pass => write!(
                f,
                "{} {} passes: {}",
                x.resource.resource_type, x.resource.name, x.rule.title
            ),
            Message::Scope(why) => write!(
                f,
                "not evaluated: {why}, so {} could not check this scope",
                x.rule.id
            ),
        }
    }
}

impl Serialize for Words<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A finding as JSON (the differential tests compare these): every field, the message as
/// [`Finding::message`] gives it.
impl Serialize for Finding {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Finding", 8)?;
        st.serialize_field("rule", &self.rule)?;
        st.serialize_field("status", &self.status)?;
        st.serialize_field("resource", &self.resource)?;
        st.serialize_field("message", &self.words())?;
        st.serialize_field("severity", &self.severity)?;
        if let Some(e) = self.evidence() {
            st.serialize_field("evidence", &e)?;
        }
        if let Some(x) = &self.suppression {
            st.serialize_field("suppression", x)?;
        }
        if let Some(b) = &self.baseline {
            st.serialize_field("baseline", b)?;
        }
        st.end()
    }
}

#[cfg(test)]
impl Finding {
    /// A high-severity result of `policy` on an S3 bucket ARN, for unit tests.
    pub fn example(policy: &str, arn: &str, status: Status) -> Finding {
        let rule = Arc::new(RuleInfo {
            id: policy.into(),
            title: policy.into(),
            severity: Severity::High,
            remediation: String::new(),
            frameworks: Default::default(),
        });
        let resource = Arc::new(ResourceRef::from_arn(arn, "AWS::S3::Bucket"));
        Finding::new(rule, status, resource, String::new())
    }
}

/// Sorts findings into the stable report order, on every core (millions of results at a
/// million resources).
pub fn sort(findings: &mut [Finding]) {
    use rayon::slice::ParallelSliceMut;
    findings.par_sort_by(Finding::report_order);
}

/// Joins groups of findings, each of one rule (a policy's results), into the report order:
/// what concatenating the groups and [`sort`]ing would give, without sorting millions of
/// results as one slice or holding them twice. Each group is sorted on its own, in parallel;
/// as the order is severity first, then rule, the groups are then taken a severity at a
/// time, in rule order. Groups that are not one rule each (a group of two rules, two groups
/// of one) are joined by sorting the whole.
pub fn join_in_report_order(mut groups: Vec<Vec<Finding>>) -> Vec<Finding> {
    use rayon::prelude::*;
    let one_rule = |g: &Vec<Finding>| g.iter().all(|f| f.rule.id == g[0].rule.id);
    let mut rules: Vec<usize> = (0..groups.len())
        .filter(|&g| !groups[g].is_empty())
        .collect();
    rules.sort_by(|&a, &b| groups[a][0].rule.id.cmp(&groups[b][0].rule.id));
    let distinct = rules
        .windows(2)
        .all(|w| groups[w[0]][0].rule.id != groups[w[1]][0].rule.id);
    if !distinct || !groups.par_iter().all(one_rule) {
        let mut all: Vec<Finding> = groups.into_iter().flatten().collect();
        sort(&mut all);
        return all;
    }
    groups
        .par_iter_mut()
        .for_each(|g| g.sort_by(Finding::report_order));
    let total = groups.iter().map(Vec::len).sum();
    let mut levels = Severity::ALL.to_vec();
    levels.sort_by_key(|s| std::cmp::Reverse(*s));
    let mut rest: Vec<Option<std::iter::Peekable<std::vec::IntoIter<Finding>>>> = groups
        .into_iter()
        .map(|g| Some(g.into_iter().peekable()))
        .collect();
    let mut all = Vec::with_capacity(total);
    for level in levels {
        for &g in &rules {
            let Some(group) = rest[g].as_mut() else {
                continue;
            };
            while let Some(f) = group.next_if(|f| f.severity == level) {
                all.push(f);
            }
            if group.peek().is_none() {
                // Gives the group's buffer back as soon as it is emptied.
                rest[g] = None;
            }
        }
    }
    all
}

/// Counts by status, for summaries.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub fail: usize,
    pub pass: usize,
    pub not_evaluated: usize,
    pub error: usize,
    pub suppressed: usize,
}

impl Counts {
    pub fn of(findings: &[Finding]) -> Self {
        let mut c = Counts::default();
        for f in findings {
            c.add(f.status);
        }
        c
    }

    pub fn add(&mut self, status: Status) {
        match status {
            Status::Fail => self.fail += 1,
            Status::Pass => self.pass += 1,
            Status::NotEvaluated => self.not_evaluated += 1,
            Status::Error => self.error += 1,
            Status::Suppressed => self.suppressed += 1,
        }
    }

    pub fn merge(&mut self, other: &Counts) {
        self.fail += other.fail;
        self.pass += other.pass;
        self.not_evaluated += other.not_evaluated;
        self.error += other.error;
        self.suppressed += other.suppressed;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joining_groups_gives_the_sorted_concatenation() {
        // Groups in an order unlike their rules', severities mixed within a group, equal
        // keys whose messages (and only messages) differ, and empty groups.
        let mut seed = 7u64;
        let mut next = |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        let rules = ["c-policy", "a-policy", "b-policy", "d-policy"];
        let mut groups: Vec<Vec<Finding>> = Vec::new();
        for (g, rule) in rules.iter().enumerate() {
            let template = Finding::example(rule, "arn:aws:s3:::x", Status::Pass);
            let group = (0..(g * 40))
                .map(|i| {
                    let arn = format!("arn:aws:s3:::b{}", next(9));
                    let status =
                        [Status::Pass, Status::Fail, Status::NotEvaluated][next(3) as usize];
                    let mut f = Finding::new(
                        template.rule.clone(),
                        status,
                        Arc::new(ResourceRef::from_arn(&arn, "AWS::S3::Bucket")),
                        format!("message {i}"),
                    );
                    f.severity = Severity::ALL[next(5) as usize];
                    f
                })
                .collect();
            groups.push(group);
        }
        let mut expected: Vec<Finding> = groups.iter().flatten().cloned().collect();
        sort(&mut expected);
        assert_eq!(join_in_report_order(groups.clone()), expected);
        // A group of two rules, or a rule in two groups, is joined by sorting the whole.
        let mut mixed = groups.clone();
        let moved = mixed[3].pop().unwrap();
        mixed[1].push(moved);
        assert_eq!(join_in_report_order(mixed), expected);
        let mut split = groups.clone();
        let half = split[3].split_off(60);
        split.push(half);
        assert_eq!(join_in_report_order(split), expected);
    }

    #[test]
    fn derived_messages_read_as_written_ones() {
        let f = Finding::example("s3-bucket-public", "arn:aws:s3:::b", Status::Pass);
        let pass = Finding::pass(f.rule.clone(), f.resource.clone());
        assert_eq!(pass.message(), "AWS::S3::Bucket b passes: s3-bucket-public");
        let mut scope = Finding::blinded_scope(
            f.rule.clone(),
            f.resource.clone(),
            Arc::from("s3:GetBucketPolicy failed (AccessDenied)"),
        );
        assert_eq!(
            scope.message(),
            "not evaluated: s3:GetBucketPolicy failed (AccessDenied), so s3-bucket-public could not check this scope"
        );
        let written = Finding::new(
            f.rule.clone(),
            Status::Pass,
            f.resource.clone(),
            "AWS::S3::Bucket b passes: s3-bucket-public".into(),
        );
        assert_eq!(
            pass, written,
            "a derived message equals the same words written out"
        );
        scope.append_message("a second reason");
        assert!(scope.message().ends_with("this scope; a second reason"));
    }

    #[test]
    fn results_on_one_scope_are_ordered_by_their_words() {
        let f = Finding::example("p", "arn:aws:ec2:us-east-1:1:DescribeVpcs", Status::Pass);
        let scope =
            |why: &str| Finding::blinded_scope(f.rule.clone(), f.resource.clone(), Arc::from(why));
        let mut all = vec![scope("z"), scope("a"), scope("m")];
        sort(&mut all);
        let words: Vec<String> = all.iter().map(|f| f.message().into_owned()).collect();
        assert!(words.windows(2).all(|w| w[0] < w[1]), "{words:?}");
    }

    #[test]
    fn evidence_is_kept_as_json_text_and_null_is_none() {
        let f = Finding::example("p", "arn:aws:s3:::b", Status::Fail);
        assert_eq!(f.clone().with_evidence("null".into()).evidence(), None);
        let e = f.with_evidence(r#"{"b":[1,2.5],"a":"x"}"#.into());
        assert_eq!(
            e.evidence(),
            Some(serde_json::json!({"a": "x", "b": [1, 2.5]}))
        );
    }
}
