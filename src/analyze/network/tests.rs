//! Scenarios with hand-computed answers: a reachable baseline, then each blocking layer alone
//! (it must make the resource unreachable; the baseline is the same estate without it), then
//! property tests of monotonicity.

use super::endpoint::endpoints;
use super::exposure::{expose, Cache};
use super::flow::between;
use super::internet::from_internet;
use super::topology::Topology;
use super::*;
use crate::config::Config;
use crate::util::addr::{addr, Family};
use crate::util::service::Services;
use serde_json::{json, Value};

const ACCT: &str = "111122223333";
const R: &str = "us-east-1";

fn arn(kind: &str, id: &str) -> String {
    format!("arn:aws:ec2:{R}:{ACCT}:{kind}/{id}")
}

/// A public subnet (10.0.1.0/24, default route to igw-1, NACL acl-pub allowing everything),
/// a private subnet (10.0.2.0/24, default route to nat-1, NACL acl-priv allowing everything),
/// security group sg-web admitting SSH from anywhere, and instance i-web with a public IP in
/// the public subnet. Every scenario edits one part of this JSON.
fn estate() -> Value {
    let allow_all = |egress: bool| {
        json!([
            {"rule_number": 100, "egress": egress, "protocol": "-1", "action": "allow", "cidr_block": "0.0.0.0/0"},
            {"rule_number": 101, "egress": egress, "protocol": "-1", "action": "allow", "ipv6_cidr_block": "::/0"},
            {"rule_number": 32767, "egress": egress, "protocol": "-1", "action": "deny", "cidr_block": "0.0.0.0/0"}
        ])
    };
    let mut acl_entries = allow_all(false).as_array().unwrap().clone();
    acl_entries.extend(allow_all(true).as_array().unwrap().clone());
    let sg = |id: &str, ingress: Value| {
        json!({"arn": arn("security-group", id), "account_id": ACCT, "region": R, "id": id, "name": id,
               "vpc_id": "vpc-1", "ingress": ingress,
               "egress": [{"protocol": "-1", "cidr_blocks": ["0.0.0.0/0"]}]})
    };
    json!({
        "schema_version": "1.1", "collected_at": "2026-11-01T00:00:00Z",
        "network": {
            "vpcs": [{"arn": arn("vpc", "vpc-1"), "account_id": ACCT, "region": R, "id": "vpc-1", "cidr_block": "10.0.0.0/16"}],
            "subnets": [
                {"arn": arn("subnet", "subnet-pub"), "account_id": ACCT, "region": R, "id": "subnet-pub", "vpc_id": "vpc-1",
                 "cidr_block": "10.0.1.0/24", "ipv6_cidr_blocks": ["2600:1f18:1:100::/64"], "route_table_id": "rtb-pub", "network_acl_id": "acl-pub"},
                {"arn": arn("subnet", "subnet-priv"), "account_id": ACCT, "region": R, "id": "subnet-priv", "vpc_id": "vpc-1",
                 "cidr_block": "10.0.2.0/24", "route_table_id": "rtb-priv", "network_acl_id": "acl-priv"}
            ],
            "route_tables": [
                {"arn": arn("route-table", "rtb-pub"), "account_id": ACCT, "region": R, "id": "rtb-pub", "vpc_id": "vpc-1",
                 "subnet_ids": ["subnet-pub"], "routes": [
                    {"destination_cidr": "10.0.0.0/16", "target_type": "local", "target_id": "local"},
                    {"destination_cidr": "0.0.0.0/0", "target_type": "igw", "target_id": "igw-1"},
                    {"destination_ipv6_cidr": "::/0", "target_type": "igw", "target_id": "igw-1"}]},
                {"arn": arn("route-table", "rtb-priv"), "account_id": ACCT, "region": R, "id": "rtb-priv", "vpc_id": "vpc-1",
                 "main": true, "subnet_ids": ["subnet-priv"], "routes": [
                    {"destination_cidr": "10.0.0.0/16", "target_type": "local", "target_id": "local"},
                    {"destination_cidr": "0.0.0.0/0", "target_type": "nat", "target_id": "nat-1"}]}
            ],
            "internet_gateways": [{"arn": arn("internet-gateway", "igw-1"), "account_id": ACCT, "region": R, "id": "igw-1", "vpc_ids": ["vpc-1"]}],
            "network_acls": [
                {"arn": arn("network-acl", "acl-pub"), "account_id": ACCT, "region": R, "id": "acl-pub", "vpc_id": "vpc-1",
                 "subnet_ids": ["subnet-pub"], "entries": acl_entries.clone()},
                {"arn": arn("network-acl", "acl-priv"), "account_id": ACCT, "region": R, "id": "acl-priv", "vpc_id": "vpc-1",
                 "subnet_ids": ["subnet-priv"], "entries": acl_entries}
            ],
            "security_groups": [
                sg("sg-web", json!([{"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_blocks": ["0.0.0.0/0"], "ipv6_cidr_blocks": ["::/0"]}])),
                sg("sg-app", json!([])),
                sg("sg-db", json!([{"protocol": "tcp", "from_port": 5432, "to_port": 5432, "cidr_blocks": ["0.0.0.0/0"]}]))
            ],
            "network_interfaces": [
                {"arn": arn("network-interface", "eni-web"), "account_id": ACCT, "region": R, "id": "eni-web", "vpc_id": "vpc-1",
                 "subnet_id": "subnet-pub", "private_ips": ["10.0.1.10"], "public_ip": "54.0.0.10",
                 "security_group_ids": ["sg-web"], "attachment_kind": "instance", "attached_to": "i-web"},
                {"arn": arn("network-interface", "eni-app"), "account_id": ACCT, "region": R, "id": "eni-app", "vpc_id": "vpc-1",
                 "subnet_id": "subnet-priv", "private_ips": ["10.0.2.20"],
                 "security_group_ids": ["sg-app"], "attachment_kind": "instance", "attached_to": "i-app"}
            ],
            "instances": [
                {"arn": arn("instance", "i-web"), "account_id": ACCT, "region": R, "id": "i-web", "state": "running",
                 "subnet_id": "subnet-pub", "vpc_id": "vpc-1", "metadata_options": {"http_tokens": "required"}},
                {"arn": arn("instance", "i-app"), "account_id": ACCT, "region": R, "id": "i-app", "state": "running",
                 "subnet_id": "subnet-priv", "vpc_id": "vpc-1", "metadata_options": {"http_tokens": "required"}}
            ]
        },
        "storage": {"rds_instances": [
            {"arn": format!("arn:aws:rds:{R}:{ACCT}:db:db-1"), "account_id": ACCT, "region": R, "id": "db-1", "engine": "postgres",
             "storage_encrypted": true, "publicly_accessible": true, "port": 5432, "vpc_id": "vpc-1",
             "subnet_ids": ["subnet-pub"], "security_group_ids": ["sg-db"]}
        ]}
    })
}

