//! The estate compiled for lookups: subnets with their route table and NACL, security groups
//! with parsed rules, gateways, peering and transit gateways, prefix lists.

use crate::inventory::network::{
    Network, NetworkAcl, RouteTable, SecurityGroup, Subnet, TransitGateway,
};
use crate::inventory::Inventory;
use crate::util::addr::{cidr, Family};
use crate::util::service::Services;
use foldhash::{HashMap, HashMapExt, HashSet};

/// A block of one family: (family, first, last).
pub type Block = (Family, (u128, u128));

/// Whether address `a` of `family` lies in the block (a block of the other family never holds it).
fn contains(b: &Block, family: Family, a: u128) -> bool {
    b.0 == family && b.1 .0 <= a && a <= b.1 .1
}

pub struct NaclRule {
    pub number: u32,
    pub allow: bool,
    pub block: Option<Block>,
    pub services: Services,
}

/// One direction of a NACL, in evaluation order.
pub struct NaclSide {
    pub rules: Vec<NaclRule>,
}

pub struct Nacl<'a> {
    pub acl: &'a NetworkAcl,
    pub inbound: NaclSide,
    pub outbound: NaclSide,
}

impl NaclSide {
    /// First match wins, per service, for traffic to or from address `a`; what no rule matches
    /// is denied (the `*` entry, present in the data or not). Returns the allowed services
    /// with the number of the rule that allowed each part.
    pub fn evaluate(&self, family: Family, a: u128) -> Vec<(Services, u32)> {
        let mut remaining = Services::all();
        let mut out = Vec::new();
        for r in &self.rules {
            if !r.block.as_ref().is_some_and(|b| contains(b, family, a)) {
                continue;
            }
            let matched = remaining.intersect(&r.services);
            if matched.is_empty() {
                continue;
            }
            remaining = remaining.subtract(&matched);
            if r.allow {
                out.push((matched, r.number));
            }
            if remaining.is_empty() {
                break;
            }
        }
        out
    }
}

pub struct SgRule {
    pub group: String,
    /// Position in the group's ingress or egress list, from 1.
    pub index: usize,
    pub services: Services,
    pub blocks: Vec<Block>,
    pub groups: Vec<String>,
    /// Prefix lists not in the data: the model assumes they hold any address.
    pub unknown_lists: Vec<String>,
    /// `0.0.0.0/0`, `sg-123`, `pl-456`: the sources or destinations as written.
    pub peers: String,
}

impl SgRule {
    /// Does the rule's address side include `a`? A prefix list not in the data is assumed to.
    pub fn admits_addr(&self, family: Family, a: u128) -> bool {
        !self.unknown_lists.is_empty() || self.blocks.iter().any(|b| contains(b, family, a))
    }

    /// Does the rule name one of an endpoint's groups as its peer?
    pub fn admits_group(&self, groups: &[&str]) -> bool {
        self.groups.iter().any(|g| groups.contains(&g.as_str()))
    }

    /// `sg-1 rule 2 (tcp/22 from 0.0.0.0/0)`; `dir` is `from` or `to`.
    pub fn describe(&self, dir: &str) -> String {
        let assumed = if self.unknown_lists.is_empty() {
            String::new()
        } else {
            format!(
                "; prefix list {} not in the data, assumed to hold any address",
                self.unknown_lists.join(", ")
            )
        };
        format!(
            "{} rule {} ({} {dir} {}{assumed})",
            self.group,
            self.index,
            self.services.describe(),
            self.peers
        )
    }
}

pub struct Group<'a> {
    pub sg: &'a SecurityGroup,
    pub ingress: Vec<SgRule>,
    pub egress: Vec<SgRule>,
}

pub struct Route {
    pub block: Block,
    pub prefix: u32,
    pub target_type: String,
    pub target_id: String,
    pub active: bool,
    /// The destination as written (a CIDR or a prefix list id).
    pub destination: String,
}

pub struct Table<'a> {
    pub table: &'a RouteTable,
    pub routes: Vec<Route>,
}

impl Table<'_> {
    /// Longest prefix match; a blackhole route that wins drops the traffic.
    pub fn lookup(&self, family: Family, a: u128) -> Option<&Route> {
        self.routes
            .iter()
            .filter(|r| contains(&r.block, family, a))
            .max_by_key(|r| r.prefix)
            .filter(|r| r.active)
    }
}

