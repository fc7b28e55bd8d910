//! Endpoints: the places traffic can arrive, one per network interface, or one per subnet for
//! a database or load balancer whose interfaces the data does not tie to it.

use super::topology::Topology;
use crate::inventory::network::{Instance, Network, NetworkInterface};
use crate::inventory::Tags;
use crate::util::addr::{addr, cidr, Family};
use crate::util::service::Services;
use foldhash::{HashMap, HashMapExt, HashSet};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Instance,
    NetworkInterface,
    RdsInstance,
    LoadBalancer,
}

#[derive(Debug, Clone)]
pub struct Endpoint<'a> {
    /// The resource findings are about: instance, database, load balancer or interface.
    pub resource: &'a str,
    pub account_id: &'a str,
    pub region: &'a str,
    pub kind: Kind,
    /// `i-123`, `db-prod`, `eni-456`: for messages.
    pub name: &'a str,
    pub interface: Option<&'a str>,
    pub subnet: &'a str,
    pub vpc: &'a str,
    pub groups: Vec<&'a str>,
    /// False for a network load balancer without security groups: nothing filters at it.
    pub groups_enforced: bool,
    pub v4: Option<u128>,
    pub v6: Option<u128>,
    /// The public or Elastic IP, or why the endpoint has a public address.
    pub public_v4: Option<String>,
    /// Only these services answer (a database port, a load balancer's listeners).
    pub listens: Option<Services>,
    pub tags: Option<&'a Tags>,
    /// The address is the subnet's first usable one, the real one being unknown.
    pub assumed_address: bool,
    /// `running`, `stopped`, ... for instances.
    pub state: Option<&'a str>,
}

/// Where a resource is placed in a subnet when the data does not say: the first address AWS
/// does not reserve.
fn first_usable(block: &str) -> Option<(Family, u128)> {
    let (f, (lo, hi)) = cidr(block)?;
    // AWS reserves the first four addresses of every subnet.
    Some((f, (lo + 4).min(hi)))
}

/// What a load balancer listener answers on, by its protocol's transport.
fn listener_services(protocol: &str, port: u16) -> Services {
    match protocol.to_ascii_uppercase().as_str() {
        "UDP" => Services::of_rule("udp", Some(port.into()), Some(port.into()), false),
        "TCP_UDP" => Services::tcp(port, port).union(&Services::of_rule(
            "udp",
            Some(port.into()),
            Some(port.into()),
            false,
        )),
        // Gateway load balancers take GENEVE on UDP 6081 whatever the listener says.
        "GENEVE" => Services::of_rule("udp", Some(6081), Some(6081), false),
        _ => Services::tcp(port, port),
    }
}

/// Every endpoint in the estate. Interfaces owned by databases and load balancers are left out:
/// those resources get endpoints of their own, one per subnet they can be placed in.
pub fn endpoints<'a>(topo: &Topology<'a>) -> Vec<Endpoint<'a>> {
    let n = &topo.inv.network;
    let mut out = Vec::new();
    let instances_seen = interface_endpoints(n, &mut out);
    instance_endpoints(topo, &instances_seen, &mut out);
    let owned = owned_interfaces(n);
    database_endpoints(topo, &owned, &mut out);
    load_balancer_endpoints(topo, &owned, &mut out);
    out
}

/// Interfaces by owner: (`rds`, database id) or (`load_balancer`, name), with the account and
/// Region. The data ties an interface to its database (`attached_to` its id) or load balancer
/// (`app/NAME/ID`); those names are unique only in one account and Region, and the same name in
/// two accounts (one Terraform module applied to dev and prod) is two databases.
type Owned<'a> = HashMap<Owner<'a>, Vec<&'a NetworkInterface>>;

/// (kind, account, Region, id or name).
type Owner<'a> = (&'a str, &'a str, &'a str, &'a str);

/// One endpoint per interface not owned by a database, load balancer or NAT gateway, on
/// behalf of its instance if it has one; returns the instances so placed.
fn interface_endpoints<'a>(n: &'a Network, out: &mut Vec<Endpoint<'a>>) -> HashSet<&'a str> {
    let instances: HashMap<&str, &Instance> =
        n.instances.iter().map(|i| (i.id.as_str(), i)).collect();
    let mut instances_seen = HashSet::default();
    for eni in &n.network_interfaces {
        let kind = eni.attachment_kind.as_deref().unwrap_or("");
        if matches!(kind, "rds" | "load_balancer" | "nat_gateway") {
            continue;
        }
        let instance = (kind == "instance")
            .then(|| eni.attached_to.as_deref().and_then(|id| instances.get(id)))
            .flatten();
        if let Some(i) = instance {
            if i.state == "terminated" {
                continue;
            }
            instances_seen.insert(i.id.as_str());
        }
        out.push(interface_endpoint(eni, instance.copied()));
    }
    instances_seen
}

