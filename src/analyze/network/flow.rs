//! One question, answered layer by layer: which services get from a source endpoint to
//! another, and which rule of each layer lets them through. (Internet traffic: `internet`.)
//!
//! Layers, in the order a packet meets them: the source's security group egress, the source
//! subnet's NACL outbound, the route, the destination subnet's NACL inbound, the destination's
//! security groups; then the reply, which security groups pass (stateful) but NACLs judge again
//! on ephemeral ports, and which needs a route back.

use super::endpoint::Endpoint;
use super::topology::{Nacl, NaclSide, SgRule, SubnetInfo, Table, Topology};
use super::undescribed::{Layer, Undescribed};
use crate::util::addr::{AddrSet, Family};
use crate::util::service::Services;
use serde::Serialize;

/// Services admitted together, from which sources, and how.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Admission {
    pub services: Services,
    #[serde(skip)]
    pub sources: AddrSet,
    /// The security group whose rule admitted it at the destination.
    #[serde(skip)]
    pub group: Option<String>,
    /// Each layer that let the traffic through, in order.
    pub path: Vec<String>,
}

/// The layer that stopped traffic, for messages about what is *not* reachable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    Address,
    Route,
    NaclIn,
    Group,
    Listener,
    Reply,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Blocked {
    pub stage: Stage,
    pub why: String,
}

/// The first rule of a NACL side, by number, that allowed part of `s`.
fn rule_for(side: &[(Services, u32)], s: &Services) -> Option<u32> {
    side.iter()
        .find(|(allowed, _)| !allowed.intersect(s).is_empty())
        .map(|x| x.1)
}

/// The first rule of a NACL side, by number, that lets the replies to part of `s` through.
pub(super) fn reply_rule(side: &[(Services, u32)], s: &Services) -> Option<u32> {
    side.iter()
        .find(|(allowed, _)| !s.with_replies(allowed).is_empty())
        .map(|x| x.1)
}

/// Everything a NACL side allows, whichever rule allows it.
pub(super) fn union(side: &[(Services, u32)]) -> Services {
    side.iter()
        .fold(Services::default(), |a, (s, _)| a.union(s))
}

/// The subnet's route table and NACL, or which of them the data leaves out.
pub fn subnet_parts<'t, 'a>(
    topo: &'t Topology<'a>,
    subnet: &str,
) -> Result<(&'t SubnetInfo<'a>, &'t Table<'a>, &'t Nacl<'a>), Undescribed> {
    let info = topo
        .subnets
        .get(subnet)
        .ok_or_else(|| Undescribed::new(subnet, Layer::Subnet))?;
    let table = info
        .table
        .map(|i| &topo.tables[i])
        .ok_or_else(|| Undescribed::new(subnet, Layer::RouteTable))?;
    let nacl = info
        .nacl
        .map(|i| &topo.nacls[i])
        .ok_or_else(|| Undescribed::new(subnet, Layer::NetworkAcl))?;
    Ok((info, table, nacl))
}

/// Security-group rules of `groups` that match a peer; `None` stands for "no security group"
/// (a load balancer without groups), which admits everything.
pub(super) fn matching<'t>(
    topo: &'t Topology,
    groups: &[&str],
    enforced: bool,
    egress: bool,
    matches: impl Fn(&SgRule) -> bool,
) -> Vec<Option<&'t SgRule>> {
    if !enforced {
        return vec![None];
    }
    let mut out = Vec::new();
    for g in groups {
        let Some(group) = topo.groups.get(*g) else {
            continue;
        };
        let rules = if egress {
            &group.egress
        } else {
            &group.ingress
        };
        out.extend(rules.iter().filter(|r| matches(r)).map(Some));
    }
    out
}

/// Everything a set of matching rules admits; "no security group" admits everything.
fn services_of(rules: &[Option<&SgRule>]) -> Services {
    rules.iter().fold(Services::default(), |a, r| match r {
        Some(r) => a.union(&r.services),
        None => Services::all(),
    })
}