fn inventory(v: &Value) -> Inventory {
    serde_json::from_value(v.clone()).unwrap()
}

/// The services the internet reaches on the resource (from most of the internet).
fn open(v: &Value, resource: &str) -> Services {
    let inv = inventory(v);
    let facts = analyze(&inv, &Config::default());
    assert!(facts.gaps.is_empty(), "{:?}", facts.gaps);
    facts.exposures[resource].open.clone()
}

fn web() -> String {
    arn("instance", "i-web")
}

fn db() -> String {
    format!("arn:aws:rds:{R}:{ACCT}:db:db-1")
}

fn ssh() -> Services {
    Services::tcp(22, 22)
}

fn find<'v>(v: &'v mut Value, path: &str, id: &str) -> &'v mut Value {
    let list = path
        .split('.')
        .fold(v, |v, k| &mut v[k])
        .as_array_mut()
        .unwrap();
    list.iter_mut()
        .find(|x| x["id"] == id)
        .unwrap_or_else(|| panic!("{id} not in {path}"))
}

#[test]
fn baseline_is_reachable_with_the_whole_path() {
    let v = estate();
    let inv = inventory(&v);
    let facts = analyze(&inv, &Config::default());
    let x = &facts.exposures[&web()];
    assert_eq!(x.open, ssh());
    let path = &x.reachable[0].path;
    for part in [
        "internet gateway igw-1",
        "rtb-pub route 0.0.0.0/0",
        "acl-pub inbound rule 100",
        "sg-web rule 1 (tcp/22 from 0.0.0.0/0, ::/0)",
        "acl-pub outbound rule 100 (replies)",
        "54.0.0.10 (eni-web, subnet subnet-pub)",
    ] {
        assert!(path.contains(part), "{part} missing from {path}");
    }
    assert_eq!(x.reachable[0].sources, ["0.0.0.0/0 (any internet address)"]);
    assert_eq!(open(&v, &db()), Services::tcp(5432, 5432));
    // The private instance has neither a public address nor a route.
    assert!(facts.exposures[&arn("instance", "i-app")].open.is_empty());
}

#[test]
fn no_internet_gateway_route_blocks() {
    let mut v = estate();
    let routes = &mut find(&mut v, "network.route_tables", "rtb-pub")["routes"];
    routes[1] =
        json!({"destination_cidr": "0.0.0.0/0", "target_type": "nat", "target_id": "nat-1"});
    let inv = inventory(&v);
    let x = &analyze(&inv, &Config::default()).exposures[&web()];
    assert!(x.open.is_empty());
    assert!(x
        .blocked_by
        .as_ref()
        .unwrap()
        .contains("nat-1, not to an internet gateway"));
    // A gateway route to a gateway not attached to this VPC does not count either.
    let mut v = estate();
    v["network"]["internet_gateways"][0]["vpc_ids"] = json!(["vpc-other"]);
    assert!(open(&v, &web()).is_empty());
}

#[test]
fn no_public_ip_blocks() {
    let mut v = estate();
    find(&mut v, "network.network_interfaces", "eni-web")["public_ip"] = Value::Null;
    let inv = inventory(&v);
    let x = &analyze(&inv, &Config::default()).exposures[&web()];
    assert!(x.open.is_empty());
    assert_eq!(
        x.blocked_by.as_deref(),
        Some("eni-web has no public IPv4 address")
    );
}

#[test]
fn nacl_deny_numbered_before_the_allow_blocks() {
    let mut v = estate();
    let entries = find(&mut v, "network.network_acls", "acl-pub")["entries"]
        .as_array_mut()
        .unwrap();
    entries.push(json!({"rule_number": 90, "egress": false, "protocol": "6", "action": "deny", "cidr_block": "0.0.0.0/0", "from_port": 22, "to_port": 22}));
    entries.push(json!({"rule_number": 91, "egress": false, "protocol": "6", "action": "deny", "ipv6_cidr_block": "::/0", "from_port": 22, "to_port": 22}));
    assert!(open(&v, &web()).is_empty());
    // The same denies numbered after the allow change nothing.
    let mut v = estate();
    let entries = find(&mut v, "network.network_acls", "acl-pub")["entries"]
        .as_array_mut()
        .unwrap();
    entries.push(json!({"rule_number": 110, "egress": false, "protocol": "6", "action": "deny", "cidr_block": "0.0.0.0/0", "from_port": 22, "to_port": 22}));
    assert_eq!(open(&v, &web()), ssh());
}

#[test]
fn nacl_deny_of_one_range_leaves_the_rest_of_the_internet() {
    let mut v = estate();
    let entries = find(&mut v, "network.network_acls", "acl-pub")["entries"]
        .as_array_mut()
        .unwrap();
    entries.push(json!({"rule_number": 90, "egress": false, "protocol": "-1", "action": "deny", "cidr_block": "198.51.100.0/24"}));
    let inv = inventory(&v);
    let x = &analyze(&inv, &Config::default()).exposures[&web()];
    assert_eq!(x.open, ssh());
    let v4 = x.reachable.iter().find(|r| r.family == Family::V4).unwrap();
    assert_eq!(
        v4.sources,
        ["0.0.0.0/0 (the internet) except:", "198.51.100.0/24"]
    );
}

#[test]
fn nacl_egress_dropping_replies_blocks() {
    let mut v = estate();
    let entries = find(&mut v, "network.network_acls", "acl-pub")["entries"]
        .as_array_mut()
        .unwrap();
    // Outbound: HTTPS only, so replies to the client's ephemeral port are dropped.
    entries.retain(|e| e["egress"] == false);
    entries.push(json!({"rule_number": 100, "egress": true, "protocol": "6", "action": "allow", "cidr_block": "0.0.0.0/0", "from_port": 443, "to_port": 443}));
    entries.push(json!({"rule_number": 101, "egress": true, "protocol": "6", "action": "allow", "ipv6_cidr_block": "::/0", "from_port": 443, "to_port": 443}));
    let inv = inventory(&v);
    let x = &analyze(&inv, &Config::default()).exposures[&web()];
    assert!(x.open.is_empty());
    assert!(x.blocked_by.as_ref().unwrap().contains("drops the replies"));
    // Ephemeral ports allowed out: reachable again.
    let entries = find(&mut v, "network.network_acls", "acl-pub")["entries"]
        .as_array_mut()
        .unwrap();
    entries.push(json!({"rule_number": 110, "egress": true, "protocol": "6", "action": "allow", "cidr_block": "0.0.0.0/0", "from_port": 1024, "to_port": 65535}));
    assert_eq!(open(&v, &web()), ssh());
}