/// An interface as an endpoint: the instance's, if attached to one, else its own.
fn interface_endpoint<'a>(
    eni: &'a NetworkInterface,
    instance: Option<&'a Instance>,
) -> Endpoint<'a> {
    Endpoint {
        resource: instance.map_or(eni.arn.as_str(), |i| i.arn.as_str()),
        account_id: &eni.account_id,
        region: &eni.region,
        kind: if instance.is_some() {
            Kind::Instance
        } else {
            Kind::NetworkInterface
        },
        name: instance.map_or(eni.id.as_str(), |i| i.id.as_str()),
        interface: Some(&eni.id),
        subnet: &eni.subnet_id,
        vpc: &eni.vpc_id,
        groups: eni.security_group_ids.iter().map(String::as_str).collect(),
        groups_enforced: true,
        v4: eni
            .private_ips
            .iter()
            .find_map(|a| addr(a))
            .map(|a| a.value),
        v6: eni
            .ipv6_addresses
            .iter()
            .find_map(|a| addr(a))
            .map(|a| a.value),
        public_v4: eni.public_ip.clone(),
        listens: None,
        tags: instance.map(|i| &i.tags),
        assumed_address: false,
        state: instance.map(|i| i.state.as_str()),
    }
}

/// Instances whose interfaces are not in the data: their own fields describe the primary one.
fn instance_endpoints<'a>(
    topo: &Topology<'a>,
    instances_seen: &HashSet<&str>,
    out: &mut Vec<Endpoint<'a>>,
) {
    let vpc_of = |subnet: &str| topo.subnets.get(subnet).map(|s| s.subnet.vpc_id.as_str());
    for i in &topo.inv.network.instances {
        if i.state == "terminated" || instances_seen.contains(i.id.as_str()) {
            continue;
        }
        let Some(subnet) = i.subnet_id.as_deref() else {
            continue;
        };
        let Some(vpc) = i.vpc_id.as_deref().or_else(|| vpc_of(subnet)) else {
            continue;
        };
        out.push(Endpoint {
            resource: &i.arn,
            account_id: &i.account_id,
            region: &i.region,
            kind: Kind::Instance,
            name: &i.id,
            interface: None,
            subnet,
            vpc,
            groups: i.security_group_ids.iter().map(String::as_str).collect(),
            groups_enforced: true,
            v4: i.private_ip.as_deref().and_then(addr).map(|a| a.value),
            v6: None,
            public_v4: i.public_ip.clone(),
            listens: None,
            tags: Some(&i.tags),
            assumed_address: false,
            state: Some(&i.state),
        });
    }
}

/// Interfaces the data ties to a database or load balancer place it exactly; otherwise every
/// subnet it may be placed in is an endpoint, at the subnet's first usable address.
fn owned_interfaces(n: &Network) -> Owned<'_> {
    let mut owned: Owned = HashMap::new();
    for eni in &n.network_interfaces {
        let (Some(kind), Some(owner)) =
            (eni.attachment_kind.as_deref(), eni.attached_to.as_deref())
        else {
            continue;
        };
        let owner = match kind {
            "rds" => owner,
            "load_balancer" => owner.split('/').nth(1).unwrap_or(owner),
            _ => continue,
        };
        owned
            .entry((kind, &eni.account_id, &eni.region, owner))
            .or_default()
            .push(eni);
    }
    owned
}

/// Databases, except those being deleted: they answer on their port only, and have a public
/// address when publicly accessible.
fn database_endpoints<'a>(topo: &Topology<'a>, owned: &Owned<'a>, out: &mut Vec<Endpoint<'a>>) {
    for db in &topo.inv.storage.rds_instances {
        if db.status.as_deref() == Some("deleting") {
            continue;
        }
        let base = Endpoint {
            resource: &db.arn,
            account_id: &db.account_id,
            region: &db.region,
            kind: Kind::RdsInstance,
            name: &db.id,
            interface: None,
            subnet: "",
            vpc: "",
            groups: db.security_group_ids.iter().map(String::as_str).collect(),
            groups_enforced: true,
            v4: None,
            v6: None,
            public_v4: db
                .publicly_accessible
                .then(|| "a public address (publicly accessible)".to_string()),
            listens: db.port.map(|p| Services::tcp(p, p)),
            tags: Some(&db.tags),
            assumed_address: true,
            state: db.status.as_deref(),
        };
        place(
            topo,
            out,
            base,
            owned.get(&("rds", &db.account_id, &db.region, &db.id)),
            &db.subnet_ids,
        );
    }
}