pub struct SubnetInfo<'a> {
    pub subnet: &'a Subnet,
    pub table: Option<usize>,
    pub nacl: Option<usize>,
}

/// (block, prefix length, attachment ids, active).
pub type TgwRoute = (Block, u32, Vec<String>, bool);

pub struct Tgw {
    /// Attachment id -> (VPC id, associated TGW route table).
    pub vpc_attachments: HashMap<String, (String, Option<String>)>,
    /// TGW route table id -> routes.
    pub tables: HashMap<String, Vec<TgwRoute>>,
}

pub struct Topology<'a> {
    pub inv: &'a Inventory,
    pub subnets: HashMap<&'a str, SubnetInfo<'a>>,
    pub tables: Vec<Table<'a>>,
    pub nacls: Vec<Nacl<'a>>,
    pub groups: HashMap<&'a str, Group<'a>>,
    /// (internet gateway id, VPC id) for attached gateways.
    pub igws: HashSet<(&'a str, &'a str)>,
    pub vpc_tags: HashMap<&'a str, &'a crate::inventory::Tags>,
    pub vpc_region: HashMap<&'a str, &'a str>,
    pub peerings: HashMap<&'a str, (&'a str, &'a str)>,
    pub tgws: HashMap<&'a str, Tgw>,
}

/// Prefix-list blocks by list id, for routes and rules that name a list.
type Lists<'a> = HashMap<&'a str, Vec<Block>>;

impl<'a> Topology<'a> {
    /// Compiles the inventory's network once: every later question is a lookup.
    pub fn build(inv: &'a Inventory) -> Topology<'a> {
        let n = &inv.network;
        let lists = prefix_lists(n);
        Topology {
            inv,
            subnets: subnet_infos(n),
            tables: n.route_tables.iter().map(|t| table(t, &lists)).collect(),
            nacls: n.network_acls.iter().map(nacl).collect(),
            groups: n
                .security_groups
                .iter()
                .map(|sg| (sg.id.as_str(), group(sg, &lists)))
                .collect(),
            igws: n
                .internet_gateways
                .iter()
                .flat_map(|g| g.vpc_ids.iter().map(move |v| (g.id.as_str(), v.as_str())))
                .collect(),
            vpc_tags: n.vpcs.iter().map(|v| (v.id.as_str(), &v.tags)).collect(),
            vpc_region: n
                .vpcs
                .iter()
                .map(|v| (v.id.as_str(), v.region.as_str()))
                .collect(),
            peerings: active_peerings(n),
            tgws: n
                .transit_gateways
                .iter()
                .map(|t| (t.id.as_str(), tgw(t)))
                .collect(),
        }
    }

    /// Where a route sends traffic for `a` leaving `vpc`: the VPC it arrives in and how, or
    /// `Err` with why it goes nowhere there. Without `explain` the texts are left empty (the
    /// segment analysis judges millions of pairs and explains a few).
    pub fn next_vpc<'s>(
        &'s self,
        vpc: &'s str,
        table: &'s Table,
        family: Family,
        a: u128,
        explain: bool,
    ) -> Result<(&'s str, String), String> {
        let tid = &table.table.id;
        let Some(route) = table.lookup(family, a) else {
            return Err(if explain {
                format!("route table {tid} has no active route")
            } else {
                String::new()
            });
        };
        let via = || format!("{tid} route {} -> {}", route.destination, route.target_id);
        let say = |f: &dyn Fn(String) -> String| if explain { f(via()) } else { String::new() };
        match route.target_type.as_str() {
            "local" => Ok((vpc, say(&|v| v))),
            "peering" => match self.peerings.get(route.target_id.as_str()) {
                Some(&(r, acc)) if r == vpc => Ok((acc, say(&|v| v))),
                Some(&(r, acc)) if acc == vpc => Ok((r, say(&|v| v))),
                _ => Err(say(&|v| {
                    format!("{v}, which is not an active peering connection of {vpc}")
                })),
            },
            "tgw" => {
                let Some(tgw) = self.tgws.get(route.target_id.as_str()) else {
                    return Err(say(&|v| format!("{v}, a transit gateway not in the data")));
                };
                let Some((_, Some(rt))) = tgw.vpc_attachments.values().find(|(v, _)| v == vpc)
                else {
                    return Err(say(&|v| {
                        format!("{v}, but {vpc} has no associated attachment on it")
                    }));
                };
                let best = tgw
                    .tables
                    .get(rt)
                    .into_iter()
                    .flatten()
                    .filter(|(b, ..)| contains(b, family, a))
                    .max_by_key(|(_, p, ..)| *p);
                match best {
                    Some((_, _, atts, true)) => atts
                        .iter()
                        .find_map(|att| tgw.vpc_attachments.get(att))
                        .map(|(v, _)| (v.as_str(), say(&|via| format!("{via} ({rt})"))))
                        .ok_or_else(|| say(&|v| format!("{v}: {rt} routes to no VPC attachment"))),
                    _ => Err(say(&|v| format!("{v}: {rt} has no active route"))),
                }
            }
            other => Err(say(&|v| format!("{v} ({other}), not to a VPC"))),
        }
    }
}

