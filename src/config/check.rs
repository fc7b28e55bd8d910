//! What `palisade.toml` must satisfy beyond its shape: every segment selects something, every
//! CIDR parses, every flow names known segments and valid services, every suppression has a
//! justification. All mistakes are returned, each with the path of the value at fault.

use super::model::{Flow, Segment};
use super::problem::{key, Problem, Step};
use super::suppression::Suppression;
use crate::util::service::Services;
use std::collections::{BTreeMap, BTreeSet};

/// The entries that parsed, with where each came from, and the names of every segment in the
/// file (those that did not parse too, so a flow naming one is not a second, false mistake).
pub struct Entries<'a> {
    pub names: &'a BTreeSet<String>,
    pub segments: &'a BTreeMap<String, Segment>,
    /// 0-based position in `[[flows]]`, and the flow.
    pub flows: &'a [(usize, Flow)],
    pub suppressions: &'a [Suppression],
}

pub fn problems(entries: &Entries) -> Vec<Problem> {
    let mut out = Vec::new();
    for (name, segment) in entries.segments {
        out.extend(segment_problems(name, segment));
    }
    for (i, flow) in entries.flows {
        let at = [key("flows"), Step::Index(*i)];
        out.extend(
            flow_problems(*i + 1, flow, entries.names)
                .into_iter()
                .map(|p| p.within(&at)),
        );
    }
    for s in entries.suppressions {
        let at = [key("suppressions"), Step::Index(s.index - 1)];
        out.extend(s.problems().into_iter().map(|p| p.within(&at)));
    }
    out
}

fn segment_problems(name: &str, segment: &Segment) -> Vec<Problem> {
    let at = |rest: Vec<Step>| [vec![key("segments"), key(name)], rest].concat();
    if segment.tags.is_empty() && segment.subnets.is_empty() && segment.cidrs.is_empty() {
        return vec![Problem::new(
            at(vec![]),
            format!("segment `{name}` selects nothing: give it `tags`, `subnets` or `cidrs`"),
        )];
    }
    segment
        .cidrs
        .iter()
        .enumerate()
        .filter(|(_, c)| crate::util::addr::cidr(c).is_none() || !c.contains('/'))
        .map(|(i, c)| {
            Problem::new(
                at(vec![key("cidrs"), Step::Index(i)]),
                format!("segment `{name}`: `{c}` is not a CIDR block (e.g. 10.0.0.0/16)"),
            )
        })
        .collect()
}

/// `n` is the flow's 1-based position, as messages count.
fn flow_problems(n: usize, flow: &Flow, names: &BTreeSet<String>) -> Vec<Problem> {
    let at = format!("flow {n} ({} -> {})", flow.from, flow.to);
    let mut out = Vec::new();
    for (field, end) in [("from", &flow.from), ("to", &flow.to)] {
        if !names.contains(end) {
            let known: Vec<&str> = names.iter().map(String::as_str).collect();
            let known = if known.is_empty() {
                "there are none; define them under [segments.NAME]".to_string()
            } else {
                format!("segments are: {}", known.join(", "))
            };
            out.push(Problem::new(
                vec![key(field)],
                format!("{at}: there is no segment `{end}`; {known}"),
            ));
        }
    }
    if flow.services.is_empty() {
        out.push(Problem::new(
            vec![key("services")],
            format!("{at} allows no services: list them, e.g. [\"tcp/443\"]"),
        ));
    }
    for (i, s) in flow.services.iter().enumerate() {
        if let Err(e) = Services::parse(s) {
            out.push(Problem::new(
                vec![key("services"), Step::Index(i)],
                format!("{at}: {e}"),
            ));
        }
    }
    out
}