/// The flow between two endpoints, for one family: admitted services and one path, or why
/// nothing gets through.
pub fn between(
    topo: &Topology,
    src: &Endpoint,
    dst: &Endpoint,
    family: Family,
) -> Result<Result<Admission, Blocked>, Undescribed> {
    judge(topo, src, dst, family, true, Layers::All)
}

/// Which layers to judge: all, or the two halves the segment analysis caches apart.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Layers {
    All,
    /// Routes both ways and the NACLs (replies included): the same for every pair of
    /// addresses of two subnets that no rule splits.
    Network,
    /// Security groups (egress and ingress) and the listener.
    Groups,
}

/// What `between` admits through `layers`, without building the path or the reasons: for
/// judging many pairs. The network and group halves intersect to the whole.
pub fn services_between(
    topo: &Topology,
    src: &Endpoint,
    dst: &Endpoint,
    family: Family,
    layers: Layers,
) -> Result<Services, Undescribed> {
    Ok(match judge(topo, src, dst, family, false, layers)? {
        Ok(a) => a.services,
        Err(_) => Services::default(),
    })
}

/// The flow from `src` to `dst` through `layers`, with the path and the reasons only when
/// `explain` (the segment analysis judges millions of pairs and explains a few).
fn judge(
    topo: &Topology,
    src: &Endpoint,
    dst: &Endpoint,
    family: Family,
    explain: bool,
    layers: Layers,
) -> Result<Result<Admission, Blocked>, Undescribed> {
    let (Some(sa), Some(da)) = (src.address(family), dst.address(family)) else {
        return Ok(Err(Blocked {
            stage: Stage::Address,
            why: String::new(),
        }));
    };
    // The groups half reads no route table or NACL: it can be judged in a subnet the data
    // describes only in part.
    let subnets = match layers {
        Layers::Groups => None,
        Layers::All | Layers::Network => Some(Subnets::of(topo, src, dst)?),
    };
    let ends = Ends {
        topo,
        src,
        dst,
        family,
        sa,
        da,
        subnets,
        same_subnet: src.subnet == dst.subnet,
        explain,
        groups: layers != Layers::Network,
    };
    Ok(ends.judge())
}

/// The route tables and NACLs of the source's and the destination's subnets.
struct Subnets<'j> {
    s_table: &'j Table<'j>,
    s_nacl: &'j Nacl<'j>,
    d_table: &'j Table<'j>,
    d_nacl: &'j Nacl<'j>,
}

impl<'j> Subnets<'j> {
    /// Both subnets' parts, or the first the data leaves out (source first).
    fn of(topo: &'j Topology, src: &Endpoint, dst: &Endpoint) -> Result<Self, Undescribed> {
        let (_, s_table, s_nacl) = subnet_parts(topo, src.subnet)?;
        let (_, d_table, d_nacl) = subnet_parts(topo, dst.subnet)?;
        Ok(Subnets {
            s_table,
            s_nacl,
            d_table,
            d_nacl,
        })
    }
}

/// Two endpoints of one family and what every layer between them reads: their addresses and
/// their subnets' route tables and NACLs.
struct Ends<'j> {
    topo: &'j Topology<'j>,
    src: &'j Endpoint<'j>,
    dst: &'j Endpoint<'j>,
    family: Family,
    sa: u128,
    da: u128,
    /// The routes and NACLs to judge; none when only the groups are.
    subnets: Option<Subnets<'j>>,
    /// Traffic within one subnet meets no route and no NACL.
    same_subnet: bool,
    explain: bool,
    /// Judge the security groups and the listener.
    groups: bool,
}

/// The NACL rules met by each part of the traffic: there (source outbound, destination
/// inbound) and back (destination outbound, source inbound).
struct NaclRules {
    s_out: Vec<(Services, u32)>,
    d_in: Vec<(Services, u32)>,
    d_out: Vec<(Services, u32)>,
    s_in: Vec<(Services, u32)>,
}

