//! Segmentation: which configured segments reach which, on what, through which rules.

use super::endpoint::{Endpoint, Kind};
use super::flow::{between, services_between, Layers};
use super::topology::Topology;
use super::undescribed::Undescribed;
use crate::config::{Config, Segment, SegmentKind};
use crate::inventory::Tags;
use crate::util::addr::{cidr, Family};
use crate::util::service::Services;
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use rayon::prelude::*;
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

/// Traffic from a segment to one resource of another.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SegmentFlow {
    pub from: String,
    pub from_kind: SegmentKind,
    pub to: String,
    pub to_kind: SegmentKind,
    pub target: String,
    pub target_kind: Kind,
    pub target_name: String,
    pub account_id: String,
    pub region: String,
    pub services: Services,
    /// What the config's flows do not allow (everything, without a flow for the pair).
    pub disallowed: Services,
    /// One source resource and the path its traffic takes.
    pub source: String,
    pub source_name: String,
    pub path: String,
}

fn tags_match(want: &BTreeMap<String, String>, have: Option<&Tags>) -> bool {
    !want.is_empty() && have.is_some_and(|h| want.iter().all(|(k, v)| h.get(k) == Some(v)))
}

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

/// VPC pairs that can exchange traffic at all: peered, or attached to one transit gateway
/// whose route table (the one the first VPC's attachment is associated with) has an active
/// route to the second's attachment. A pre-filter only: routes are judged per flow.
fn connected<'t>(topo: &'t Topology) -> HashSet<(&'t str, &'t str)> {
    let mut out = HashSet::new();
    for &(a, b) in topo.peerings.values() {
        out.insert((a, b));
        out.insert((b, a));
    }
    for tgw in topo.tgws.values() {
        for (vpc, table) in tgw.vpc_attachments.values() {
            let Some(routes) = table.as_ref().and_then(|t| tgw.tables.get(t)) else {
                continue;
            };
            for (_, _, attachments, active) in routes {
                if !active {
                    continue;
                }
                for att in attachments {
                    if let Some((other, _)) = tgw.vpc_attachments.get(att) {
                        out.insert((vpc.as_str(), other.as_str()));
                    }
                }
            }
        }
    }
    out
}

/// Subnets in which some rule, route or prefix-list block draws a line: a block strictly inside
/// the subnet. (CIDR blocks nest or are disjoint, so this is the only way a block can treat two
/// addresses of one subnet differently.) Endpoints elsewhere can be judged by subnet alone.
fn split_subnets<'a>(topo: &Topology<'a>) -> HashSet<&'a str> {
    let mut subnets: HashMap<(Family, u128, u128), Vec<&'a str>> = HashMap::new();
    for (id, info) in &topo.subnets {
        let s = info.subnet;
        for c in std::iter::once(&s.cidr_block).chain(&s.ipv6_cidr_blocks) {
            if let Some((f, (lo, hi))) = cidr(c) {
                subnets.entry((f, lo, hi)).or_default().push(id);
            }
        }
    }
    let mut blocks: Vec<(Family, (u128, u128))> = Vec::new();
    for n in &topo.nacls {
        for r in n.inbound.rules.iter().chain(&n.outbound.rules) {
            blocks.extend(r.block);
        }
    }
    for g in topo.groups.values() {
        for r in g.ingress.iter().chain(&g.egress) {
            blocks.extend(r.blocks.iter().copied());
        }
    }
    for t in &topo.tables {
        blocks.extend(t.routes.iter().map(|r| r.block));
    }
    for tgw in topo.tgws.values() {
        for routes in tgw.tables.values() {
            blocks.extend(routes.iter().map(|r| r.0));
        }
    }
    blocks.sort_unstable();
    blocks.dedup();
    let mut out = HashSet::new();
    for (f, (lo, hi)) in blocks {
        let bits = match f {
            Family::V4 => 32u32,
            Family::V6 => 128,
        };
        let host_bits = 128 - (hi - lo).leading_zeros();
        // Every strictly larger aligned block containing this one.
        for h in host_bits + 1..=bits {
            let span = if h >= 128 {
                u128::MAX
            } else {
                (1u128 << h) - 1
            };
            let base = lo & !span;
            if let Some(ids) = subnets.get(&(f, base, base | span)) {
                out.extend(ids.iter().copied());
            }
        }
    }
    out
}