/// The prefix length of an aligned block: longest prefix match ranks routes by it.
fn prefix_len(b: &Block) -> u32 {
    let span = b.1 .1 - b.1 .0;
    let host_bits = 128 - span.leading_zeros();
    match b.0 {
        Family::V4 => 32 - host_bits.min(32),
        Family::V6 => 128 - host_bits,
    }
}

/// Prefix lists parsed once: routes and rules may name the same list many times.
fn prefix_lists(n: &Network) -> Lists<'_> {
    n.prefix_lists
        .iter()
        .map(|p| {
            (
                p.id.as_str(),
                p.cidrs.iter().filter_map(|c| cidr(c)).collect(),
            )
        })
        .collect()
}

/// A route table with one route per destination block (a prefix-list destination becomes
/// one route per entry of the list).
fn table<'a>(t: &'a RouteTable, lists: &Lists) -> Table<'a> {
    let routes = t
        .routes
        .iter()
        .flat_map(|r| {
            let active = r.state != "blackhole";
            let mut blocks: Vec<(Block, String)> = Vec::new();
            for d in [&r.destination_cidr, &r.destination_ipv6_cidr]
                .into_iter()
                .flatten()
            {
                blocks.extend(cidr(d).map(|b| (b, d.clone())));
            }
            if let Some(pl) = &r.destination_prefix_list_id {
                for b in lists.get(pl.as_str()).into_iter().flatten() {
                    blocks.push((*b, pl.clone()));
                }
            }
            blocks.into_iter().map(move |(block, destination)| Route {
                prefix: prefix_len(&block),
                block,
                target_type: r.target_type.clone(),
                target_id: r.target_id.clone(),
                active,
                destination,
            })
        })
        .collect();
    Table { table: t, routes }
}

/// A NACL's two directions, each judged on its own.
fn nacl(acl: &NetworkAcl) -> Nacl<'_> {
    Nacl {
        acl,
        inbound: nacl_side(acl, false),
        outbound: nacl_side(acl, true),
    }
}

/// One direction of a NACL, sorted by rule number: the order AWS evaluates it in.
fn nacl_side(acl: &NetworkAcl, egress: bool) -> NaclSide {
    let mut rules: Vec<NaclRule> = acl
        .entries
        .iter()
        .filter(|e| e.egress == egress)
        .map(|e| {
            let allow = e.action.eq_ignore_ascii_case("allow");
            NaclRule {
                number: e.rule_number,
                allow,
                block: e
                    .cidr_block
                    .as_deref()
                    .or(e.ipv6_cidr_block.as_deref())
                    .and_then(cidr),
                services: Services::of_rule(
                    &e.protocol,
                    e.from_port.map(i64::from),
                    e.to_port.map(i64::from),
                    !allow,
                ),
            }
        })
        .collect();
    rules.sort_by_key(|r| r.number);
    NaclSide { rules }
}

