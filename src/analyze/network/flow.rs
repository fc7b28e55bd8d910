//! One question, answered layer by layer: which services get from a source to an endpoint,
//! and which rule of each layer lets them through.
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

fn reply_rule(side: &[(Services, u32)], s: &Services) -> Option<u32> {
    side.iter()
        .find(|(allowed, _)| !s.with_replies(allowed).is_empty())
        .map(|x| x.1)
}

fn union(side: &[(Services, u32)]) -> Services {
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

/// Internet traffic to `ep` from the sources in `atom` (one range the layers treat alike),
/// judged at `a`, one address in it.
pub fn from_internet(
    topo: &Topology,
    ep: &Endpoint,
    family: Family,
    a: u128,
) -> Result<Result<Vec<Admission>, Blocked>, Undescribed> {
    let (_, table, nacl) = subnet_parts(topo, ep.subnet)?;
    let block = |stage, why| Ok(Err(Blocked { stage, why }));
    let route = match table.lookup(family, a) {
        Some(r) if r.target_type == "igw" && topo.igws.contains(&(r.target_id.as_str(), ep.vpc)) => r,
        Some(r) => {
            return block(
                Stage::Route,
                format!(
                    "route table {} sends traffic for the internet ({}) to {}, not to an internet gateway of {}",
                    table.table.id, r.destination, r.target_id, ep.vpc
                ),
            )
        }
        None => {
            return block(
                Stage::Route,
                format!(
                    "route table {} has no route to the internet gateway",
                    table.table.id
                ),
            )
        }
    };
    let acl = &nacl.acl.id;
    let nacl_in = nacl.inbound.evaluate(family, a);
    if nacl_in.is_empty() {
        return block(
            Stage::NaclIn,
            format!("network ACL {acl} denies inbound internet traffic"),
        );
    }
    let sg = matching(topo, &ep.groups, ep.groups_enforced, false, |r| {
        r.admits_addr(family, a)
    });
    if sg.is_empty() {
        return block(
            Stage::Group,
            format!(
                "security groups {} admit nothing from the internet",
                ep.groups.join(", ")
            ),
        );
    }
    let replies = nacl.outbound.evaluate(family, a);
    let reply_ok = union(&replies);
    let mut out = Vec::new();
    let mut stage = Stage::Group;
    for (s_nacl, n_in) in &nacl_in {
        for rule in &sg {
            let mut s = match rule {
                Some(r) => s_nacl.intersect(&r.services),
                None => s_nacl.clone(),
            };
            if s.is_empty() {
                continue;
            }
            if let Some(l) = &ep.listens {
                s = s.intersect(l);
                if s.is_empty() {
                    stage = stage.max(Stage::Listener);
                    continue;
                }
            }
            let admitted = s.with_replies(&reply_ok);
            if admitted.is_empty() {
                stage = stage.max(Stage::Reply);
                continue;
            }
            let n_out = reply_rule(&replies, &admitted).unwrap_or_default();
            out.push(Admission {
                services: admitted,
                sources: AddrSet::range(a, a),
                group: rule.map(|r| r.group.clone()),
                path: vec![
                    format!("internet gateway {}", route.target_id),
                    format!("{} route {}", table.table.id, route.destination),
                    format!("{acl} inbound rule {n_in}"),
                    rule.map_or_else(|| "no security group".to_string(), |r| r.describe("from")),
                    format!("{acl} outbound rule {n_out} (replies)"),
                ],
            });
        }
    }
    if out.is_empty() {
        let why = match stage {
            Stage::Listener => format!(
                "nothing the security groups and {acl} admit is a port it listens on ({})",
                ep.listens
                    .as_ref()
                    .map(Services::describe)
                    .unwrap_or_default()
            ),
            Stage::Reply => format!(
                "network ACL {acl} drops the replies (outbound to a client's ephemeral ports, 32768-60999 or 49152-65535)"
            ),
            _ => format!("no service is admitted by both {acl} inbound and the security groups"),
        };
        return block(stage, why);
    }
    Ok(Ok(out))
}

/// Security-group rules of `groups` that match a peer; `None` stands for "no security group"
/// (a load balancer without groups), which admits everything.
fn matching<'t>(
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

fn judge(
    topo: &Topology,
    src: &Endpoint,
    dst: &Endpoint,
    family: Family,
    explain: bool,
    layers: Layers,
) -> Result<Result<Admission, Blocked>, Undescribed> {
    let network = layers != Layers::Groups;
    let groups = layers != Layers::Network;
    let (Some(sa), Some(da)) = (src.address(family), dst.address(family)) else {
        return Ok(Err(Blocked {
            stage: Stage::Address,
            why: String::new(),
        }));
    };
    // Reasons are only written when asked for.
    let block = |stage, why: &dyn Fn() -> String| {
        Ok(Err(Blocked {
            stage,
            why: if explain { why() } else { String::new() },
        }))
    };
    let (_, s_table, s_nacl) = subnet_parts(topo, src.subnet)?;
    let (_, d_table, d_nacl) = subnet_parts(topo, dst.subnet)?;
    let same_subnet = src.subnet == dst.subnet;
    let route = if same_subnet || !network {
        String::new()
    } else {
        match topo.next_vpc(src.vpc, s_table, family, da, explain) {
            Ok((vpc, via)) if vpc == dst.vpc => via,
            Ok((vpc, via)) => return block(Stage::Route, &|| format!("{via} leads to {vpc}")),
            Err(why) => return block(Stage::Route, &|| why.clone()),
        }
    };
    if !same_subnet && network {
        match topo.next_vpc(dst.vpc, d_table, family, sa, explain) {
            Ok((vpc, _)) if vpc == src.vpc => {}
            Ok((vpc, via)) => {
                return block(Stage::Route, &|| format!("replies take {via} to {vpc}"))
            }
            Err(why) => return block(Stage::Route, &|| format!("no route back: {why}")),
        }
    }
    // Security-group references work within a VPC and across peering or a transit gateway
    // in the same region.
    let same_region = topo.vpc_region.get(src.vpc) == topo.vpc_region.get(dst.vpc);
    let egress = if groups {
        matching(topo, &src.groups, src.groups_enforced, true, |r| {
            r.admits_addr(family, da) || (same_region && r.admits_group(&dst.groups))
        })
    } else {
        vec![None]
    };
    let mut services = services_of(&egress);
    if services.is_empty() {
        return block(Stage::Group, &|| {
            format!("{}'s security groups do not let it send there", src.name)
        });
    }
    let side = |nacl: &NaclSide, a| nacl.evaluate(family, a);
    let (s_out, d_in, d_out, s_in) = if same_subnet || !network {
        let all = vec![(Services::all(), 0)];
        (all.clone(), all.clone(), all.clone(), all)
    } else {
        (
            side(&s_nacl.outbound, da),
            side(&d_nacl.inbound, sa),
            side(&d_nacl.outbound, sa),
            side(&s_nacl.inbound, da),
        )
    };
    services = services.intersect(&union(&s_out)).intersect(&union(&d_in));
    if services.is_empty() {
        return block(Stage::NaclIn, &|| {
            format!(
                "network ACLs {} (outbound) and {} (inbound) admit nothing it sends",
                s_nacl.acl.id, d_nacl.acl.id
            )
        });
    }
    let ingress = if groups {
        matching(topo, &dst.groups, dst.groups_enforced, false, |r| {
            r.admits_addr(family, sa) || (same_region && r.admits_group(&src.groups))
        })
    } else {
        vec![None]
    };
    services = services.intersect(&services_of(&ingress));
    if services.is_empty() {
        return block(Stage::Group, &|| {
            format!(
                "{}'s security groups admit nothing from {}",
                dst.name, src.name
            )
        });
    }
    if let Some(l) = dst.listens.as_ref().filter(|_| groups) {
        services = services.intersect(l);
        if services.is_empty() {
            return block(Stage::Listener, &|| "not on a port it listens on".into());
        }
    }
    services = services
        .with_replies(&union(&d_out))
        .with_replies(&union(&s_in));
    if services.is_empty() {
        return block(Stage::Reply, &|| {
            "the network ACLs drop the replies (a client's ephemeral ports, 32768-60999 or 49152-65535)".into()
        });
    }
    if !explain {
        return Ok(Ok(Admission {
            services,
            sources: AddrSet::range(sa, sa),
            group: None,
            path: Vec::new(),
        }));
    }
    // The first rule of each layer that carries part of what is admitted.
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
    let mut path = vec![first(&egress, "to").0];
    if same_subnet {
        path.push(format!("within subnet {}", src.subnet));
    } else {
        path.push(format!(
            "{} outbound rule {}",
            s_nacl.acl.id,
            rule_for(&s_out, &services).unwrap_or_default()
        ));
        path.push(route);
        path.push(format!(
            "{} inbound rule {}",
            d_nacl.acl.id,
            rule_for(&d_in, &services).unwrap_or_default()
        ));
    }
    let (admitted_by, group) = first(&ingress, "from");
    path.push(admitted_by);
    if !same_subnet {
        path.push(format!(
            "replies: {} outbound rule {}, {} inbound rule {}",
            d_nacl.acl.id,
            reply_rule(&d_out, &services).unwrap_or_default(),
            s_nacl.acl.id,
            reply_rule(&s_in, &services).unwrap_or_default()
        ));
    }
    Ok(Ok(Admission {
        services,
        sources: AddrSet::range(sa, sa),
        group,
        path,
    }))
}