/// Endpoints that every layer treats alike: same subnet, groups, listeners, segments and
/// address families, and (in a split subnet) the same addresses.
#[derive(PartialEq, Eq, Hash)]
struct ClassKey<'a> {
    subnet: &'a str,
    groups: Vec<&'a str>,
    enforced: bool,
    listens: Option<String>,
    /// Which families the endpoint has an address in.
    families: [bool; 2],
    addr: Option<(Option<u128>, Option<u128>)>,
    segments: Vec<&'a str>,
}

/// Every flow from one segment to a resource of another (and from public subnets to CDE and
/// PHI resources). Errors are subnets the data does not describe, returned for gaps.
///
/// Endpoints are grouped into classes the layers cannot tell apart, so each pair of classes is
/// judged once however many interfaces they hold.
pub fn flows(
    topo: &Topology,
    config: &Config,
    eps: &[Endpoint],
    m: &Membership,
) -> (Vec<SegmentFlow>, Vec<Undescribed>) {
    let links = connected(topo);
    let mut sources: Vec<(String, SegmentKind, &Vec<usize>)> = m
        .endpoints
        .iter()
        .map(|(n, idx)| (n.clone(), m.segments[n].kind, idx))
        .collect();
    let public_eps: Vec<usize> = eps
        .iter()
        .enumerate()
        .filter(|(_, e)| m.public_subnets.contains(e.subnet))
        .map(|(i, _)| i)
        .collect();
    sources.push((PUBLIC_SUBNETS.to_string(), SegmentKind::Public, &public_eps));
    let mut segs_of: HashMap<usize, Vec<&str>> = HashMap::new();
    for (name, idx) in &m.endpoints {
        for &i in idx {
            segs_of.entry(i).or_default().push(name);
        }
    }
    let split = split_subnets(topo);
    let mut class_ids: HashMap<ClassKey, usize> = HashMap::new();
    let mut class_of = vec![0usize; eps.len()];
    let mut reps: Vec<usize> = Vec::new();
    for (i, e) in eps.iter().enumerate() {
        let mut groups = e.groups.clone();
        groups.sort_unstable();
        let key = ClassKey {
            subnet: e.subnet,
            groups,
            enforced: e.groups_enforced,
            listens: e.listens.as_ref().map(Services::describe),
            families: [e.v4.is_some(), e.v6.is_some()],
            addr: split.contains(e.subnet).then_some((e.v4, e.v6)),
            segments: segs_of.get(&i).cloned().unwrap_or_default(),
        };
        let next = reps.len();
        let id = *class_ids.entry(key).or_insert(next);
        if id == next {
            reps.push(i);
        }
        class_of[i] = id;
    }
    /// What one (source segment, target segment, target resource) has gathered: the
    /// endpoints of an example (one that carries disallowed traffic if any does).
    struct Gathered {
        services: Services,
        disallowed: Services,
        src: usize,
        dst: usize,
    }
    impl Gathered {
        fn add(&mut self, services: &Services, disallowed: &Services, src: usize) {
            if self.disallowed.is_empty() && !disallowed.is_empty() {
                self.src = src;
            }
            self.services = self.services.union(services);
            self.disallowed = self.disallowed.union(disallowed);
        }
    }
    // For each VPC, the other VPCs whose traffic can reach it (sorted, for a stable order).
    let mut sources_of: HashMap<&str, Vec<&str>> = HashMap::new();
    for &(from, to) in &links {
        if from != to {
            sources_of.entry(to).or_default().push(from);
        }
    }
    for v in sources_of.values_mut() {
        v.sort_unstable();
        v.dedup();
    }
    // The config's allowed flows, parsed once.
    let mut allowed: HashMap<(&str, &str), Services> = HashMap::new();
    for f in &config.flows {
        allowed.insert(
            (f.from.as_str(), f.to.as_str()),
            config.allowed(&f.from, &f.to),
        );
    }
    // Every (target segment, source segment) pair is judged on its own, in parallel; each keeps
    // its own cache of the network half.
    let pairs: Vec<(&String, &Vec<usize>, usize)> = m
        .endpoints
        .iter()
        .flat_map(|(to, idx)| (0..sources.len()).map(move |fi| (to, idx, fi)))
        .filter(|&(to, _, fi)| {
            let from = &sources[fi].0;
            from != to
                && (from != PUBLIC_SUBNETS
                    || matches!(m.segments[to].kind, SegmentKind::Cde | SegmentKind::Phi))
        })
        .collect();
    type Found<'f> = (Vec<((usize, &'f str, &'f str), Gathered)>, Vec<Undescribed>);
    let results: Vec<Found> = pairs
        .par_iter()
        .map(|&(to, to_idx, fi)| {
            let mut out: HashMap<(usize, &str, &str), Gathered> = HashMap::new();
            let mut errors = Vec::new();
            // The network half (routes, NACLs) per pair of subnets no rule splits, per family; the
            // group half per pair of classes. Both families together.
            // Keyed by the subnets and which families each end has an address in.
            type NetKey<'k> = (&'k str, &'k str, [bool; 4]);
            let mut network: HashMap<NetKey, [Services; 2]> = HashMap::new();
            let mut judge = |si: usize, di: usize, errors: &mut Vec<Undescribed>| -> Services {
                let (src, dst) = (&eps[si], &eps[di]);
                let net = |family, errors: &mut Vec<Undescribed>| {
                    services_between(topo, src, dst, family, Layers::Network).unwrap_or_else(|e| {
                        errors.push(e);
                        Services::default()
                    })
                };
                let own;
                let halves: &[Services; 2] =
                    if split.contains(src.subnet) || split.contains(dst.subnet) {
                        own = [net(Family::V4, errors), net(Family::V6, errors)];
                        &own
                    } else {
                        let families = [
                            src.v4.is_some(),
                            src.v6.is_some(),
                            dst.v4.is_some(),
                            dst.v6.is_some(),
                        ];
                        network
                            .entry((src.subnet, dst.subnet, families))
                            .or_insert_with(|| [net(Family::V4, errors), net(Family::V6, errors)])
                    };
                let mut found = Services::default();
                for (family, n) in [Family::V4, Family::V6].into_iter().zip(halves) {
                    if n.is_empty() {
                        continue;
                    }
                    if let Ok(g) = services_between(topo, src, dst, family, Layers::Groups) {
                        found = found.union(&n.intersect(&g));
                    }
                }
                found
            };
            let (from, _, from_idx) = &sources[fi];
            let to_set: HashSet<usize> = to_idx.iter().copied().collect();
            let mut dst_classes: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
            for &d in to_idx.iter() {
                dst_classes.entry(class_of[d]).or_default().push(d);
            }
            // Source classes by VPC and subnet, so a target only meets sources that can reach
            // its VPC, and a subnet the network blocks is skipped whole. Each class keeps its
            // members: a target is never its own source.
            let mut by_vpc: BTreeMap<&str, BTreeMap<&str, BTreeMap<usize, Vec<usize>>>> =
                BTreeMap::new();
            let mut from_resources: HashSet<&str> = HashSet::new();
            for &i in from_idx.iter() {
                if !to_set.contains(&i) {
                    from_resources.insert(eps[i].resource);
                    by_vpc
                        .entry(eps[i].vpc)
                        .or_default()
                        .entry(eps[i].subnet)
                        .or_default()
                        .entry(class_of[i])
                        .or_default()
                        .push(i);
                }
            }
            // A source in several segments may send what any of them is allowed to; the same
            // for every member of a source class.
            let mut allowed_by_class: HashMap<usize, Services> = HashMap::new();
            let mut allowed_for = |i: usize| {
                allowed_by_class
                    .entry(class_of[i])
                    .or_insert_with(|| {
                        segs_of
                            .get(&i)
                            .into_iter()
                            .flatten()
                            .copied()
                            .chain(std::iter::once(from.as_str()))
                            .filter_map(|seg| allowed.get(&(seg, to.as_str())))
                            .fold(Services::default(), |a, b| a.union(b))
                    })
                    .clone()
            };
            for (&dc, dmembers) in &dst_classes {
                let drep = &eps[reps[dc]];
                // (services, disallowed, source class members) of every class that gets through.
                let mut through: Vec<(Services, Services, &Vec<usize>)> = Vec::new();
                let own = [drep.vpc];
                let linked = sources_of.get(drep.vpc).map_or(&[][..], Vec::as_slice);
                for vpc in own.iter().chain(linked) {
                    let Some(subnets) = by_vpc.get(vpc) else {
                        continue;
                    };
                    for classes in subnets.values() {
                        for (&sc, smembers) in classes {
                            let services = judge(reps[sc], reps[dc], &mut errors);
                            if services.is_empty() {
                                continue;
                            }
                            let disallowed = services.subtract(&allowed_for(smembers[0]));
                            through.push((services, disallowed, smembers));
                        }
                    }
                }
                if through.is_empty() {
                    continue;
                }
                // What the class receives, and an example source (one carrying disallowed
                // traffic if any does).
                let mut services = Services::default();
                let mut disallowed = Services::default();
                let mut example = &through[0].2;
                for (s, d, members) in &through {
                    if disallowed.is_empty() && !d.is_empty() {
                        example = members;
                    }
                    services = services.union(s);
                    disallowed = disallowed.union(d);
                }
                for &d in dmembers {
                    let dst = &eps[d];
                    let key = (fi, to.as_str(), dst.resource);
                    if !from_resources.contains(dst.resource) {
                        // No source is part of the target: the class's sum serves.
                        out.entry(key)
                            .or_insert_with(|| Gathered {
                                services: Services::default(),
                                disallowed: Services::default(),
                                src: example[0],
                                dst: d,
                            })
                            .add(&services, &disallowed, example[0]);
                        continue;
                    }
                    // The target's own interfaces are not its sources.
                    for (services, disallowed, smembers) in &through {
                        let Some(&s) = smembers.iter().find(|&&s| eps[s].resource != dst.resource)
                        else {
                            continue;
                        };
                        out.entry(key)
                            .or_insert_with(|| Gathered {
                                services: Services::default(),
                                disallowed: Services::default(),
                                src: s,
                                dst: d,
                            })
                            .add(services, disallowed, s);
                    }
                }
            }
            (out.into_iter().collect(), errors)
        })
        .collect();
    let mut out: HashMap<(usize, &str, &str), Gathered> = HashMap::new();
    let mut errors = Vec::new();
    for (found, errs) in results {
        out.extend(found);
        errors.extend(errs);
    }
    // Paths are written for the examples only.
    let mut out: Vec<SegmentFlow> = out
        .into_iter()
        .map(|((fi, to, _), g)| {
            let (src, dst) = (&eps[g.src], &eps[g.dst]);
            let path = [Family::V4, Family::V6]
                .into_iter()
                .find_map(|f| match between(topo, src, dst, f) {
                    Ok(Ok(a)) => Some(a.path.join(" → ")),
                    _ => None,
                })
                .unwrap_or_default();
            SegmentFlow {
                from: sources[fi].0.clone(),
                from_kind: sources[fi].1,
                to: to.to_string(),
                to_kind: m.segments[to].kind,
                target: dst.resource.to_string(),
                target_kind: dst.kind,
                target_name: dst.label(),
                account_id: dst.account_id.to_string(),
                region: dst.region.to_string(),
                services: g.services,
                disallowed: g.disallowed,
                source: src.resource.to_string(),
                source_name: src.label(),
                path: format!(
                    "{} ({}) → {} → {} ({})",
                    src.name,
                    src.interface.unwrap_or(src.subnet),
                    path,
                    dst.name,
                    dst.interface.unwrap_or(dst.subnet),
                ),
            }
        })
        .collect();
    out.sort_by(|a, b| (&a.from, &a.to, &a.target).cmp(&(&b.from, &b.to, &b.target)));
    errors.sort();
    errors.dedup();
    (out, errors)
}