/// Load balancers: they answer on their listeners' ports; without security groups nothing
/// filters at them; internet-facing ones have a public IPv4 address unless dual-stack
/// without one, and only dual-stack ones an IPv6 address.
fn load_balancer_endpoints<'a>(
    topo: &Topology<'a>,
    owned: &Owned<'a>,
    out: &mut Vec<Endpoint<'a>>,
) {
    for lb in &topo.inv.network.load_balancers {
        let listens = lb
            .listeners
            .iter()
            .map(|l| listener_services(&l.protocol, l.port))
            .fold(Services::default(), |a, b| a.union(&b));
        let ip_type = lb.ip_address_type.as_deref().unwrap_or("ipv4");
        let internet = lb.scheme == "internet-facing";
        let base = Endpoint {
            resource: &lb.arn,
            account_id: &lb.account_id,
            region: &lb.region,
            kind: Kind::LoadBalancer,
            name: &lb.name,
            interface: None,
            subnet: "",
            vpc: "",
            groups: lb.security_group_ids.iter().map(String::as_str).collect(),
            groups_enforced: !lb.security_group_ids.is_empty(),
            v4: None,
            v6: None,
            public_v4: (internet && ip_type != "dualstack-without-public-ipv4")
                .then(|| "a public address (internet-facing)".to_string()),
            listens: Some(listens),
            tags: Some(&lb.tags),
            assumed_address: true,
            state: None,
        };
        let enis = owned.get(&("load_balancer", &lb.account_id, &lb.region, &lb.name));
        let before = out.len();
        place(topo, out, base, enis, &lb.subnet_ids);
        if !ip_type.starts_with("dualstack") {
            for e in &mut out[before..] {
                e.v6 = None;
            }
        }
    }
}

/// Endpoints of a database or load balancer: at its interfaces when the data has them, else
/// one per subnet it may be placed in.
fn place<'a>(
    topo: &Topology<'a>,
    out: &mut Vec<Endpoint<'a>>,
    base: Endpoint<'a>,
    enis: Option<&Vec<&'a NetworkInterface>>,
    subnets: &'a [String],
) {
    match enis.filter(|e| !e.is_empty()) {
        Some(enis) => {
            for eni in enis {
                let mut e = base.clone();
                e.interface = Some(&eni.id);
                e.subnet = &eni.subnet_id;
                e.vpc = &eni.vpc_id;
                e.v4 = eni
                    .private_ips
                    .iter()
                    .find_map(|a| addr(a))
                    .map(|a| a.value);
                e.v6 = eni
                    .ipv6_addresses
                    .iter()
                    .find_map(|a| addr(a))
                    .map(|a| a.value);
                if e.public_v4.is_some() {
                    e.public_v4 = eni.public_ip.clone().or(e.public_v4);
                }
                e.assumed_address = false;
                out.push(e);
            }
        }
        None => {
            for subnet in subnets {
                let Some(info) = topo.subnets.get(subnet.as_str()) else {
                    continue;
                };
                let s = info.subnet;
                let mut e = base.clone();
                e.subnet = &s.id;
                e.vpc = &s.vpc_id;
                e.v4 = first_usable(&s.cidr_block).map(|a| a.1);
                e.v6 = s
                    .ipv6_cidr_blocks
                    .first()
                    .and_then(|b| first_usable(b))
                    .map(|a| a.1);
                out.push(e);
            }
        }
    }
}

impl Endpoint<'_> {
    /// `legacy-bastion (i-0f95...)` when the resource has a Name tag other than its id, else
    /// its id or name.
    pub fn label(&self) -> String {
        match self
            .tags
            .and_then(|t| t.get("Name"))
            .filter(|n| n.as_str() != self.name)
        {
            Some(n) => format!("{n} ({})", self.name),
            None => self.name.to_string(),
        }
    }

    /// The endpoint's address in `family`; IPv6 addresses are public by nature.
    pub fn address(&self, family: Family) -> Option<u128> {
        match family {
            Family::V4 => self.v4,
            Family::V6 => self.v6,
        }
    }

    /// The address the internet can send to, if any: the public or Elastic IPv4 address, or
    /// the IPv6 address (global by nature; a private database or internal load balancer has
    /// none the internet can use).
    pub fn public_address(&self, family: Family) -> Option<String> {
        match family {
            Family::V4 => self.public_v4.clone(),
            Family::V6 if !self.assumed_address || self.public_v4.is_some() => self
                .v6
                .map(|v| crate::util::addr::Addr { family, value: v }.show()),
            Family::V6 => None,
        }
    }
}
