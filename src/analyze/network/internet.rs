//! Internet traffic to one endpoint, from one internet address, layer by layer: the internet
//! gateway route (of the replies), the subnet's NACL inbound, the security groups, the
//! listener, and the NACL outbound for the replies.

use super::endpoint::Endpoint;
use super::flow::{matching, reply_rule, subnet_parts, union, Admission, Blocked, Stage};
use super::topology::{Nacl, Route, SgRule, Table, Topology};
use super::undescribed::Undescribed;
use crate::util::addr::{AddrSet, Family};
use crate::util::service::Services;

/// Internet traffic to `ep` from the sources in `atom` (one range the layers treat alike),
/// judged at `a`, one address in it.
pub fn from_internet(
    topo: &Topology,
    ep: &Endpoint,
    family: Family,
    a: u128,
) -> Result<Result<Vec<Admission>, Blocked>, Undescribed> {
    let (_, table, nacl) = subnet_parts(topo, ep.subnet)?;
    Ok(internet_admissions(topo, ep, family, a, table, nacl))
}

/// What internet traffic from `a` gets through each layer to `ep`, in the order a packet
/// meets them, or the first layer that stops all of it.
fn internet_admissions(
    topo: &Topology,
    ep: &Endpoint,
    family: Family,
    a: u128,
    table: &Table,
    nacl: &Nacl,
) -> Result<Vec<Admission>, Blocked> {
    let block = |stage, why| Err(Blocked { stage, why });
    let route = gateway_route(topo, ep, table, family, a)?;
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
    let gateway = Gateway {
        route,
        table: &table.table.id,
        acl,
        replies: nacl.outbound.evaluate(family, a),
    };
    let (out, stage) = gateway.admissions(ep, a, &nacl_in, &sg);
    if out.is_empty() {
        return block(stage, nothing_admitted(stage, acl, ep));
    }
    Ok(out)
}

/// The route replies to `a` take, if it leads to an internet gateway attached to the
/// endpoint's VPC: without one, no internet traffic gets in (a NAT or egress-only gateway
/// route means none either).
fn gateway_route<'t>(
    topo: &Topology,
    ep: &Endpoint,
    table: &'t Table,
    family: Family,
    a: u128,
) -> Result<&'t Route, Blocked> {
    let tid = &table.table.id;
    let why = match table.lookup(family, a) {
        Some(r) if r.target_type == "igw" && topo.igws.contains(&(r.target_id.as_str(), ep.vpc)) => {
            return Ok(r)
        }
        Some(r) => format!(
            "route table {tid} sends traffic for the internet ({}) to {}, not to an internet gateway of {}",
            r.destination, r.target_id, ep.vpc
        ),
        None => format!("route table {tid} has no route to the internet gateway"),
    };
    Err(Blocked {
        stage: Stage::Route,
        why,
    })
}

/// The layers internet traffic meets before the security groups: the gateway route and the
/// subnet's NACL, with the NACL's outbound rules for the replies.
struct Gateway<'t> {
    route: &'t Route,
    table: &'t str,
    acl: &'t str,
    replies: Vec<(Services, u32)>,
}

impl Gateway<'_> {
    /// One admission per (NACL inbound rule, security-group rule) pair that lets something
    /// through to a port the endpoint listens on with replies allowed back; and the furthest
    /// layer reached, for the reason when none does.
    fn admissions(
        &self,
        ep: &Endpoint,
        a: u128,
        nacl_in: &[(Services, u32)],
        sg: &[Option<&SgRule>],
    ) -> (Vec<Admission>, Stage) {
        let reply_ok = union(&self.replies);
        let mut out = Vec::new();
        let mut stage = Stage::Group;
        for (s_nacl, n_in) in nacl_in {
            for rule in sg {
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
                out.push(self.admission(admitted, a, *n_in, *rule));
            }
        }
        (out, stage)
    }

    /// The admission with its path: gateway, route, NACL in, the admitting rule, NACL out.
    fn admission(
        &self,
        admitted: Services,
        a: u128,
        n_in: u32,
        rule: Option<&SgRule>,
    ) -> Admission {
        let (acl, route) = (self.acl, self.route);
        let n_out = reply_rule(&self.replies, &admitted).unwrap_or_default();
        Admission {
            services: admitted,
            sources: AddrSet::range(a, a),
            group: rule.map(|r| r.group.clone()),
            path: vec![
                format!("internet gateway {}", route.target_id),
                format!("{} route {}", self.table, route.destination),
                format!("{acl} inbound rule {n_in}"),
                rule.map_or_else(|| "no security group".to_string(), |r| r.describe("from")),
                format!("{acl} outbound rule {n_out} (replies)"),
            ],
        }
    }
}

/// Why nothing the NACL and the security groups admit gets through, by the furthest layer.
fn nothing_admitted(stage: Stage, acl: &str, ep: &Endpoint) -> String {
    match stage {
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
    }
}