#[test]
fn missing_nacl_default_entry_still_denies() {
    let mut v = estate();
    let entries = find(&mut v, "network.network_acls", "acl-pub")["entries"]
        .as_array_mut()
        .unwrap();
    // Only an HTTPS allow; no `*` deny in the data. SSH matches nothing: denied.
    entries.retain(|e| e["egress"] == true);
    entries.push(json!({"rule_number": 100, "egress": false, "protocol": "6", "action": "allow", "cidr_block": "0.0.0.0/0", "from_port": 443, "to_port": 443}));
    assert!(open(&v, &web()).is_empty());
}

#[test]
fn security_group_reference_admits_members_not_the_internet() {
    let mut v = estate();
    find(&mut v, "network.security_groups", "sg-web")["ingress"] = json!([{"protocol": "tcp", "from_port": 22, "to_port": 22, "security_group_ids": ["sg-app"]}]);
    assert!(open(&v, &web()).is_empty());
    let inv = inventory(&v);
    let topo = Topology::build(&inv);
    let eps = endpoints(&topo);
    let app = eps.iter().find(|e| e.name == "i-app").unwrap();
    let web_ep = eps.iter().find(|e| e.name == "i-web").unwrap();
    let adm = between(&topo, app, web_ep, Family::V4).unwrap().unwrap();
    assert_eq!(adm.services, ssh());
    assert!(adm.path.iter().any(|p| p.contains("from sg-app")));
    // The other way round nothing is admitted (sg-app has no ingress rules).
    assert!(between(&topo, web_ep, app, Family::V4).unwrap().is_err());
    // With the CIDR rule instead of the reference, the internet reaches it again.
    assert_eq!(open(&estate(), &web()), ssh());
}

#[test]
fn rds_public_flag_in_private_subnets_is_not_reachable() {
    let mut v = estate();
    v["storage"]["rds_instances"][0]["subnet_ids"] = json!(["subnet-priv"]);
    let inv = inventory(&v);
    let x = &analyze(&inv, &Config::default()).exposures[&db()];
    assert!(x.open.is_empty());
    assert!(x.blocked_by.as_ref().unwrap().contains("nat-1"));
    // Not publicly accessible in the public subnet: no public address.
    let mut v = estate();
    v["storage"]["rds_instances"][0]["publicly_accessible"] = json!(false);
    assert!(open(&v, &db()).is_empty());
    // One public subnet among private ones is enough (the instance may be placed there).
    let mut v = estate();
    v["storage"]["rds_instances"][0]["subnet_ids"] = json!(["subnet-priv", "subnet-pub"]);
    assert_eq!(open(&v, &db()), Services::tcp(5432, 5432));
}

#[test]
fn a_database_of_the_same_name_in_another_account_is_another_database() {
    // db-1 sits in the private subnet. Another account has a database of the same name (one
    // Terraform module, two accounts) whose interface is public: it must not become db-1's.
    let mut v = estate();
    v["storage"]["rds_instances"][0]["subnet_ids"] = json!(["subnet-priv"]);
    let other = "210987654321";
    v["network"]["network_interfaces"]
        .as_array_mut()
        .unwrap()
        .extend([
            json!({"arn": arn("network-interface", "eni-db"), "account_id": ACCT, "region": R, "id": "eni-db", "vpc_id": "vpc-1",
                "subnet_id": "subnet-priv", "private_ips": ["10.0.2.30"],
                "security_group_ids": ["sg-db"], "attachment_kind": "rds", "attached_to": "db-1"}),
            json!({"arn": format!("arn:aws:ec2:{R}:{other}:network-interface/eni-other"), "account_id": other, "region": R,
                "id": "eni-other", "vpc_id": "vpc-1", "subnet_id": "subnet-pub", "private_ips": ["10.0.1.30"], "public_ip": "54.0.0.30",
                "security_group_ids": ["sg-db"], "attachment_kind": "rds", "attached_to": "db-1"}),
        ]);
    let inv = inventory(&v);
    let x = &analyze(&inv, &Config::default()).exposures[&db()];
    assert!(x.open.is_empty(), "{x:?}");
    let blocked = x.blocked_by.as_deref().unwrap_or_default();
    assert!(blocked.contains("subnet-priv"), "{blocked}");
}

#[test]
fn only_the_database_port_counts() {
    let mut v = estate();
    find(&mut v, "network.security_groups", "sg-db")["ingress"] =
        json!([{"protocol": "-1", "cidr_blocks": ["0.0.0.0/0"]}]);
    assert_eq!(open(&v, &db()), Services::tcp(5432, 5432));
}

#[test]
fn narrow_sources_are_reachable_but_not_open() {
    let mut v = estate();
    find(&mut v, "network.security_groups", "sg-web")["ingress"] = json!([{"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_blocks": ["203.0.113.0/24"]}]);
    let inv = inventory(&v);
    let x = &analyze(&inv, &Config::default()).exposures[&web()];
    assert!(x.open.is_empty());
    assert_eq!(x.reachable.len(), 1);
    assert!(!x.reachable[0].anywhere);
    assert_eq!(x.reachable[0].sources, ["203.0.113.0/24"]);
    // A private range in a rule admits nothing from the internet.
    find(&mut v, "network.security_groups", "sg-web")["ingress"] =
        json!([{"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_blocks": ["10.0.0.0/8"]}]);
    assert!(
        analyze(&inventory(&v), &Config::default()).exposures[&web()]
            .reachable
            .is_empty()
    );
}

#[test]
fn ipv6_reaches_through_the_gateway_not_an_egress_only_one() {
    let mut v = estate();
    let eni = find(&mut v, "network.network_interfaces", "eni-web");
    eni["public_ip"] = Value::Null;
    eni["ipv6_addresses"] = json!(["2600:1f18:1:100::10"]);
    let inv = inventory(&v);
    let x = &analyze(&inv, &Config::default()).exposures[&web()];
    assert_eq!(x.open, ssh());
    assert_eq!(x.reachable[0].family, Family::V6);
    let routes = &mut find(&mut v, "network.route_tables", "rtb-pub")["routes"];
    routes[2] =
        json!({"destination_ipv6_cidr": "::/0", "target_type": "eigw", "target_id": "eigw-1"});
    assert!(open(&v, &web()).is_empty());
}

#[test]
fn a_more_specific_route_or_a_blackhole_wins() {
    let mut v = estate();
    let routes = find(&mut v, "network.route_tables", "rtb-pub")["routes"]
        .as_array_mut()
        .unwrap();
    routes.push(json!({"destination_cidr": "0.0.0.0/1", "target_type": "igw", "target_id": "igw-1", "state": "blackhole"}));
    let inv = inventory(&v);
    let x = &analyze(&inv, &Config::default()).exposures[&web()];
    // Replies to the lower half of the address space go to a blackhole: the upper half
    // reaches it, which is less than half of the internet, so it is not open to the world.
    let v4 = x.reachable.iter().find(|r| r.family == Family::V4).unwrap();
    assert!(!v4.anywhere);
    assert_eq!(v4.sources[0], "128.0.0.0/3");
    assert!(x.open.is_empty());
}

