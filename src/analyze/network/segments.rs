//! Segment membership: which resources and subnets each configured segment holds, and which
//! subnets are public (routed to an internet gateway).

use super::endpoint::Endpoint;
use super::topology::Topology;
use crate::config::{Config, Segment, SegmentKind};
use crate::inventory::Tags;
use crate::util::addr::{cidr, Family};
use foldhash::HashSet;
use serde::Serialize;
use std::collections::BTreeMap;

/// The pseudo-segment of every subnet with a default route to an internet gateway.
pub const PUBLIC_SUBNETS: &str = "(public subnets)";

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SegmentFacts {
    pub kind: SegmentKind,
    /// Resources in the segment (instances, databases, load balancers, interfaces).
    pub members: Vec<String>,
    pub subnets: Vec<String>,
}

/// All the segment's tags are on the resource; a segment without tags selects nothing by tag.
fn tags_match(want: &BTreeMap<String, String>, have: Option<&Tags>) -> bool {
    !want.is_empty() && have.is_some_and(|h| want.iter().all(|(k, v)| h.get(k) == Some(v)))
}

/// Whether an endpoint's address lies in one of the segment's CIDR blocks.
fn in_blocks(blocks: &[(Family, (u128, u128))], family: Family, a: Option<u128>) -> bool {
    a.is_some_and(|a| {
        blocks
            .iter()
            .any(|(f, (lo, hi))| *f == family && *lo <= a && a <= *hi)
    })
}

/// Subnets selected by a segment: by id, by the subnet's or its VPC's tags, or inside a CIDR.
fn subnet_in(topo: &Topology, seg: &Segment, blocks: &[(Family, (u128, u128))], id: &str) -> bool {
    let Some(info) = topo.subnets.get(id) else {
        return false;
    };
    let s = info.subnet;
    seg.subnets.iter().any(|x| x == id)
        || tags_match(&seg.tags, Some(&s.tags))
        || tags_match(&seg.tags, topo.vpc_tags.get(s.vpc_id.as_str()).copied())
        || cidr(&s.cidr_block).is_some_and(|(f, (lo, hi))| {
            blocks
                .iter()
                .any(|(bf, (blo, bhi))| *bf == f && *blo <= lo && hi <= *bhi)
        })
}

/// Subnet ids whose route table sends 0.0.0.0/0 or ::/0 to an attached internet gateway.
fn public_subnets(topo: &Topology) -> HashSet<String> {
    topo.subnets
        .iter()
        .filter(|(_, info)| {
            info.table.is_some_and(|t| {
                let t = &topo.tables[t];
                [Family::V4, Family::V6].into_iter().any(|f| {
                    t.routes.iter().any(|r| {
                        r.active
                            && r.prefix == 0
                            && r.block.0 == f
                            && r.target_type == "igw"
                            && topo
                                .igws
                                .contains(&(r.target_id.as_str(), info.subnet.vpc_id.as_str()))
                    })
                })
            })
        })
        .map(|(id, _)| id.to_string())
        .collect()
}

pub struct Membership {
    pub segments: BTreeMap<String, SegmentFacts>,
    /// Endpoint indices per segment.
    pub endpoints: BTreeMap<String, Vec<usize>>,
    /// Subnets routed to an internet gateway: the `(public subnets)` source, and a fact.
    pub public_subnets: HashSet<String>,
}

/// Which endpoints, resources and subnets each configured segment selects, and the public
/// subnets.
pub fn membership(topo: &Topology, config: &Config, eps: &[Endpoint]) -> Membership {
    let mut segments = BTreeMap::new();
    let mut endpoints = BTreeMap::new();
    for (name, seg) in &config.segments {
        let blocks: Vec<_> = seg.cidrs.iter().filter_map(|c| cidr(c)).collect();
        let subnets: HashSet<&str> = topo
            .subnets
            .keys()
            .copied()
            .filter(|id| subnet_in(topo, seg, &blocks, id))
            .collect();
        let idx: Vec<usize> = eps
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                subnets.contains(e.subnet)
                    || tags_match(&seg.tags, e.tags)
                    || in_blocks(&blocks, Family::V4, e.v4)
                    || in_blocks(&blocks, Family::V6, e.v6)
            })
            .map(|(i, _)| i)
            .collect();
        let mut members: Vec<String> = idx.iter().map(|&i| eps[i].resource.to_string()).collect();
        members.sort();
        members.dedup();
        let mut subnet_ids: Vec<String> = subnets.iter().map(|s| s.to_string()).collect();
        subnet_ids.sort();
        segments.insert(
            name.clone(),
            SegmentFacts {
                kind: seg.kind,
                members,
                subnets: subnet_ids,
            },
        );
        endpoints.insert(name.clone(), idx);
    }
    Membership {
        segments,
        endpoints,
        public_subnets: public_subnets(topo),
    }
}
