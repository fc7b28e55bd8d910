//! Network reachability and segmentation, derived natively and exposed to policies under
//! `input.facts.network`.
//!
//! - [`exposure`]: what the internet reaches of every instance, interface, database and load
//!   balancer, with the path (internet gateway, route, NACL rules both ways, security group
//!   rule, public address);
//! - [`segments`]: which resources each configured segment holds;
//! - [`segment_flows`]: which segments reach which resources of other segments, on which
//!   services, and whether the config's flows allow it.
//!
//! Beneath them: [`topology`] compiles the estate for lookups, [`endpoint`] places the
//! resources, [`flow`] and [`internet`] judge one path layer by layer, [`classes`] groups
//! endpoints no layer tells apart, and [`undescribed`] says what the data leaves out, which
//! becomes a gap (`not-evaluated`), never a pass.
//!
//! Port and address sets are interval sets (`crate::util::interval`), never per-port or
//! per-address loops. See `docs/network-analysis.md` for the model and its limits.

pub mod classes;
pub mod endpoint;
pub mod exposure;
pub mod flow;
pub mod internet;
pub mod query;
pub mod segment_flows;
pub mod segments;
pub mod topology;
pub mod undescribed;

#[cfg(test)]
mod tests;

use crate::config::Config;
use crate::inventory::{Gap, Inventory};
use crate::util::service::Services;
use endpoint::Endpoint;
use exposure::{Cache, Exposure};
use segment_flows::{SegmentFlow, Unjudged};
use segments::SegmentFacts;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use topology::Topology;
use undescribed::Undescribed;

#[derive(Debug, Default, Clone, Serialize, PartialEq)]
pub struct NetworkFacts {
    /// Internet exposure by resource ARN.
    pub exposures: BTreeMap<String, Exposure>,
    /// By security group ARN: what its rules actually let the internet reach.
    pub security_groups: BTreeMap<String, GroupFacts>,
    pub segments: BTreeMap<String, SegmentFacts>,
    /// Segment names by member resource ARN.
    pub segment_of: BTreeMap<String, Vec<String>>,
    /// Traffic into each resource from each other segment.
    pub flows: Vec<SegmentFlow>,
    /// Subnet ids with a default route to an internet gateway.
    pub public_subnets: Vec<String>,
    /// Exposures and segment flows the data did not allow judging, on the resource whose
    /// results they leave incomplete; they become gaps, not passes.
    #[serde(skip)]
    pub gaps: Vec<Gap>,
}

#[derive(Debug, Default, Clone, Serialize, PartialEq)]
pub struct GroupFacts {
    /// Endpoints (interfaces, database and load balancer placements) using the group.
    pub attached: usize,
    /// The resources those endpoints belong to.
    pub attached_to: Vec<String>,
    /// Services its rules let most of the internet reach on some resource.
    pub open: Services,
    /// Those resources.
    pub exposed: Vec<String>,
}

/// The gap for a resource whose internet exposure the data does not allow judging.
fn exposure_gap(ep: &Endpoint, why: &Undescribed) -> Gap {
    why.gap(
        ep,
        format!("reachability of {} not analysed: {why}", ep.name),
    )
}

/// The gap for a target resource whose flows from a source segment the data does not allow
/// judging: its segmentation results become `not-evaluated` rather than pass.
fn flow_gap(target: &Endpoint, u: &Unjudged) -> Gap {
    let from = if u.from == segments::PUBLIC_SUBNETS {
        u.from.clone()
    } else {
        format!("segment {}", u.from)
    };
    u.why.gap(
        target,
        format!(
            "traffic from {from} to {} (segment {}) not analysed: {}",
            target.label(),
            u.to,
            u.why
        ),
    )
}

