//! Segment flows: for every ordered pair of segments, which resources of the second a resource
//! of the first reaches, on which services, what the config's flows do not allow, and one
//! example path.
//!
//! Endpoints are grouped into classes the layers cannot tell apart (`classes`), so each pair of
//! classes is judged once however many interfaces they hold; each pair of segments is judged
//! on its own thread with its own cache of the network half (routes and NACLs).

use super::classes::{classify, split_subnets, Classes};
use super::endpoint::{Endpoint, Kind};
use super::flow::{between, services_between, Layers};
use super::segments::{Membership, PUBLIC_SUBNETS};
use super::topology::Topology;
use super::undescribed::Undescribed;
use crate::config::{Config, SegmentKind};
use crate::util::addr::Family;
use crate::util::service::Services;
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

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

/// Flows into a target resource from a source segment that could not be judged, because the
/// data leaves a subnet on the way (the source's or the target's) undescribed: a gap for the
/// target, so that its segmentation results are `not-evaluated`, never a silent pass.
#[derive(Debug, Clone, PartialEq)]
pub struct Unjudged {
    /// The source segment (or `(public subnets)`).
    pub from: String,
    /// The target's segment.
    pub to: String,
    /// The target endpoint, by index.
    pub target: usize,
    /// The first undescribed subnet met on the way.
    pub why: Undescribed,
}

/// Every flow from one segment to a resource of another (and from public subnets to CDE and
/// PHI resources), and every (source segment, target resource) the data did not allow judging.
pub fn flows(
    topo: &Topology,
    config: &Config,
    eps: &[Endpoint],
    m: &Membership,
) -> (Vec<SegmentFlow>, Vec<Unjudged>) {
    let public = public_members(eps, m);
    let sources = sources(m, &public);
    let estate = Estate::new(topo, config, eps, m, sources);
    let results: Vec<Found> = pairs(&estate)
        .par_iter()
        .map(|pair| Judging::new(&estate, pair).run())
        .collect();
    let mut gathered: HashMap<Key, Gathered> = HashMap::new();
    let mut unjudged = Vec::new();
    for (found, missed) in results {
        gathered.extend(found);
        unjudged.extend(missed);
    }
    // Paths are written for the examples only.
    let mut out: Vec<SegmentFlow> = gathered
        .into_iter()
        .map(|(key, g)| estate.flow(key, g))
        .collect();
    out.sort_by(|a, b| (&a.from, &a.to, &a.target).cmp(&(&b.from, &b.to, &b.target)));
    unjudged.sort_by(|a, b| (&a.from, &a.to, a.target).cmp(&(&b.from, &b.to, b.target)));
    (out, unjudged)
}

/// A segment traffic is judged from: a configured one, or the public subnets.
struct Source<'x> {
    name: &'x str,
    kind: SegmentKind,
    members: &'x [usize],
}

/// Endpoints in subnets routed to an internet gateway: the members of `(public subnets)`.
fn public_members(eps: &[Endpoint], m: &Membership) -> Vec<usize> {
    eps.iter()
        .enumerate()
        .filter(|(_, e)| m.public_subnets.contains(e.subnet))
        .map(|(i, _)| i)
        .collect()
}

/// The configured segments in name order, then the public subnets: the order flows are
/// numbered in.
fn sources<'x>(m: &'x Membership, public: &'x [usize]) -> Vec<Source<'x>> {
    let mut sources: Vec<Source> = m
        .endpoints
        .iter()
        .map(|(n, idx)| Source {
            name: n,
            kind: m.segments[n].kind,
            members: idx,
        })
        .collect();
    sources.push(Source {
        name: PUBLIC_SUBNETS,
        kind: SegmentKind::Public,
        members: public,
    });
    sources
}

/// (source index, target segment, target resource): what one flow is about.
type Key<'x> = (usize, &'x str, &'x str);

/// What one pair of segments found, and the targets it could not judge.
type Found<'x> = (Vec<(Key<'x>, Gathered)>, Vec<Unjudged>);