/// Each subnet with the route table and NACL that apply to it: its own association (on the
/// subnet or in the table's or NACL's list), else for routes its VPC's main table.
fn subnet_infos(n: &Network) -> HashMap<&str, SubnetInfo<'_>> {
    let mut main_table: HashMap<&str, usize> = HashMap::new();
    let mut explicit_table: HashMap<&str, usize> = HashMap::new();
    for (i, t) in n.route_tables.iter().enumerate() {
        if t.main {
            main_table.insert(t.vpc_id.as_str(), i);
        }
        for s in &t.subnet_ids {
            explicit_table.insert(s.as_str(), i);
        }
    }
    let table_ids: HashMap<&str, usize> = n
        .route_tables
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();
    let mut subnet_nacl: HashMap<&str, usize> = HashMap::new();
    let nacl_ids: HashMap<&str, usize> = n
        .network_acls
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    for (i, a) in n.network_acls.iter().enumerate() {
        for s in &a.subnet_ids {
            subnet_nacl.insert(s.as_str(), i);
        }
    }
    n.subnets
        .iter()
        .map(|s| {
            let table = s
                .route_table_id
                .as_deref()
                .and_then(|id| table_ids.get(id))
                .or_else(|| explicit_table.get(s.id.as_str()))
                .or_else(|| main_table.get(s.vpc_id.as_str()))
                .copied();
            let nacl = s
                .network_acl_id
                .as_deref()
                .and_then(|id| nacl_ids.get(id))
                .or_else(|| subnet_nacl.get(s.id.as_str()))
                .copied();
            (
                s.id.as_str(),
                SubnetInfo {
                    subnet: s,
                    table,
                    nacl,
                },
            )
        })
        .collect()
}

/// A security group with both rule lists parsed, for matching peers without reparsing.
fn group<'a>(sg: &'a SecurityGroup, lists: &Lists) -> Group<'a> {
    Group {
        sg,
        ingress: sg_rules(sg, false, lists),
        egress: sg_rules(sg, true, lists),
    }
}

/// A group's ingress or egress rules with their peers parsed: blocks (prefix lists expanded),
/// referenced groups, and the lists the data does not have.
fn sg_rules(sg: &SecurityGroup, egress: bool, lists: &Lists) -> Vec<SgRule> {
    let list = if egress { &sg.egress } else { &sg.ingress };
    list.iter()
        .enumerate()
        .map(|(i, r)| {
            let mut blocks: Vec<Block> = r
                .cidr_blocks
                .iter()
                .chain(&r.ipv6_cidr_blocks)
                .filter_map(|c| cidr(c))
                .collect();
            let mut unknown_lists = Vec::new();
            for pl in &r.prefix_list_ids {
                match lists.get(pl.as_str()) {
                    Some(b) => blocks.extend(b.iter().copied()),
                    None => unknown_lists.push(pl.clone()),
                }
            }
            let groups = r
                .security_group_ids
                .iter()
                .map(|g| g.rsplit('/').next().unwrap_or(g).to_string())
                .collect();
            let peers = r
                .cidr_blocks
                .iter()
                .chain(&r.ipv6_cidr_blocks)
                .chain(&r.prefix_list_ids)
                .chain(&r.security_group_ids)
                .cloned()
                .collect::<Vec<_>>()
                .join(", ");
            SgRule {
                group: sg.id.clone(),
                index: i + 1,
                services: Services::of_rule(
                    &r.protocol,
                    r.from_port.map(i64::from),
                    r.to_port.map(i64::from),
                    false,
                ),
                blocks,
                groups,
                unknown_lists,
                peers,
            }
        })
        .collect()
}

/// Active peering connections by id: (requester VPC, accepter VPC).
fn active_peerings(n: &Network) -> HashMap<&str, (&str, &str)> {
    n.vpc_peering_connections
        .iter()
        .filter(|p| p.status == "active")
        .map(|p| {
            (
                p.id.as_str(),
                (p.requester_vpc_id.as_str(), p.accepter_vpc_id.as_str()),
            )
        })
        .collect()
}

/// A transit gateway's available VPC attachments and its route tables.
fn tgw(t: &TransitGateway) -> Tgw {
    let vpc_attachments = t
        .attachments
        .iter()
        .filter(|a| a.resource_type == "vpc" && a.state == "available")
        .filter_map(|a| {
            Some((
                a.id.clone(),
                (a.resource_id.clone()?, a.route_table_id.clone()),
            ))
        })
        .collect();
    let tables = t
        .route_tables
        .iter()
        .map(|rt| {
            let routes = rt
                .routes
                .iter()
                .filter_map(|r| {
                    let b = cidr(&r.destination_cidr)?;
                    Some((
                        b,
                        prefix_len(&b),
                        r.attachment_ids.clone(),
                        r.state != "blackhole",
                    ))
                })
                .collect();
            (rt.id.clone(), routes)
        })
        .collect();
    Tgw {
        vpc_attachments,
        tables,
    }
}