/// The network facts of the estate: what the internet reaches of every resource, what each
/// security group lets it reach, which segments reach which resources, and a gap for
/// everything the data did not allow judging.
pub fn analyze(inventory: &Inventory, config: &Config) -> NetworkFacts {
    let topo = Topology::build(inventory);
    let eps = endpoint::endpoints(&topo);
    let sg_arn: HashMap<&str, &str> = inventory
        .network
        .security_groups
        .iter()
        .map(|g| (g.id.as_str(), g.arn.as_str()))
        .collect();
    let mut facts = NetworkFacts::default();
    count_attachments(&mut facts.security_groups, &eps, &sg_arn);
    // Internet exposure and segment flows are independent: one thread each.
    let (exposures, (m, (flows, unjudged))) = rayon::join(
        || exposures(&topo, &eps),
        || {
            let m = segments::membership(&topo, config, &eps);
            let flows = segment_flows::flows(&topo, config, &eps, &m);
            (m, flows)
        },
    );
    for (resource, first, found) in exposures {
        match found {
            Ok(x) => {
                record_open_groups(&mut facts.security_groups, &sg_arn, resource, &x);
                facts.exposures.insert(resource.to_string(), x);
            }
            Err(why) => facts.gaps.push(exposure_gap(first, &why)),
        }
    }
    facts.segment_of = segment_of(&m.segments);
    facts.flows = flows;
    facts
        .gaps
        .extend(unjudged.iter().map(|u| flow_gap(&eps[u.target], u)));
    facts.segments = m.segments;
    facts.public_subnets = m.public_subnets.into_iter().collect();
    facts.public_subnets.sort();
    for g in facts.security_groups.values_mut() {
        g.attached_to.sort();
        g.attached_to.dedup();
    }
    facts.gaps.sort();
    facts.gaps.dedup();
    facts
}

/// How many endpoints use each security group, and whose they are: a group attached to
/// nothing reachable is reported at a lower severity.
fn count_attachments(
    groups: &mut BTreeMap<String, GroupFacts>,
    eps: &[Endpoint],
    sg_arn: &HashMap<&str, &str>,
) {
    for e in eps {
        for g in &e.groups {
            if let Some(arn) = sg_arn.get(g) {
                let g = groups.entry(arn.to_string()).or_default();
                g.attached += 1;
                if g.attached_to.last().map(String::as_str) != Some(e.resource) {
                    g.attached_to.push(e.resource.to_string());
                }
            }
        }
    }
}

/// The internet exposure of every resource over all its endpoints, in resource order, with
/// one endpoint to blame a gap on; one cache for all, since many share subnet and groups.
fn exposures<'e, 'a>(
    topo: &Topology,
    eps: &'e [Endpoint<'a>],
) -> Vec<(&'a str, &'e Endpoint<'a>, Result<Exposure, Undescribed>)> {
    let mut by_resource: BTreeMap<&str, Vec<&Endpoint>> = BTreeMap::new();
    for e in eps {
        by_resource.entry(e.resource).or_default().push(e);
    }
    let mut cache = Cache::default();
    by_resource
        .into_iter()
        .map(|(resource, list)| {
            let found = exposure::expose(topo, &mut cache, &list);
            (resource, list[0], found)
        })
        .collect()
}

/// Credits each group whose rule admits most of the internet with what it lets through to
/// `resource`.
fn record_open_groups(
    groups: &mut BTreeMap<String, GroupFacts>,
    sg_arn: &HashMap<&str, &str>,
    resource: &str,
    x: &Exposure,
) {
    for r in x.reachable.iter().filter(|r| r.anywhere) {
        let Some(arn) = r.group.as_deref().and_then(|g| sg_arn.get(g)) else {
            continue;
        };
        let g = groups.entry(arn.to_string()).or_default();
        g.open = g.open.union(&r.services);
        if g.exposed.last().map(String::as_str) != Some(resource) {
            g.exposed.push(resource.to_string());
        }
    }
}

/// Segment names by member resource, for policies that start from a resource.
fn segment_of(segments: &BTreeMap<String, SegmentFacts>) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (name, seg) in segments {
        for arn in &seg.members {
            out.entry(arn.clone()).or_default().push(name.clone());
        }
    }
    out
}