/// What every pair of segments is judged with: computed once, read by every thread.
struct Estate<'x> {
    topo: &'x Topology<'x>,
    eps: &'x [Endpoint<'x>],
    m: &'x Membership,
    sources: Vec<Source<'x>>,
    /// Subnets some block splits: their endpoints are judged by address, not by subnet.
    split: HashSet<&'x str>,
    classes: Classes,
    /// The configured segments of each endpoint.
    segs_of: HashMap<usize, Vec<&'x str>>,
    /// For each VPC, the other VPCs whose traffic can reach it (sorted, for a stable order).
    sources_of: HashMap<&'x str, Vec<&'x str>>,
    /// The config's allowed flows, parsed once.
    allowed: HashMap<(&'x str, &'x str), Services>,
}

impl<'x> Estate<'x> {
    /// Computes once what every pair reads: classes, linked VPCs, allowed flows.
    fn new(
        topo: &'x Topology<'x>,
        config: &'x Config,
        eps: &'x [Endpoint<'x>],
        m: &'x Membership,
        sources: Vec<Source<'x>>,
    ) -> Self {
        let mut segs_of: HashMap<usize, Vec<&str>> = HashMap::new();
        for (name, idx) in &m.endpoints {
            for &i in idx {
                segs_of.entry(i).or_default().push(name);
            }
        }
        let split = split_subnets(topo);
        let classes = classify(eps, &segs_of, &split);
        let mut allowed: HashMap<(&str, &str), Services> = HashMap::new();
        for f in &config.flows {
            allowed.insert(
                (f.from.as_str(), f.to.as_str()),
                config.allowed(&f.from, &f.to),
            );
        }
        Estate {
            topo,
            eps,
            m,
            sources,
            split,
            classes,
            segs_of,
            sources_of: linked_sources(topo),
            allowed,
        }
    }

    /// The flow as reported: names, kinds, what is (dis)allowed and the example's path.
    fn flow(&self, (fi, to, _): Key, g: Gathered) -> SegmentFlow {
        let (src, dst) = (&self.eps[g.src], &self.eps[g.dst]);
        let source = &self.sources[fi];
        SegmentFlow {
            from: source.name.to_string(),
            from_kind: source.kind,
            to: to.to_string(),
            to_kind: self.m.segments[to].kind,
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
                example_path(self.topo, src, dst),
                dst.name,
                dst.interface.unwrap_or(dst.subnet),
            ),
        }
    }
}

/// The layers an example's traffic passes, IPv4 first; empty if neither family explains it.
fn example_path(topo: &Topology, src: &Endpoint, dst: &Endpoint) -> String {
    [Family::V4, Family::V6]
        .into_iter()
        .find_map(|f| match between(topo, src, dst, f) {
            Ok(Ok(a)) => Some(a.path.join(" → ")),
            _ => None,
        })
        .unwrap_or_default()
}

/// For each VPC, the other VPCs that can send to it: a target only meets sources there.
fn linked_sources<'t>(topo: &'t Topology) -> HashMap<&'t str, Vec<&'t str>> {
    let mut sources_of: HashMap<&str, Vec<&str>> = HashMap::new();
    for (from, to) in connected(topo) {
        if from != to {
            sources_of.entry(to).or_default().push(from);
        }
    }
    for v in sources_of.values_mut() {
        v.sort_unstable();
        v.dedup();
    }
    sources_of
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

/// One judgement task: a target segment and a source judged against it.
struct Pair<'x> {
    to: &'x str,
    to_members: &'x [usize],
    /// Index of the source in `Estate::sources`.
    from: usize,
}