impl<'j> Ends<'j> {
    /// Each layer in the order a packet meets it, narrowing what is admitted; the first that
    /// leaves nothing stops the flow.
    fn judge(&self) -> Result<Admission, Blocked> {
        let route = self.routes()?;
        let egress = self.group_rules(true);
        let mut services = services_of(&egress);
        if services.is_empty() {
            return Err(self.blocked(Stage::Group, || {
                format!(
                    "{}'s security groups do not let it send there",
                    self.src.name
                )
            }));
        }
        let nacls = self.nacl_rules();
        services = services
            .intersect(&union(&nacls.s_out))
            .intersect(&union(&nacls.d_in));
        if services.is_empty() {
            return Err(self.blocked(Stage::NaclIn, || {
                let (s_acl, d_acl) = self.acls();
                format!(
                    "network ACLs {s_acl} (outbound) and {d_acl} (inbound) admit nothing it sends"
                )
            }));
        }
        let ingress = self.group_rules(false);
        services = services.intersect(&services_of(&ingress));
        if services.is_empty() {
            return Err(self.blocked(Stage::Group, || {
                format!(
                    "{}'s security groups admit nothing from {}",
                    self.dst.name, self.src.name
                )
            }));
        }
        let services = self.answered(services, &nacls)?;
        if !self.explain {
            return Ok(Admission {
                services,
                sources: AddrSet::range(self.sa, self.sa),
                group: None,
                path: Vec::new(),
            });
        }
        Ok(self.explained(services, route, &egress, &ingress, &nacls))
    }

    /// A stop at `stage`; the reason is only written when asked for.
    fn blocked(&self, stage: Stage, why: impl FnOnce() -> String) -> Blocked {
        Blocked {
            stage,
            why: if self.explain { why() } else { String::new() },
        }
    }

