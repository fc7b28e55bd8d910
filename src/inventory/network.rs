//! Network: VPCs and everything that decides what can reach what.

use super::tags::Tags;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct Network {
    #[serde(default)]
    pub vpcs: Vec<Vpc>,
    #[serde(default)]
    pub subnets: Vec<Subnet>,
    #[serde(default)]
    pub route_tables: Vec<RouteTable>,
    #[serde(default)]
    pub internet_gateways: Vec<Gateway>,
    #[serde(default)]
    pub egress_only_internet_gateways: Vec<Gateway>,
    #[serde(default)]
    pub nat_gateways: Vec<NatGateway>,
    #[serde(default)]
    pub network_acls: Vec<NetworkAcl>,
    #[serde(default)]
    pub security_groups: Vec<SecurityGroup>,
    #[serde(default)]
    pub network_interfaces: Vec<NetworkInterface>,
    #[serde(default)]
    pub instances: Vec<Instance>,
    #[serde(default)]
    pub vpc_peering_connections: Vec<VpcPeering>,
    #[serde(default)]
    pub vpc_endpoints: Vec<VpcEndpoint>,
    #[serde(default)]
    pub flow_logs: Vec<FlowLog>,
    /// Elastic Load Balancing v2: application, network and gateway load balancers.
    #[serde(default)]
    pub load_balancers: Vec<LoadBalancer>,
    #[serde(default)]
    pub transit_gateways: Vec<TransitGateway>,
    /// Managed prefix lists, for security group rules and routes that name one.
    #[serde(default)]
    pub prefix_lists: Vec<PrefixList>,
    /// Per account and region: EC2 serial console access, `enabled` or `disabled`.
    #[serde(default)]
    pub serial_console_access: Vec<super::storage::RegionalSetting>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Vpc {
    pub arn: String,
    pub account_id: String,
    pub region: String,
    pub id: String,
    pub cidr_block: String,
    #[serde(default)]
    pub ipv6_cidr_blocks: Vec<String>,
    #[serde(default)]
    pub is_default: bool,
    #[serde(default)]
    pub tags: Tags,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Subnet {
    pub arn: String,
    pub account_id: String,
    pub region: String,
    pub id: String,
    pub vpc_id: String,
    pub cidr_block: String,
    #[serde(default)]
    pub ipv6_cidr_blocks: Vec<String>,
    #[serde(default)]
    pub availability_zone: Option<String>,
    #[serde(default)]
    pub map_public_ip_on_launch: bool,
    /// Explicitly associated route table; `None` means the VPC's main table applies.
    #[serde(default)]
    pub route_table_id: Option<String>,
    /// Every subnet is associated with exactly one NACL.
    #[serde(default)]
    pub network_acl_id: Option<String>,
    #[serde(default)]
    pub tags: Tags,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RouteTable {
    pub arn: String,
    pub account_id: String,
    pub region: String,
    pub id: String,
    pub vpc_id: String,
    #[serde(default)]
    pub main: bool,
    #[serde(default)]
    pub subnet_ids: Vec<String>,
    #[serde(default)]
    pub routes: Vec<Route>,
    #[serde(default)]
    pub tags: Tags,
}

/// A route: one destination, one target. Exactly one of the destinations is set.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct Route {
    #[serde(default)]
    pub destination_cidr: Option<String>,
    #[serde(default)]
    pub destination_ipv6_cidr: Option<String>,
    #[serde(default)]
    pub destination_prefix_list_id: Option<String>,
    /// `igw`, `eigw`, `nat`, `peering`, `tgw`, `endpoint`, `eni`, `instance`, `local`, `other`.
    pub target_type: String,
    /// The gateway, peering connection, NAT or interface id (`local` for the VPC route).
    pub target_id: String,
    /// `active` or `blackhole`.
    #[serde(default = "active")]
    pub state: String,
}

fn active() -> String {
    "active".to_string()
}

/// An internet gateway or egress-only internet gateway.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Gateway {
    pub arn: String,
    pub account_id: String,
    pub region: String,
    pub id: String,
    #[serde(default)]
    pub vpc_ids: Vec<String>,
    #[serde(default)]
    pub tags: Tags,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct NatGateway {
    pub arn: String,
    pub account_id: String,
    pub region: String,
    pub id: String,
    pub vpc_id: String,
    pub subnet_id: String,
    #[serde(default)]
    pub public_ip: Option<String>,
    #[serde(default)]
    pub state: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct NetworkAcl {
    pub arn: String,
    pub account_id: String,
    pub region: String,
    pub id: String,
    pub vpc_id: String,
    #[serde(default)]
    pub is_default: bool,
    #[serde(default)]
    pub subnet_ids: Vec<String>,
    /// Entries in both directions; evaluate per direction in ascending `rule_number`.
    #[serde(default)]
    pub entries: Vec<NaclEntry>,
    #[serde(default)]
    pub tags: Tags,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct NaclEntry {
    pub rule_number: u32,
    /// `true` for outbound entries.
    pub egress: bool,
    /// IANA protocol number as a string, `-1` for all.
    pub protocol: String,
    /// `allow` or `deny`.
    pub action: String,
    #[serde(default)]
    pub cidr_block: Option<String>,
    #[serde(default)]
    pub ipv6_cidr_block: Option<String>,
    /// Inclusive port range; `None` means all ports.
    #[serde(default)]
    pub from_port: Option<u16>,
    #[serde(default)]
    pub to_port: Option<u16>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SecurityGroup {
    pub arn: String,
    pub account_id: String,
    pub region: String,
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    pub vpc_id: String,
    #[serde(default)]
    pub ingress: Vec<SgRule>,
    #[serde(default)]
    pub egress: Vec<SgRule>,
    #[serde(default)]
    pub tags: Tags,
}

/// One permission of a security group: a protocol and port range, and who it admits.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SgRule {
    /// `tcp`, `udp`, `icmp`, `icmpv6`, a protocol number, or `-1` for all traffic.
    pub protocol: String,
    /// Inclusive; `None` with protocol `-1` means all ports.
    #[serde(default)]
    pub from_port: Option<i32>,
    #[serde(default)]
    pub to_port: Option<i32>,
    #[serde(default)]
    pub cidr_blocks: Vec<String>,
    #[serde(default)]
    pub ipv6_cidr_blocks: Vec<String>,
    #[serde(default)]
    pub prefix_list_ids: Vec<String>,
    /// Referenced security groups (`sg-...`, or `account/sg-...` across accounts).
    #[serde(default)]
    pub security_group_ids: Vec<String>,
    #[serde(default)]
    pub description: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct NetworkInterface {
    pub arn: String,
    pub account_id: String,
    pub region: String,
    pub id: String,
    pub vpc_id: String,
    pub subnet_id: String,
    #[serde(default)]
    pub private_ips: Vec<String>,
    #[serde(default)]
    pub ipv6_addresses: Vec<String>,
    /// Public or Elastic IP associated with the interface.
    #[serde(default)]
    pub public_ip: Option<String>,
    #[serde(default)]
    pub security_group_ids: Vec<String>,
    /// What the interface belongs to: `instance`, `rds`, `lambda`, `load_balancer`, `nat_gateway`, ...
    #[serde(default)]
    pub attachment_kind: Option<String>,
    /// Instance id or other owner id, where known.
    #[serde(default)]
    pub attached_to: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Instance {
    pub arn: String,
    pub account_id: String,
    pub region: String,
    pub id: String,
    #[serde(default)]
    pub vpc_id: Option<String>,
    #[serde(default)]
    pub subnet_id: Option<String>,
    /// `running`, `stopped`, ...
    pub state: String,
    #[serde(default)]
    pub instance_type: Option<String>,
    #[serde(default)]
    pub image_id: Option<String>,
    #[serde(default)]
    pub private_ip: Option<String>,
    #[serde(default)]
    pub public_ip: Option<String>,
    #[serde(default)]
    pub network_interface_ids: Vec<String>,
    #[serde(default)]
    pub security_group_ids: Vec<String>,
    /// Instance profile ARN.
    #[serde(default)]
    pub iam_instance_profile: Option<String>,
    /// Whether EC2 drops traffic the instance sends or receives for addresses that are not
    /// its own (off only on NAT, firewall and routing appliances). `null` when unread, and in
    /// snapshots before 1.10: not judged.
    #[serde(default)]
    pub source_dest_check: Option<bool>,
    pub metadata_options: MetadataOptions,
    #[serde(default)]
    pub tags: Tags,
}

/// Instance metadata service settings.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct MetadataOptions {
    /// `required` (IMDSv2 only) or `optional` (IMDSv1 allowed).
    pub http_tokens: String,
    /// `enabled` or `disabled`.
    #[serde(default = "enabled")]
    pub http_endpoint: String,
    #[serde(default)]
    pub http_put_response_hop_limit: Option<u32>,
}

fn enabled() -> String {
    "enabled".to_string()
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct VpcPeering {
    pub arn: String,
    pub account_id: String,
    pub region: String,
    pub id: String,
    pub requester_vpc_id: String,
    pub requester_account_id: String,
    #[serde(default)]
    pub requester_cidr_blocks: Vec<String>,
    pub accepter_vpc_id: String,
    pub accepter_account_id: String,
    #[serde(default)]
    pub accepter_cidr_blocks: Vec<String>,
    /// `active`, `pending-acceptance`, `deleted`, ...
    pub status: String,
    #[serde(default)]
    pub tags: Tags,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct VpcEndpoint {
    pub arn: String,
    pub account_id: String,
    pub region: String,
    pub id: String,
    pub vpc_id: String,
    pub service_name: String,
    /// `Gateway` or `Interface` (or `GatewayLoadBalancer`).
    pub endpoint_type: String,
    #[serde(default)]
    pub policy: Option<serde_json::Value>,
    #[serde(default)]
    pub route_table_ids: Vec<String>,
    #[serde(default)]
    pub subnet_ids: Vec<String>,
    #[serde(default)]
    pub security_group_ids: Vec<String>,
    #[serde(default)]
    pub private_dns_enabled: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct FlowLog {
    pub arn: String,
    pub account_id: String,
    pub region: String,
    pub id: String,
    /// The VPC, subnet or interface the log is attached to.
    pub resource_id: String,
    /// `ACCEPT`, `REJECT` or `ALL`.
    pub traffic_type: String,
    #[serde(default)]
    pub log_destination_type: Option<String>,
    #[serde(default)]
    pub log_destination: Option<String>,
    /// `ACTIVE` when delivering.
    #[serde(default)]
    pub status: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct LoadBalancer {
    pub arn: String,
    pub account_id: String,
    pub region: String,
    pub name: String,
    /// `application`, `network` or `gateway`.
    #[serde(rename = "type")]
    pub lb_type: String,
    /// `internet-facing` or `internal`.
    pub scheme: String,
    pub vpc_id: String,
    #[serde(default)]
    pub subnet_ids: Vec<String>,
    /// Empty for a network load balancer created without security groups.
    #[serde(default)]
    pub security_group_ids: Vec<String>,
    /// `ipv4`, `dualstack` or `dualstack-without-public-ipv4`.
    #[serde(default)]
    pub ip_address_type: Option<String>,
    #[serde(default)]
    pub dns_name: Option<String>,
    #[serde(default)]
    pub listeners: Vec<Listener>,
    /// The attributes as `DescribeLoadBalancerAttributes` answered them, by key
    /// (`deletion_protection.enabled` → `"true"`); `null` when unread (a gap says why) or in
    /// snapshots before 1.6. A key AWS did not return is absent, not assumed.
    #[serde(default)]
    pub attributes: Option<BTreeMap<String, String>>,
    /// Application load balancers: the AWS WAF web ACL associated with it (`arn` `null` for
    /// none); `null` when unread (a gap says why), for other types, or before 1.8.
    #[serde(default)]
    pub web_acl: Option<WebAclAssociation>,
    #[serde(default)]
    pub tags: Tags,
}

/// The web ACL protecting a resource, as `GetWebACLForResource` answered.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct WebAclAssociation {
    #[serde(default)]
    pub arn: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Listener {
    pub port: u16,
    /// `HTTP`, `HTTPS`, `TCP`, `TLS`, `UDP`, `TCP_UDP`, `GENEVE`.
    pub protocol: String,
    /// HTTPS and TLS listeners: the name of the security policy that negotiates TLS.
    #[serde(default)]
    pub ssl_policy: Option<String>,
    /// The TLS versions that security policy accepts (`TLSv1.2`, as `DescribeSSLPolicies`
    /// names them); `null` for other protocols, when unread (a gap says why), or before 1.6.
    #[serde(default)]
    pub ssl_protocols: Option<Vec<String>>,
    /// What the listener does with a request no rule matched; `null` before 1.6.
    #[serde(default)]
    pub default_actions: Option<Vec<ListenerAction>>,
}

/// One default action of a listener.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ListenerAction {
    /// `forward`, `redirect`, `fixed-response`, `authenticate-oidc`, `authenticate-cognito`.
    #[serde(rename = "type")]
    pub action_type: String,
    /// For a redirect: the protocol it sends the client to (`HTTPS`, `HTTP`, or `#{protocol}`,
    /// which keeps the request's own).
    #[serde(default)]
    pub redirect_protocol: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TransitGateway {
    pub arn: String,
    pub account_id: String,
    pub region: String,
    pub id: String,
    #[serde(default)]
    pub attachments: Vec<TgwAttachment>,
    #[serde(default)]
    pub route_tables: Vec<TgwRouteTable>,
    #[serde(default)]
    pub tags: Tags,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TgwAttachment {
    pub id: String,
    /// `vpc`, `vpn`, `peering`, `direct-connect-gateway`, `connect`.
    pub resource_type: String,
    /// The VPC id for a `vpc` attachment.
    #[serde(default)]
    pub resource_id: Option<String>,
    #[serde(default)]
    pub resource_account_id: Option<String>,
    /// The transit gateway route table the attachment is associated with.
    #[serde(default)]
    pub route_table_id: Option<String>,
    /// `available` when it carries traffic.
    #[serde(default = "available")]
    pub state: String,
}

fn available() -> String {
    "available".to_string()
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TgwRouteTable {
    pub id: String,
    #[serde(default)]
    pub routes: Vec<TgwRoute>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TgwRoute {
    pub destination_cidr: String,
    /// Empty for a blackhole route.
    #[serde(default)]
    pub attachment_ids: Vec<String>,
    /// `active` or `blackhole`.
    #[serde(default = "active")]
    pub state: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PrefixList {
    pub arn: String,
    pub account_id: String,
    pub region: String,
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub cidrs: Vec<String>,
}
