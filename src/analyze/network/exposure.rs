//! Internet exposure: for every endpoint, which services the internet reaches and how.
//!
//! The internet's addresses are cut into atoms at every boundary a route, NACL entry or
//! security-group rule of the endpoint draws; every layer treats all addresses of an atom
//! alike, so judging one address per atom is exact. Endpoints with the same subnet, security
//! groups and listeners share the answer.

use super::endpoint::{Endpoint, Kind};
use super::flow::{Admission, Blocked, Stage};
use super::internet::from_internet;
use super::topology::{Block, Topology};
use super::undescribed::Undescribed;
use crate::util::addr::{to_cidrs, AddrSet, Family};
use crate::util::service::Services;
use foldhash::HashMap;
use serde::Serialize;
use std::sync::Arc;

/// What the internet reaches of one resource.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Exposure {
    pub kind: Kind,
    pub account_id: String,
    pub region: String,
    pub name: String,
    /// Services reachable from most of the internet (at least half its addresses of a family).
    pub open: Services,
    /// Every admitted flow with its path; narrower ones included.
    pub reachable: Vec<Reach>,
    /// Why nothing is reachable, when nothing is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub blocked_by: Option<String>,
    /// A stopped instance is exposed again when it starts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Reach {
    pub family: Family,
    pub services: Services,
    /// The admitted internet sources as CIDR blocks (at most 8, then a count).
    pub sources: Vec<String>,
    /// From at least half of the internet's addresses.
    pub anywhere: bool,
    /// `internet gateway igw-1 → rtb-1 route 0.0.0.0/0 → ... → public IP 54.1.2.3 (eni-1)`.
    pub path: String,
    #[serde(skip)]
    pub group: Option<String>,
}

type Answer = Arc<Result<Vec<Admission>, Blocked>>;

/// (subnet, sorted groups, groups enforced, listeners, family): what an answer depends on.
type ClassKey = (String, Vec<String>, bool, Option<String>, Family);

/// Cached answers per (subnet, groups, enforcement, listeners, family).
#[derive(Default)]
pub struct Cache {
    answers: HashMap<ClassKey, Answer>,
}

/// Every block a layer of the endpoint draws: where the internet's atoms must be cut.
fn blocks_of(topo: &Topology, ep: &Endpoint, family: Family) -> Vec<Block> {
    let mut out = Vec::new();
    if let Some(info) = topo.subnets.get(ep.subnet) {
        if let Some(t) = info.table {
            out.extend(topo.tables[t].routes.iter().map(|r| r.block));
        }
        if let Some(n) = info.nacl {
            let n = &topo.nacls[n];
            out.extend(
                n.inbound
                    .rules
                    .iter()
                    .chain(&n.outbound.rules)
                    .filter_map(|r| r.block),
            );
        }
    }
    for g in ep.groups.iter().filter_map(|g| topo.groups.get(g)) {
        for r in &g.ingress {
            out.extend(r.blocks.iter().copied());
        }
    }
    out.retain(|b| b.0 == family);
    out
}