    /// The routes and NACLs met on the way: none within one subnet or when only the groups
    /// are judged.
    fn crossed(&self) -> Option<&Subnets<'j>> {
        self.subnets.as_ref().filter(|_| !self.same_subnet)
    }

    /// The two subnets' NACL ids, for reasons and paths (empty when only groups are judged).
    fn acls(&self) -> (&str, &str) {
        self.subnets.as_ref().map_or(("", ""), |n| {
            (n.s_nacl.acl.id.as_str(), n.d_nacl.acl.id.as_str())
        })
    }

    /// The route there, described, if the route back returns to the source's VPC too.
    fn routes(&self) -> Result<String, Blocked> {
        let Some(n) = self.crossed() else {
            return Ok(String::new());
        };
        let (topo, src, dst) = (self.topo, self.src, self.dst);
        let there = match topo.next_vpc(src.vpc, n.s_table, self.family, self.da, self.explain) {
            Ok((vpc, via)) if vpc == dst.vpc => via,
            Ok((vpc, via)) => {
                return Err(self.blocked(Stage::Route, || format!("{via} leads to {vpc}")))
            }
            Err(why) => return Err(self.blocked(Stage::Route, || why)),
        };
        match topo.next_vpc(dst.vpc, n.d_table, self.family, self.sa, self.explain) {
            Ok((vpc, _)) if vpc == src.vpc => Ok(there),
            Ok((vpc, via)) => {
                Err(self.blocked(Stage::Route, || format!("replies take {via} to {vpc}")))
            }
            Err(why) => Err(self.blocked(Stage::Route, || format!("no route back: {why}"))),
        }
    }

    /// The source's egress rules that let it send to the destination, or the destination's
    /// ingress rules that admit the source. Group references work within a VPC and across
    /// peering or a transit gateway in the same region.
    fn group_rules(&self, egress: bool) -> Vec<Option<&'j SgRule>> {
        if !self.groups {
            return vec![None];
        }
        let (topo, family) = (self.topo, self.family);
        let same_region = topo.vpc_region.get(self.src.vpc) == topo.vpc_region.get(self.dst.vpc);
        let (at, peer, peer_addr) = if egress {
            (self.src, self.dst, self.da)
        } else {
            (self.dst, self.src, self.sa)
        };
        matching(topo, &at.groups, at.groups_enforced, egress, |r| {
            r.admits_addr(family, peer_addr) || (same_region && r.admits_group(&peer.groups))
        })
    }

    /// The NACL rules of both subnets for this pair of addresses; none (everything allowed)
    /// within one subnet or when only the groups are judged.
    fn nacl_rules(&self) -> NaclRules {
        let Some(n) = self.crossed() else {
            let all = vec![(Services::all(), 0)];
            return NaclRules {
                s_out: all.clone(),
                d_in: all.clone(),
                d_out: all.clone(),
                s_in: all,
            };
        };
        let side = |nacl: &NaclSide, a| nacl.evaluate(self.family, a);
        NaclRules {
            s_out: side(&n.s_nacl.outbound, self.da),
            d_in: side(&n.d_nacl.inbound, self.sa),
            d_out: side(&n.d_nacl.outbound, self.sa),
            s_in: side(&n.s_nacl.inbound, self.da),
        }
    }

    /// What of the admitted services the destination answers: only on ports it listens on,
    /// and only if the NACLs let the replies back.
    fn answered(&self, mut services: Services, nacls: &NaclRules) -> Result<Services, Blocked> {
        if let Some(l) = self.dst.listens.as_ref().filter(|_| self.groups) {
            services = services.intersect(l);
            if services.is_empty() {
                return Err(self.blocked(Stage::Listener, || "not on a port it listens on".into()));
            }
        }
        services = services
            .with_replies(&union(&nacls.d_out))
            .with_replies(&union(&nacls.s_in));
        if services.is_empty() {
            return Err(self.blocked(Stage::Reply, || {
                "the network ACLs drop the replies (a client's ephemeral ports, 32768-60999 or 49152-65535)".into()
            }));
        }
        Ok(services)
    }

    /// The admission with its path: the first rule of each layer that carries part of what
    /// is admitted.
    fn explained(
        &self,
        services: Services,
        route: String,
        egress: &[Option<&SgRule>],
        ingress: &[Option<&SgRule>],
        nacls: &NaclRules,
    ) -> Admission {
        let first = |rules: &[Option<&SgRule>], dir: &str| {
            rules
                .iter()
                .find(|r| r.is_none_or(|r| !r.services.intersect(&services).is_empty()))
                .map(|r| match r {
                    Some(r) => (r.describe(dir), Some(r.group.clone())),
                    None => ("no security group".to_string(), None),
                })
                .unwrap_or_default()
        };
        let (s_acl, d_acl) = self.acls();
        let mut path = vec![first(egress, "to").0];
        if self.same_subnet {
            path.push(format!("within subnet {}", self.src.subnet));
        } else {
            let rule = |side: &[(Services, u32)]| rule_for(side, &services).unwrap_or_default();
            path.push(format!("{s_acl} outbound rule {}", rule(&nacls.s_out)));
            path.push(route);
            path.push(format!("{d_acl} inbound rule {}", rule(&nacls.d_in)));
        }
        let (admitted_by, group) = first(ingress, "from");
        path.push(admitted_by);
        if !self.same_subnet {
            let reply = |side: &[(Services, u32)]| reply_rule(side, &services).unwrap_or_default();
            path.push(format!(
                "replies: {d_acl} outbound rule {}, {s_acl} inbound rule {}",
                reply(&nacls.d_out),
                reply(&nacls.s_in)
            ));
        }
        Admission {
            sources: AddrSet::range(self.sa, self.sa),
            services,
            group,
            path,
        }
    }
}