#[test]
fn unknown_prefix_list_is_assumed_to_hold_any_address() {
    let mut v = estate();
    find(&mut v, "network.security_groups", "sg-web")["ingress"] =
        json!([{"protocol": "tcp", "from_port": 22, "to_port": 22, "prefix_list_ids": ["pl-vpn"]}]);
    let inv = inventory(&v);
    let x = &analyze(&inv, &Config::default()).exposures[&web()];
    assert_eq!(x.open, ssh());
    assert!(x.reachable[0].path.contains("pl-vpn not in the data"));
    // Known, it holds one range.
    v["network"]["prefix_lists"] = json!([{"arn": arn("prefix-list", "pl-vpn"), "account_id": ACCT, "region": R, "id": "pl-vpn", "cidrs": ["198.51.100.0/24"]}]);
    let inv = inventory(&v);
    let x = &analyze(&inv, &Config::default()).exposures[&web()];
    assert!(x.open.is_empty());
    assert!(x.reachable.iter().all(|r| r.sources == ["198.51.100.0/24"]));
}

#[test]
fn load_balancer_listeners_and_groups() {
    let mut v = estate();
    v["network"]["load_balancers"] = json!([{
        "arn": "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/net/nlb/1", "account_id": ACCT, "region": R,
        "name": "nlb", "type": "network", "scheme": "internet-facing", "vpc_id": "vpc-1", "subnet_ids": ["subnet-pub"],
        "security_group_ids": [], "listeners": [{"port": 443, "protocol": "TLS"}]}]);
    let lb = "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/net/nlb/1";
    // No security group: the NACL and the listener decide.
    assert_eq!(open(&v, lb), Services::tcp(443, 443));
    v["network"]["load_balancers"][0]["scheme"] = json!("internal");
    assert!(open(&v, lb).is_empty());
}

#[test]
fn missing_nacl_is_a_gap_not_a_pass() {
    let mut v = estate();
    find(&mut v, "network.subnets", "subnet-pub")["network_acl_id"] = Value::Null;
    find(&mut v, "network.network_acls", "acl-pub")["subnet_ids"] = json!([]);
    let inv = inventory(&v);
    let facts = analyze(&inv, &Config::default());
    assert!(!facts.exposures.contains_key(&web()));
    let gap = facts
        .gaps
        .iter()
        .find(|g| g.resource.as_deref() == Some(web().as_str()))
        .unwrap();
    assert_eq!(gap.operation, "DescribeNetworkAcls");
}

#[test]
fn the_gap_blames_the_operation_of_the_undescribed_layer() {
    // No route table: neither associated nor a main table of the VPC.
    let mut v = estate();
    find(&mut v, "network.subnets", "subnet-pub")["route_table_id"] = Value::Null;
    find(&mut v, "network.route_tables", "rtb-pub")["subnet_ids"] = json!([]);
    find(&mut v, "network.route_tables", "rtb-priv")["main"] = json!(false);
    let facts = analyze(&inventory(&v), &Config::default());
    let gap = facts
        .gaps
        .iter()
        .find(|g| g.resource.as_deref() == Some(web().as_str()))
        .unwrap();
    assert_eq!(
        (
            gap.service.as_str(),
            gap.operation.as_str(),
            gap.error.as_str()
        ),
        ("ec2", "DescribeRouteTables", "NotInInput")
    );
    assert_eq!(
        gap.message.as_deref(),
        Some("reachability of i-web not analysed: subnet subnet-pub has no route table in the data (and its VPC no main table)")
    );
    // An interface in a subnet the data does not have at all.
    let mut v = estate();
    find(&mut v, "network.network_interfaces", "eni-web")["subnet_id"] = json!("subnet-gone");
    let facts = analyze(&inventory(&v), &Config::default());
    let gap = facts
        .gaps
        .iter()
        .find(|g| g.resource.as_deref() == Some(web().as_str()))
        .unwrap();
    assert_eq!(gap.operation, "DescribeSubnets");
    assert!(gap
        .message
        .as_deref()
        .unwrap()
        .ends_with("subnet subnet-gone is not in the data"));
}

/// Two VPCs: vpc-1 (10.0.0.0/16) and vpc-2 (10.9.0.0/16) with a CDE database in vpc-2.
fn two_vpcs(link: &str) -> Value {
    let mut v = estate();
    let n = &mut v["network"];
    n["vpcs"].as_array_mut().unwrap().push(json!({"arn": arn("vpc", "vpc-2"), "account_id": ACCT, "region": R, "id": "vpc-2", "cidr_block": "10.9.0.0/16"}));
    n["subnets"].as_array_mut().unwrap().push(json!({"arn": arn("subnet", "subnet-cde"), "account_id": ACCT, "region": R, "id": "subnet-cde", "vpc_id": "vpc-2",
        "cidr_block": "10.9.1.0/24", "route_table_id": "rtb-cde", "network_acl_id": "acl-priv", "tags": {"segment": "cde"}}));
    let target = if link == "peering" {
        ("peering", "pcx-1")
    } else {
        ("tgw", "tgw-1")
    };
    n["route_tables"].as_array_mut().unwrap().push(json!({"arn": arn("route-table", "rtb-cde"), "account_id": ACCT, "region": R, "id": "rtb-cde", "vpc_id": "vpc-2",
        "subnet_ids": ["subnet-cde"], "routes": [
            {"destination_cidr": "10.9.0.0/16", "target_type": "local", "target_id": "local"},
            {"destination_cidr": "10.0.0.0/16", "target_type": target.0, "target_id": target.1}]}));
    let priv_routes = find(&mut v, "network.route_tables", "rtb-priv")["routes"]
        .as_array_mut()
        .unwrap();
    priv_routes.push(
        json!({"destination_cidr": "10.9.0.0/16", "target_type": target.0, "target_id": target.1}),
    );
    let n = &mut v["network"];
    if link == "peering" {
        n["vpc_peering_connections"] = json!([{"arn": arn("vpc-peering-connection", "pcx-1"), "account_id": ACCT, "region": R, "id": "pcx-1",
            "requester_vpc_id": "vpc-1", "requester_account_id": ACCT, "accepter_vpc_id": "vpc-2", "accepter_account_id": ACCT, "status": "active"}]);
    } else {
        n["transit_gateways"] = json!([{"arn": arn("transit-gateway", "tgw-1"), "account_id": ACCT, "region": R, "id": "tgw-1",
            "attachments": [
                {"id": "tgw-attach-1", "resource_type": "vpc", "resource_id": "vpc-1", "route_table_id": "tgw-rtb-1"},
                {"id": "tgw-attach-2", "resource_type": "vpc", "resource_id": "vpc-2", "route_table_id": "tgw-rtb-1"}],
            "route_tables": [{"id": "tgw-rtb-1", "routes": [
                {"destination_cidr": "10.0.0.0/16", "attachment_ids": ["tgw-attach-1"]},
                {"destination_cidr": "10.9.0.0/16", "attachment_ids": ["tgw-attach-2"]}]}]}]);
    }
    n["security_groups"].as_array_mut().unwrap().push(json!({"arn": arn("security-group", "sg-cde"), "account_id": ACCT, "region": R, "id": "sg-cde", "name": "cde",
        "vpc_id": "vpc-2", "ingress": [{"protocol": "tcp", "from_port": 5432, "to_port": 5432, "cidr_blocks": ["10.0.2.0/24"]}]}));
    v["storage"]["rds_instances"] = json!([{"arn": format!("arn:aws:rds:{R}:{ACCT}:db:vault"), "account_id": ACCT, "region": R, "id": "vault", "engine": "postgres",
        "storage_encrypted": true, "publicly_accessible": false, "port": 5432, "vpc_id": "vpc-2", "subnet_ids": ["subnet-cde"], "security_group_ids": ["sg-cde"],
        "tags": {"segment": "cde"}}]);
    v
}