/// The atoms of the internet's `family` addresses that the blocks cut.
fn atoms(family: Family, blocks: &[Block]) -> Vec<(u128, u128)> {
    let mut cuts: Vec<u128> = vec![0];
    for (_, (lo, hi)) in blocks {
        cuts.push(*lo);
        if let Some(n) = hi.checked_add(1) {
            cuts.push(n);
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let internet = family.internet();
    let mut out = Vec::new();
    for (i, &lo) in cuts.iter().enumerate() {
        let hi = cuts.get(i + 1).map_or(family.max(), |n| n - 1);
        if lo > family.max() {
            break;
        }
        let piece = AddrSet::range(lo, hi.min(family.max())).intersect(&internet);
        out.extend(piece.ranges().iter().copied());
    }
    out
}

impl Cache {
    /// The endpoint's answer for one family, shared by every endpoint of the same class.
    fn answer(
        &mut self,
        topo: &Topology,
        ep: &Endpoint,
        family: Family,
    ) -> Result<Answer, Undescribed> {
        let mut groups: Vec<String> = ep.groups.iter().map(|g| g.to_string()).collect();
        groups.sort();
        let key = (
            ep.subnet.to_string(),
            groups,
            ep.groups_enforced,
            ep.listens.as_ref().map(Services::describe),
            family,
        );
        if let Some(a) = self.answers.get(&key) {
            return Ok(a.clone());
        }
        let mut merged: Vec<Admission> = Vec::new();
        let mut furthest: Option<Blocked> = None;
        for (lo, hi) in atoms(family, &blocks_of(topo, ep, family)) {
            match from_internet(topo, ep, family, lo)? {
                Ok(adms) => {
                    for mut a in adms {
                        a.sources = AddrSet::range(lo, hi);
                        match merged
                            .iter_mut()
                            .find(|m| m.services == a.services && m.path == a.path)
                        {
                            Some(m) => m.sources = m.sources.union(&a.sources),
                            None => merged.push(a),
                        }
                    }
                }
                Err(b) => {
                    if furthest.as_ref().is_none_or(|f| b.stage > f.stage) {
                        furthest = Some(b);
                    }
                }
            }
        }
        let answer = Arc::new(if merged.is_empty() {
            Err(furthest.unwrap_or(Blocked {
                stage: Stage::Route,
                why: "no internet address reaches it".into(),
            }))
        } else {
            Ok(merged)
        });
        self.answers.insert(key, answer.clone());
        Ok(answer)
    }
}

/// The internet exposure of one resource over its endpoints. `Err` when the data does not
/// allow an answer (a subnet without route table or NACL).
pub fn expose(
    topo: &Topology,
    cache: &mut Cache,
    resource_eps: &[&Endpoint],
) -> Result<Exposure, Undescribed> {
    let first = resource_eps[0];
    let mut reachable: Vec<Reach> = Vec::new();
    let mut blocked: Vec<(Stage, String)> = Vec::new();
    for ep in resource_eps {
        for family in [Family::V4, Family::V6] {
            let Some(public) = ep.public_address(family) else {
                if family == Family::V4 || ep.v6.is_some() {
                    blocked.push((Stage::Address, no_public_address(ep, family)));
                }
                continue;
            };
            match &*cache.answer(topo, ep, family)? {
                Ok(adms) => push_reaches(&mut reachable, ep, family, &public, adms),
                Err(b) => blocked.push((b.stage, format!("{}: {}", ep.subnet, b.why))),
            }
        }
    }
    reachable.dedup();
    let open = reachable
        .iter()
        .filter(|r| r.anywhere)
        .fold(Services::default(), |a, r| a.union(&r.services));
    let blocked_by = reachable.is_empty().then(|| furthest(&blocked));
    Ok(Exposure {
        kind: first.kind,
        account_id: first.account_id.to_string(),
        region: first.region.to_string(),
        name: first.label(),
        open,
        reachable,
        blocked_by,
        state: first.state.map(str::to_string),
    })
}

/// Why the internet cannot address an endpoint in `family` at all.
fn no_public_address(ep: &Endpoint, family: Family) -> String {
    format!(
        "{} has no public {} address",
        ep.interface.unwrap_or(ep.name),
        if family == Family::V4 { "IPv4" } else { "IPv6" }
    )
}

/// Each admission as a path from the internet to the endpoint's public address; it is open
/// to the world from at least half of the internet's addresses of the family.
fn push_reaches(
    out: &mut Vec<Reach>,
    ep: &Endpoint,
    family: Family,
    public: &str,
    adms: &[Admission],
) {
    let half = family
        .internet()
        .ranges()
        .iter()
        .map(|r| r.1 - r.0)
        .sum::<u128>()
        / 2;
    for a in adms {
        let size: u128 = a.sources.ranges().iter().map(|r| r.1 - r.0).sum();
        let sources = describe_sources(family, &a.sources, size >= half);
        let at = match ep.interface {
            Some(eni) => format!("{public} ({eni}, subnet {})", ep.subnet),
            None => format!("{public} in subnet {}", ep.subnet),
        };
        let mut path = a.path.clone();
        path.insert(0, format!("internet ({})", family.world()));
        path.push(at);
        out.push(Reach {
            family,
            services: a.services.clone(),
            sources,
            anywhere: size >= half,
            path: path.join(" → "),
            group: a.group.clone(),
        });
    }
}

/// The reasons of the layer that stopped the traffic furthest along, once each: where the
/// nearest fix is.
fn furthest(blocked: &[(Stage, String)]) -> String {
    let top = blocked.iter().map(|b| b.0).max();
    let mut whys: Vec<String> = blocked
        .iter()
        .filter(|b| Some(b.0) == top)
        .map(|b| b.1.clone())
        .collect();
    whys.dedup();
    whys.join("; ")
}

/// The admitted sources as CIDR blocks, at most 8 then a count; most of the internet is
/// written as the world minus what is left out.
fn describe_sources(family: Family, sources: &AddrSet, most: bool) -> Vec<String> {
    let limit = |mut v: Vec<String>| {
        if v.len() > 8 {
            let n = v.len();
            v.truncate(8);
            v.push(format!("… {n} blocks in all"));
        }
        v
    };
    if most {
        let missing = family.internet().subtract(sources);
        if missing.is_empty() {
            return vec![format!("{} (any internet address)", family.world())];
        }
        let mut out = vec![format!("{} (the internet) except:", family.world())];
        out.extend(limit(to_cidrs(family, &missing)));
        return out;
    }
    limit(to_cidrs(family, sources))
}