/// Every (target segment, source) pair worth judging: never a segment against itself, and
/// the public subnets only against CDE and PHI segments.
fn pairs<'x>(estate: &Estate<'x>) -> Vec<Pair<'x>> {
    let m = estate.m;
    m.endpoints
        .iter()
        .flat_map(|(to, idx)| {
            (0..estate.sources.len()).map(move |from| Pair {
                to: to.as_str(),
                to_members: idx.as_slice(),
                from,
            })
        })
        .filter(|p| {
            let from = estate.sources[p.from].name;
            from != p.to
                && (from != PUBLIC_SUBNETS
                    || matches!(m.segments[p.to].kind, SegmentKind::Cde | SegmentKind::Phi))
        })
        .collect()
}

/// What one (source, target segment, target resource) has gathered: the services, what is
/// disallowed, and the endpoints of an example (one that carries disallowed traffic if any
/// does).
struct Gathered {
    services: Services,
    disallowed: Services,
    src: usize,
    dst: usize,
}

impl Gathered {
    /// Adds one source's traffic; the example moves to it if it is the first disallowed.
    fn add(&mut self, services: &Services, disallowed: &Services, src: usize) {
        if self.disallowed.is_empty() && !disallowed.is_empty() {
            self.src = src;
        }
        self.services = self.services.union(services);
        self.disallowed = self.disallowed.union(disallowed);
    }
}

/// Source classes by VPC, then subnet, then class, each with its member endpoints: a target
/// only meets sources that can reach its VPC, and a target is never its own source.
type SourcesByVpc<'x> = BTreeMap<&'x str, BTreeMap<&'x str, BTreeMap<usize, Vec<usize>>>>;

/// A source class that gets through to a target class: (services, disallowed, its members).
type Through<'s> = (Services, Services, &'s Vec<usize>);

/// A source class whose traffic to a target class could not be judged: (index of the
/// undescribed subnet in `Judging::errors`, its members).
type Failed<'s> = (usize, &'s Vec<usize>);

/// The network half (routes, NACLs) is the same for every pair of addresses of two subnets no
/// rule splits: keyed by the subnets and which families each end has an address in.
type NetKey<'x> = (&'x str, &'x str, [bool; 4]);

/// One pair of segments being judged, with the caches that live as long as it does.
struct Judging<'p, 'x> {
    estate: &'p Estate<'x>,
    source: &'p Source<'x>,
    pair: &'p Pair<'x>,
    /// The network half of each pair of unsplit subnets, both families, or the index in
    /// `errors` of the subnet the data does not describe.
    network: HashMap<NetKey<'x>, Result<[Services; 2], usize>>,
    /// What each source class may send: a source in several segments may send what any of
    /// them is allowed to, and every member of a class is in the same segments.
    allowed_by_class: HashMap<usize, Services>,
    found: HashMap<Key<'x>, Gathered>,
    /// Undescribed subnets met, each once per cache entry.
    errors: Vec<Undescribed>,
    /// Targets with a flow that could not be judged: (index in `errors`, target endpoint).
    unjudged: HashMap<Key<'x>, (usize, usize)>,
}

impl<'p, 'x> Judging<'p, 'x> {
    /// A pair with empty caches: each thread judges its pairs on its own.
    fn new(estate: &'p Estate<'x>, pair: &'p Pair<'x>) -> Self {
        Judging {
            estate,
            source: &estate.sources[pair.from],
            pair,
            network: HashMap::new(),
            allowed_by_class: HashMap::new(),
            found: HashMap::new(),
            errors: Vec::new(),
            unjudged: HashMap::new(),
        }
    }