fn segments_config(allow: &str) -> Config {
    Config::parse(&format!(
        "[segments.cde]\nkind = \"cde\"\ntags = {{ segment = \"cde\" }}\n[segments.app]\nsubnets = [\"subnet-priv\"]\n{allow}"
    ))
    .unwrap()
}

#[test]
fn segment_exposed_through_peering_and_transit_gateway() {
    for link in ["peering", "tgw"] {
        let v = two_vpcs(link);
        let inv = inventory(&v);
        let facts = analyze(&inv, &segments_config(""));
        let flow = facts
            .flows
            .iter()
            .find(|f| f.from == "app" && f.to == "cde")
            .unwrap_or_else(|| panic!("{link}: no app -> cde flow in {:?}", facts.flows));
        assert_eq!(flow.disallowed, Services::tcp(5432, 5432), "{link}");
        assert!(
            flow.path
                .contains(if link == "peering" { "pcx-1" } else { "tgw-1" }),
            "{}",
            flow.path
        );
        // Allowed in the config: still a flow, nothing disallowed.
        let facts = analyze(
            &inv,
            &segments_config(
                "[[flows]]\nfrom = \"app\"\nto = \"cde\"\nservices = [\"tcp/5432\"]\n",
            ),
        );
        let flow = facts
            .flows
            .iter()
            .find(|f| f.from == "app" && f.to == "cde")
            .unwrap();
        assert!(flow.disallowed.is_empty());
    }
}

#[test]
fn segment_unreachable_without_a_route_back_or_an_active_link() {
    // No route back from the CDE VPC.
    let mut v = two_vpcs("peering");
    find(&mut v, "network.route_tables", "rtb-cde")["routes"]
        .as_array_mut()
        .unwrap()
        .truncate(1);
    let facts = analyze(&inventory(&v), &segments_config(""));
    assert!(
        !facts.flows.iter().any(|f| f.to == "cde"),
        "{:?}",
        facts.flows
    );
    // Peering not active.
    let mut v = two_vpcs("peering");
    v["network"]["vpc_peering_connections"][0]["status"] = json!("pending-acceptance");
    let facts = analyze(&inventory(&v), &segments_config(""));
    assert!(!facts.flows.iter().any(|f| f.to == "cde"));
    // Transit gateway route table blackholes the CDE range.
    let mut v = two_vpcs("tgw");
    v["network"]["transit_gateways"][0]["route_tables"][0]["routes"][1]["state"] =
        json!("blackhole");
    let facts = analyze(&inventory(&v), &segments_config(""));
    assert!(!facts.flows.iter().any(|f| f.to == "cde"));
}

fn vault() -> String {
    format!("arn:aws:rds:{R}:{ACCT}:db:vault")
}

/// The gaps the analysis records for `resource`.
fn gaps_of<'f>(facts: &'f NetworkFacts, resource: &str) -> Vec<&'f Gap> {
    facts
        .gaps
        .iter()
        .filter(|g| g.resource.as_deref() == Some(resource))
        .collect()
}

#[test]
fn a_segment_flow_the_data_does_not_describe_is_a_gap_not_a_pass() {
    // The source segment's subnet has no network ACL in the data: whether app reaches the
    // vault cannot be told, so the vault gets a gap naming the pair and the subnet.
    let mut v = two_vpcs("peering");
    find(&mut v, "network.subnets", "subnet-priv")["network_acl_id"] = Value::Null;
    find(&mut v, "network.network_acls", "acl-priv")["subnet_ids"] = json!([]);
    let facts = analyze(&inventory(&v), &segments_config(""));
    assert!(
        !facts.flows.iter().any(|f| f.to == "cde"),
        "{:?}",
        facts.flows
    );
    let gaps = gaps_of(&facts, &vault());
    assert_eq!(gaps.len(), 1, "{gaps:?}");
    let gap = gaps[0];
    assert_eq!(
        (
            gap.service.as_str(),
            gap.operation.as_str(),
            gap.error.as_str()
        ),
        ("ec2", "DescribeNetworkAcls", "NotInInput")
    );
    assert_eq!(
        (gap.region.as_str(), gap.account_id.as_deref()),
        (R, Some(ACCT))
    );
    assert_eq!(
        gap.message.as_deref(),
        Some("traffic from segment app to vault (segment cde) not analysed: subnet subnet-priv has no network ACL in the data")
    );
    // The vault's own exposure was judged: the only gap is the flow's.
    assert!(facts.exposures.contains_key(&vault()));

    // The target's subnet without a route table: the flow's gap blames DescribeRouteTables.
    let mut v = two_vpcs("peering");
    find(&mut v, "network.subnets", "subnet-cde")["route_table_id"] = Value::Null;
    find(&mut v, "network.route_tables", "rtb-cde")["subnet_ids"] = json!([]);
    let facts = analyze(&inventory(&v), &segments_config(""));
    let flow_gap = gaps_of(&facts, &vault())
        .into_iter()
        .find(|g| {
            g.message
                .as_deref()
                .unwrap_or("")
                .starts_with("traffic from segment app")
        })
        .unwrap_or_else(|| panic!("no flow gap in {:?}", facts.gaps));
    assert_eq!(flow_gap.operation, "DescribeRouteTables");

    // Described, the same estate has the flow and no gap.
    let facts = analyze(&inventory(&two_vpcs("peering")), &segments_config(""));
    assert!(facts.flows.iter().any(|f| f.from == "app" && f.to == "cde"));
    assert!(facts.gaps.is_empty(), "{:?}", facts.gaps);

    // The vault's groups admit nothing from app: blocked whatever the missing NACL says, so
    // judged, and no gap.
    let mut v = two_vpcs("peering");
    find(&mut v, "network.subnets", "subnet-priv")["network_acl_id"] = Value::Null;
    find(&mut v, "network.network_acls", "acl-priv")["subnet_ids"] = json!([]);
    find(&mut v, "network.security_groups", "sg-cde")["ingress"] = json!([]);
    let facts = analyze(&inventory(&v), &segments_config(""));
    assert!(gaps_of(&facts, &vault()).is_empty(), "{:?}", facts.gaps);
}

