//! Endpoint classes: endpoints that every layer treats alike, so that the segment analysis
//! judges each pair of classes once however many interfaces they hold.

use super::endpoint::Endpoint;
use super::topology::Topology;
use crate::util::addr::{cidr, Family};
use crate::util::service::Services;
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

/// Every endpoint's class, and one representative endpoint per class.
pub struct Classes {
    /// The class of each endpoint, by endpoint index.
    pub of: Vec<usize>,
    /// The endpoint that stands for each class, by class.
    pub reps: Vec<usize>,
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

/// Groups endpoints into classes; classes are numbered in the order of their first endpoint,
/// so the numbering (and every order built on it) is stable.
pub fn classify<'a>(
    eps: &[Endpoint<'a>],
    segs_of: &HashMap<usize, Vec<&'a str>>,
    split: &HashSet<&str>,
) -> Classes {
    let mut class_ids: HashMap<ClassKey, usize> = HashMap::new();
    let mut of = vec![0usize; eps.len()];
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
        of[i] = id;
    }
    Classes { of, reps }
}

/// Subnets in which some rule, route or prefix-list block draws a line: a block strictly inside
/// the subnet. (CIDR blocks nest or are disjoint, so this is the only way a block can treat two
/// addresses of one subnet differently.) Endpoints elsewhere can be judged by subnet alone.
pub fn split_subnets<'a>(topo: &Topology<'a>) -> HashSet<&'a str> {
    let subnets = subnets_by_block(topo);
    let mut out = HashSet::new();
    for (f, (lo, hi)) in drawn_blocks(topo) {
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

/// Subnet ids by each of their CIDR blocks, for finding the subnet a block falls inside.
fn subnets_by_block<'a>(topo: &Topology<'a>) -> HashMap<(Family, u128, u128), Vec<&'a str>> {
    let mut subnets: HashMap<(Family, u128, u128), Vec<&'a str>> = HashMap::new();
    for (id, info) in &topo.subnets {
        let s = info.subnet;
        for c in std::iter::once(&s.cidr_block).chain(&s.ipv6_cidr_blocks) {
            if let Some((f, (lo, hi))) = cidr(c) {
                subnets.entry((f, lo, hi)).or_default().push(id);
            }
        }
    }
    subnets
}

/// Every block a NACL entry, security-group rule, route or transit gateway route draws, once.
fn drawn_blocks(topo: &Topology) -> Vec<(Family, (u128, u128))> {
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
    blocks
}