    /// Judges every class of the target segment against the source classes that can reach
    /// its VPC, and gathers what each target resource receives.
    fn run(mut self) -> Found<'x> {
        let eps = self.estate.eps;
        let (by_vpc, from_resources) = self.sources_by_vpc();
        let mut dst_classes: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for &d in self.pair.to_members {
            dst_classes
                .entry(self.estate.classes.of[d])
                .or_default()
                .push(d);
        }
        for (&dc, dmembers) in &dst_classes {
            let vpc = eps[self.estate.classes.reps[dc]].vpc;
            let (through, failed) = self.through(dc, vpc, &by_vpc);
            if !through.is_empty() {
                self.gather(dmembers, &through, &from_resources);
            }
            if !failed.is_empty() {
                self.unjudge(dmembers, &failed, &from_resources);
            }
        }
        let unjudged = self
            .unjudged
            .into_values()
            .map(|(why, target)| Unjudged {
                from: self.source.name.to_string(),
                to: self.pair.to.to_string(),
                target,
                why: self.errors[why].clone(),
            })
            .collect();
        (self.found.into_iter().collect(), unjudged)
    }

    /// The source's endpoints that are not also targets, grouped by VPC, subnet and class,
    /// and the resources they belong to.
    fn sources_by_vpc(&self) -> (SourcesByVpc<'x>, HashSet<&'x str>) {
        let (eps, class_of) = (self.estate.eps, &self.estate.classes.of);
        let to_set: HashSet<usize> = self.pair.to_members.iter().copied().collect();
        let mut by_vpc: SourcesByVpc = BTreeMap::new();
        let mut from_resources: HashSet<&str> = HashSet::new();
        for &i in self.source.members {
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
        (by_vpc, from_resources)
    }

    /// Every source class in the target's VPC or a VPC linked to it that gets through to
    /// target class `dc`, with what it sends and what of that is disallowed; and those that
    /// could not be judged.
    fn through<'s>(
        &mut self,
        dc: usize,
        vpc: &'x str,
        by_vpc: &'s SourcesByVpc<'x>,
    ) -> (Vec<Through<'s>>, Vec<Failed<'s>>) {
        let estate = self.estate;
        let reps = &estate.classes.reps;
        let mut through = Vec::new();
        let mut failed = Vec::new();
        let own = [vpc];
        let linked = estate.sources_of.get(vpc).map_or(&[][..], Vec::as_slice);
        for vpc in own.iter().chain(linked) {
            let Some(subnets) = by_vpc.get(vpc) else {
                continue;
            };
            for classes in subnets.values() {
                for (&sc, smembers) in classes {
                    let services = match self.judge(reps[sc], reps[dc]) {
                        Ok(services) if services.is_empty() => continue,
                        Ok(services) => services,
                        Err(why) => {
                            failed.push((why, smembers));
                            continue;
                        }
                    };
                    let disallowed = services.subtract(self.allowed_for(smembers[0]));
                    through.push((services, disallowed, smembers));
                }
            }
        }
        (through, failed)
    }

    /// Records what each target of a class receives, with an example source. The target's
    /// own interfaces are not its sources.
    fn gather(&mut self, dmembers: &[usize], through: &[Through], from_resources: &HashSet<&str>) {
        let eps = self.estate.eps;
        // What the class receives, and an example source (one carrying disallowed traffic if
        // any does).
        let mut services = Services::default();
        let mut disallowed = Services::default();
        let mut example = through[0].2;
        for (s, d, members) in through {
            if disallowed.is_empty() && !d.is_empty() {
                example = members;
            }
            services = services.union(s);
            disallowed = disallowed.union(d);
        }
        for &d in dmembers {
            let dst = &eps[d];
            let key = (self.pair.from, self.pair.to, dst.resource);
            if !from_resources.contains(dst.resource) {
                // No source is part of the target: the class's sum serves.
                self.receive(key, d, example[0], &services, &disallowed);
                continue;
            }
            for (services, disallowed, smembers) in through {
                let Some(&s) = smembers.iter().find(|&&s| eps[s].resource != dst.resource) else {
                    continue;
                };
                self.receive(key, d, s, services, disallowed);
            }
        }
    }

    /// Records, for each target of a class, the first source class whose traffic could not be
    /// judged; as in `gather`, the target's own interfaces are not its sources.
    fn unjudge(&mut self, dmembers: &[usize], failed: &[Failed], from_resources: &HashSet<&str>) {
        let eps = self.estate.eps;
        for &d in dmembers {
            let dst = &eps[d];
            let first = if from_resources.contains(dst.resource) {
                failed
                    .iter()
                    .find(|(_, smembers)| smembers.iter().any(|&s| eps[s].resource != dst.resource))
            } else {
                failed.first()
            };
            if let Some(&(why, _)) = first {
                let key = (self.pair.from, self.pair.to, dst.resource);
                self.unjudged.entry(key).or_insert((why, d));
            }
        }
    }

    /// Adds what `src` sends to target endpoint `dst` to the flow `key`.
    fn receive(
        &mut self,
        key: Key<'x>,
        dst: usize,
        src: usize,
        services: &Services,
        disallowed: &Services,
    ) {
        self.found
            .entry(key)
            .or_insert_with(|| Gathered {
                services: Services::default(),
                disallowed: Services::default(),
                src,
                dst,
            })
            .add(services, disallowed, src);
    }

    /// What a member of the source class of endpoint `i` may send to the target segment.
    fn allowed_for(&mut self, i: usize) -> &Services {
        let (estate, from, to) = (self.estate, self.source.name, self.pair.to);
        self.allowed_by_class
            .entry(estate.classes.of[i])
            .or_insert_with(|| {
                estate
                    .segs_of
                    .get(&i)
                    .into_iter()
                    .flatten()
                    .copied()
                    .chain(std::iter::once(from))
                    .filter_map(|seg| estate.allowed.get(&(seg, to)))
                    .fold(Services::default(), |a, b| a.union(b))
            })
    }

    /// What endpoint `si` gets through to endpoint `di`, both families: the network half
    /// (cached per pair of unsplit subnets) intersected with the group half; `Err` with the
    /// index in `errors` of a subnet on the way the data does not describe.
    fn judge(&mut self, si: usize, di: usize) -> Result<Services, usize> {
        let (topo, eps) = (self.estate.topo, self.estate.eps);
        let (src, dst) = (&eps[si], &eps[di]);
        let errors = &mut self.errors;
        let own;
        let halves: &Result<[Services; 2], usize> =
            if self.estate.split.contains(src.subnet) || self.estate.split.contains(dst.subnet) {
                own = network_half(topo, src, dst, errors);
                &own
            } else {
                let families = [
                    src.v4.is_some(),
                    src.v6.is_some(),
                    dst.v4.is_some(),
                    dst.v6.is_some(),
                ];
                self.network
                    .entry((src.subnet, dst.subnet, families))
                    .or_insert_with(|| network_half(topo, src, dst, errors))
            };
        let halves = match halves {
            Ok(halves) => halves,
            // Routes and NACLs only narrow what the groups admit: if the groups admit
            // nothing, the flow is judged (blocked) without the missing data.
            Err(why) if groups_admit_something(topo, src, dst) => return Err(*why),
            Err(_) => return Ok(Services::default()),
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
        Ok(found)
    }
}

/// Whether the security groups (and the listener) let anything from `src` to `dst` in either
/// family; an answer the data does not allow counts as something.
fn groups_admit_something(topo: &Topology, src: &Endpoint, dst: &Endpoint) -> bool {
    [Family::V4, Family::V6].into_iter().any(|family| {
        services_between(topo, src, dst, family, Layers::Groups).map_or(true, |g| !g.is_empty())
    })
}

/// Routes both ways and the NACLs, IPv4 then IPv6; a subnet the data does not describe is
/// recorded once in `errors`, and its index stands for the answer.
fn network_half(
    topo: &Topology,
    src: &Endpoint,
    dst: &Endpoint,
    errors: &mut Vec<Undescribed>,
) -> Result<[Services; 2], usize> {
    let net = |family| services_between(topo, src, dst, family, Layers::Network);
    match net(Family::V4).and_then(|v4| Ok([v4, net(Family::V6)?])) {
        Ok(halves) => Ok(halves),
        Err(why) => {
            errors.push(why);
            Err(errors.len() - 1)
        }
    }
}