#[test]
fn an_undescribed_target_subnet_is_one_gap_per_source_segment() {
    // The vault's subnet has no NACL and its group admits all of vpc-1: neither app nor the
    // public subnets (both in vpc-1, peered with the vault's VPC) can be judged against it;
    // each pair names itself, once.
    let mut v = two_vpcs("peering");
    find(&mut v, "network.subnets", "subnet-cde")["network_acl_id"] = Value::Null;
    find(&mut v, "network.security_groups", "sg-cde")["ingress"] = json!([{"protocol": "tcp", "from_port": 5432, "to_port": 5432, "cidr_blocks": ["10.0.0.0/16"]}]);
    let facts = analyze(&inventory(&v), &segments_config(""));
    let mut flow_gaps: Vec<&str> = gaps_of(&facts, &vault())
        .into_iter()
        .filter_map(|g| g.message.as_deref())
        .filter(|m| m.starts_with("traffic from"))
        .collect();
    flow_gaps.sort();
    assert_eq!(
        flow_gaps,
        [
            "traffic from (public subnets) to vault (segment cde) not analysed: subnet subnet-cde has no network ACL in the data",
            "traffic from segment app to vault (segment cde) not analysed: subnet subnet-cde has no network ACL in the data",
        ]
    );
}

#[test]
fn public_subnets_are_a_source_for_cde_and_phi() {
    let mut v = two_vpcs("peering");
    // Let the public subnet route to the CDE VPC and the CDE group admit it.
    find(&mut v, "network.route_tables", "rtb-pub")["routes"]
        .as_array_mut()
        .unwrap()
        .push(json!({"destination_cidr": "10.9.0.0/16", "target_type": "peering", "target_id": "pcx-1"}));
    find(&mut v, "network.route_tables", "rtb-cde")["routes"][1]["destination_cidr"] =
        json!("10.0.0.0/16");
    find(&mut v, "network.security_groups", "sg-cde")["ingress"] = json!([{"protocol": "tcp", "from_port": 5432, "to_port": 5432, "cidr_blocks": ["10.0.0.0/16"]}]);
    let facts = analyze(&inventory(&v), &segments_config(""));
    let f = facts
        .flows
        .iter()
        .find(|f| f.from == segments::PUBLIC_SUBNETS)
        .unwrap();
    assert_eq!(f.source_name, "i-web");
    assert_eq!(facts.public_subnets, ["subnet-pub"]);
}

#[test]
fn same_subnet_traffic_skips_the_nacl() {
    let mut v = estate();
    // A NACL that denies everything does not stop traffic inside the subnet.
    find(&mut v, "network.network_acls", "acl-priv")["entries"] = json!([]);
    v["network"]["network_interfaces"].as_array_mut().unwrap().push(json!({
        "arn": arn("network-interface", "eni-peer"), "account_id": ACCT, "region": R, "id": "eni-peer", "vpc_id": "vpc-1",
        "subnet_id": "subnet-priv", "private_ips": ["10.0.2.30"], "security_group_ids": ["sg-web"]}));
    let inv = inventory(&v);
    let topo = Topology::build(&inv);
    let eps = endpoints(&topo);
    let app = eps.iter().find(|e| e.name == "i-app").unwrap();
    let peer = eps.iter().find(|e| e.name == "eni-peer").unwrap();
    assert_eq!(
        between(&topo, app, peer, Family::V4)
            .unwrap()
            .unwrap()
            .services,
        ssh()
    );
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn entry(n: u32, egress: bool, allow: bool, proto: u8, lo: u16, span: u16, cidr: u8) -> Value {
        let protocol = ["-1", "6", "17", "1"][proto as usize % 4];
        let cidr = [
            "0.0.0.0/0",
            "0.0.0.0/1",
            "128.0.0.0/2",
            "8.8.0.0/16",
            "54.0.0.0/8",
        ][cidr as usize % 5];
        json!({"rule_number": n, "egress": egress, "protocol": protocol,
               "action": if allow { "allow" } else { "deny" }, "cidr_block": cidr,
               "from_port": lo, "to_port": lo.saturating_add(span)})
    }

    fn arb_entry(egress: bool) -> impl Strategy<Value = Value> {
        (
            1u32..400,
            any::<bool>(),
            0u8..4,
            0u16..2000,
            0u16..40000,
            0u8..5,
        )
            .prop_map(move |(n, a, p, lo, s, c)| entry(n, egress, a, p, lo, s, c))
    }

    fn arb_sg_rule() -> impl Strategy<Value = Value> {
        (0u16..3000, 0u16..3000, 0u8..5).prop_map(|(lo, span, c)| {
            let cidr = ["0.0.0.0/0", "0.0.0.0/1", "8.8.0.0/16", "54.0.0.0/8", "10.0.0.0/8"][c as usize % 5];
            json!({"protocol": "tcp", "from_port": lo, "to_port": lo.saturating_add(span), "cidr_blocks": [cidr]})
        })
    }

    /// The estate with the public NACL and sg-web replaced.
    fn with(nacl: &[Value], sg: &[Value]) -> Value {
        let mut v = estate();
        find(&mut v, "network.network_acls", "acl-pub")["entries"] = json!(nacl);
        find(&mut v, "network.security_groups", "sg-web")["ingress"] = json!(sg);
        v
    }

    /// What the internet reaches at a few sample source addresses.
    fn samples(v: &Value) -> Vec<Services> {
        let inv = inventory(v);
        let topo = Topology::build(&inv);
        let eps = endpoints(&topo);
        let web = eps.iter().find(|e| e.name == "i-web").unwrap();
        ["8.8.8.8", "8.8.200.1", "54.1.2.3", "130.1.1.1", "200.1.1.1"]
            .iter()
            .map(|a| {
                let a = addr(a).unwrap().value;
                match from_internet(&topo, web, Family::V4, a).unwrap() {
                    Ok(adms) => adms
                        .iter()
                        .fold(Services::default(), |s, x| s.union(&x.services)),
                    Err(_) => Services::default(),
                }
            })
            .collect()
    }

    fn subset(a: &[Services], b: &[Services]) -> bool {
        a.iter().zip(b).all(|(x, y)| x.subtract(y).is_empty())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        #[test]
        fn adding_an_allow_never_shrinks(
            ins in proptest::collection::vec(arb_entry(false), 0..6),
            outs in proptest::collection::vec(arb_entry(true), 0..4),
            sg in proptest::collection::vec(arb_sg_rule(), 0..4),
            extra in arb_entry(false),
            extra_out in arb_entry(true),
            extra_sg in arb_sg_rule(),
        ) {
            let nacl: Vec<Value> = ins.iter().chain(&outs).cloned().collect();
            let before = samples(&with(&nacl, &sg));
            let mut allow = extra.clone();
            allow["action"] = json!("allow");
            let mut allow_out = extra_out.clone();
            allow_out["action"] = json!("allow");
            for (n, s) in [
                ([nacl.clone(), vec![allow]].concat(), sg.clone()),
                ([nacl.clone(), vec![allow_out]].concat(), sg.clone()),
                (nacl.clone(), [sg.clone(), vec![extra_sg.clone()]].concat()),
            ] {
                let after = samples(&with(&n, &s));
                prop_assert!(subset(&before, &after), "{before:?} -> {after:?}");
            }
        }

        #[test]
        fn adding_a_deny_never_grows(
            ins in proptest::collection::vec(arb_entry(false), 0..6),
            outs in proptest::collection::vec(arb_entry(true), 0..4),
            sg in proptest::collection::vec(arb_sg_rule(), 0..4),
            extra in arb_entry(false),
            extra_out in arb_entry(true),
        ) {
            let nacl: Vec<Value> = ins.iter().chain(&outs).cloned().collect();
            let before = samples(&with(&nacl, &sg));
            for mut deny in [extra.clone(), extra_out.clone()] {
                deny["action"] = json!("deny");
                let after = samples(&with(&[nacl.clone(), vec![deny]].concat(), &sg));
                prop_assert!(subset(&after, &before), "{before:?} -> {after:?}");
            }
        }
    }
}

#[test]
fn exposure_over_many_endpoints_matches_one_at_a_time() {
    // The cache shares answers between endpoints of one class; it must not change them.
    let v = estate();
    let inv = inventory(&v);
    let topo = Topology::build(&inv);
    let eps = endpoints(&topo);
    let mut shared = Cache::default();
    for e in &eps {
        let a = expose(&topo, &mut shared, &[e]).unwrap();
        let b = expose(&topo, &mut Cache::default(), &[e]).unwrap();
        assert_eq!(a, b);
    }
}

#[test]
fn a_rule_for_one_address_inside_a_subnet_tells_its_interfaces_apart() {
    // Two app interfaces in one subnet with the same group; the CDE group admits only one of
    // them (10.0.2.20/32). Grouping interfaces by subnet must not merge them.
    let mut v = two_vpcs("peering");
    v["network"]["network_interfaces"]
        .as_array_mut()
        .unwrap()
        .push(json!({"arn": arn("network-interface", "eni-app2"), "account_id": ACCT, "region": R, "id": "eni-app2",
            "vpc_id": "vpc-1", "subnet_id": "subnet-priv", "private_ips": ["10.0.2.21"], "security_group_ids": ["sg-app"]}));
    find(&mut v, "network.security_groups", "sg-cde")["ingress"] = json!([{"protocol": "tcp", "from_port": 5432, "to_port": 5432, "cidr_blocks": ["10.0.2.21/32"]}]);
    let facts = analyze(&inventory(&v), &segments_config(""));
    let flow = facts
        .flows
        .iter()
        .find(|f| f.from == "app" && f.to == "cde")
        .expect("eni-app2 reaches the vault");
    assert_eq!(flow.source_name, "eni-app2");
    // And with the rule for the other address, only i-app does.
    find(&mut v, "network.security_groups", "sg-cde")["ingress"] = json!([{"protocol": "tcp", "from_port": 5432, "to_port": 5432, "cidr_blocks": ["10.0.2.20/32"]}]);
    let facts = analyze(&inventory(&v), &segments_config(""));
    let flow = facts
        .flows
        .iter()
        .find(|f| f.from == "app" && f.to == "cde")
        .unwrap();
    assert_eq!(flow.source_name, "i-app");
}

#[test]
fn interfaces_of_one_subnet_with_and_without_ipv6_are_judged_apart() {
    // Two sources in one subnet: the first has IPv4 only, the second IPv6 too. The vault
    // admits SSH over IPv6 only. Judging the subnet pair once must not lose the second.
    let mut v = two_vpcs("peering");
    find(&mut v, "network.subnets", "subnet-cde")["ipv6_cidr_blocks"] =
        json!(["2600:1f18:9:100::/64"]);
    find(&mut v, "network.subnets", "subnet-priv")["ipv6_cidr_blocks"] =
        json!(["2600:1f18:1:200::/64"]);
    find(&mut v, "network.route_tables", "rtb-priv")["routes"]
        .as_array_mut()
        .unwrap()
        .push(json!({"destination_ipv6_cidr": "2600:1f18:9:100::/64", "target_type": "peering", "target_id": "pcx-1"}));
    find(&mut v, "network.route_tables", "rtb-cde")["routes"]
        .as_array_mut()
        .unwrap()
        .push(json!({"destination_ipv6_cidr": "2600:1f18:1:200::/64", "target_type": "peering", "target_id": "pcx-1"}));
    v["network"]["network_interfaces"].as_array_mut().unwrap().push(json!({
        "arn": arn("network-interface", "eni-v6"), "account_id": ACCT, "region": R, "id": "eni-v6", "vpc_id": "vpc-1",
        "subnet_id": "subnet-priv", "private_ips": ["10.0.2.40"], "ipv6_addresses": ["2600:1f18:1:200::40"],
        "security_group_ids": ["sg-app"]}));
    v["network"]["network_interfaces"].as_array_mut().unwrap().push(json!({
        "arn": arn("network-interface", "eni-vault"), "account_id": ACCT, "region": R, "id": "eni-vault", "vpc_id": "vpc-2",
        "subnet_id": "subnet-cde", "private_ips": ["10.9.1.50"], "ipv6_addresses": ["2600:1f18:9:100::50"],
        "security_group_ids": ["sg-cde"], "attachment_kind": "rds", "attached_to": "vault"}));
    find(&mut v, "network.security_groups", "sg-cde")["ingress"] = json!([{"protocol": "tcp", "from_port": 5432, "to_port": 5432, "ipv6_cidr_blocks": ["2600:1f18:1:200::/64"]}]);
    find(&mut v, "network.security_groups", "sg-app")["egress"] =
        json!([{"protocol": "-1", "cidr_blocks": ["0.0.0.0/0"], "ipv6_cidr_blocks": ["::/0"]}]);
    let facts = analyze(&inventory(&v), &segments_config(""));
    let flow = facts
        .flows
        .iter()
        .find(|f| f.from == "app" && f.to == "cde")
        .unwrap_or_else(|| panic!("no IPv6 flow: {:?}", facts.flows));
    assert_eq!(flow.source_name, "eni-v6");
    assert_eq!(flow.services, Services::tcp(5432, 5432));
}

/// A small estate from the benchmark's generator (peering, transit gateways with blackholes,
/// NACLs with denies and narrow reply rules, group references, prefix lists, IPv6), and its
/// segments.
fn generated_estate() -> (Inventory, Config) {
    let dir = tempfile::tempdir().unwrap();
    let (snap, conf) = (dir.path().join("s.json"), dir.path().join("p.toml"));
    let generator = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/benchmarks/network/gen_estate.py"
    );
    let status = std::process::Command::new("python3")
        .args([
            generator,
            "--interfaces",
            "300",
            "--security-groups",
            "120",
            "--vpcs",
            "6",
        ])
        .args(["--seed", "7", "--indent", "0", "-o"])
        .arg(&snap)
        .arg("--config-out")
        .arg(&conf)
        .stdout(std::process::Stdio::null())
        .status()
        .expect("python3 runs the estate generator");
    assert!(status.success());
    let inv = crate::inventory::load_snapshot(&snap).unwrap();
    let config = Config::load(&conf).unwrap();
    (inv, config)
}

/// Every flow that the missing NACLs of a quarter of the subnets hide or change is a gap for
/// its (source segment, target): none disappears silently.
#[test]
fn flows_the_data_hides_are_gaps() {
    use super::segment_flows::flows;
    use super::segments::membership;
    use std::collections::{BTreeMap, BTreeSet};
    let (full, config) = generated_estate();
    let mut holes = full.clone();
    let mut ids: Vec<String> = holes.network.subnets.iter().map(|s| s.id.clone()).collect();
    ids.sort();
    let dropped: BTreeSet<String> = ids.into_iter().step_by(4).collect();
    for s in &mut holes.network.subnets {
        if dropped.contains(&s.id) {
            s.network_acl_id = None;
        }
    }
    for acl in &mut holes.network.network_acls {
        acl.subnet_ids.retain(|s| !dropped.contains(s));
    }
    let judged = |inv: &Inventory| {
        let topo = Topology::build(inv);
        let eps = endpoints(&topo);
        let m = membership(&topo, &config, &eps);
        let (found, unjudged) = flows(&topo, &config, &eps, &m);
        let found: BTreeMap<(String, String, String), (Services, Services)> = found
            .into_iter()
            .map(|f| ((f.from, f.to, f.target), (f.services, f.disallowed)))
            .collect();
        let unjudged: BTreeSet<(String, String, String)> = unjudged
            .into_iter()
            .map(|u| (u.from, u.to, eps[u.target].resource.to_string()))
            .collect();
        (found, unjudged)
    };
    let (want, none) = judged(&full);
    assert!(none.is_empty(), "{none:?}");
    let (got, unjudged) = judged(&holes);
    let hidden: Vec<_> = want
        .iter()
        .filter(|(k, w)| got.get(*k) != Some(*w))
        .map(|(k, _)| k)
        .collect();
    assert!(
        hidden.len() > 10,
        "too few hidden flows to tell: {}",
        hidden.len()
    );
    let silent: Vec<_> = hidden
        .iter()
        .filter(|k| !unjudged.contains(**k))
        .take(5)
        .collect();
    assert!(silent.is_empty(), "hidden without a gap: {silent:?}");
    // Missing data only ever hides flows; it never invents one.
    assert!(got.keys().all(|k| want.contains_key(k)));
}

/// The class-based segment analysis against every pair of interfaces judged on its own, on an
/// estate from the benchmark's generator (peering, transit gateways with blackholes, NACLs with
/// denies and narrow reply rules, group references, prefix lists, IPv6).
#[test]
fn segment_flows_equal_judging_every_pair() {
    use super::flow::{services_between, Layers};
    use super::segments::{membership, PUBLIC_SUBNETS};
    use std::collections::BTreeMap;
    let (inv, config) = generated_estate();
    let facts = analyze(&inv, &config);
    let got: BTreeMap<(String, String, String), (Services, Services)> = facts
        .flows
        .iter()
        .map(|f| {
            (
                (f.from.clone(), f.to.clone(), f.target.clone()),
                (f.services.clone(), f.disallowed.clone()),
            )
        })
        .collect();

    let topo = Topology::build(&inv);
    let eps = endpoints(&topo);
    let m = membership(&topo, &config, &eps);
    let public = &m.public_subnets;
    let mut sources: Vec<(String, Vec<usize>)> = m
        .endpoints
        .iter()
        .map(|(n, i)| (n.clone(), i.clone()))
        .collect();
    let public_eps = (0..eps.len())
        .filter(|&i| public.contains(eps[i].subnet))
        .collect();
    sources.push((PUBLIC_SUBNETS.to_string(), public_eps));
    let segs_of = |i: usize| -> Vec<&str> {
        m.endpoints
            .iter()
            .filter(|(_, idx)| idx.contains(&i))
            .map(|(n, _)| n.as_str())
            .collect()
    };
    let mut want: BTreeMap<(String, String, String), (Services, Services)> = BTreeMap::new();
    for (to, to_idx) in &m.endpoints {
        let kind = m.segments[to].kind;
        for (from, from_idx) in &sources {
            if from == to
                || (from == PUBLIC_SUBNETS
                    && !matches!(
                        kind,
                        crate::config::SegmentKind::Cde | crate::config::SegmentKind::Phi
                    ))
            {
                continue;
            }
            for &d in to_idx {
                for &s in from_idx {
                    if to_idx.contains(&s) || eps[s].resource == eps[d].resource {
                        continue;
                    }
                    let mut services = Services::default();
                    for family in [Family::V4, Family::V6] {
                        services = services.union(
                            &services_between(&topo, &eps[s], &eps[d], family, Layers::All)
                                .unwrap(),
                        );
                    }
                    if services.is_empty() {
                        continue;
                    }
                    let allowed = segs_of(s)
                        .into_iter()
                        .chain([from.as_str()])
                        .map(|seg| config.allowed(seg, to))
                        .fold(Services::default(), |a, b| a.union(&b));
                    let e = want
                        .entry((from.clone(), to.clone(), eps[d].resource.to_string()))
                        .or_default();
                    e.1 = e.1.union(&services.subtract(&allowed));
                    e.0 = e.0.union(&services);
                }
            }
        }
    }
    assert!(
        want.len() > 50,
        "the estate has too few flows to tell: {}",
        want.len()
    );
    let missing: Vec<_> = want
        .keys()
        .filter(|k| !got.contains_key(*k))
        .take(5)
        .collect();
    let extra: Vec<_> = got
        .keys()
        .filter(|k| !want.contains_key(*k))
        .take(5)
        .collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing {missing:?}, extra {extra:?}"
    );
    for (k, w) in &want {
        assert_eq!(&got[k], w, "{k:?}");
    }
}
