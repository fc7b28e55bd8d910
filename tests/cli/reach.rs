//! Reachability on moto: one VPC per scenario, each a copy of a reachable baseline with exactly
//! one blocking layer added. Collected by the real collector, analysed by `palisade network
//! analyze` and `palisade reach`; expectations computed by hand.

use crate::common::{json, palisade, run};
use crate::moto::{account_env, sdk, start, Moto};
use aws_config::SdkConfig;
use aws_sdk_ec2::types::*;
use std::collections::BTreeMap;

/// What a scenario changes from the baseline.
#[derive(Clone, Copy, PartialEq)]
enum Block {
    None,
    NoGatewayRoute,
    NoPublicIp,
    NaclDenyFirst,
    NaclDenyAfter,
    NaclEgressDropsReplies,
    GroupReference,
}

const SCENARIOS: [(&str, Block); 7] = [
    ("baseline", Block::None),
    ("no-gateway-route", Block::NoGatewayRoute),
    ("no-public-ip", Block::NoPublicIp),
    ("nacl-deny-first", Block::NaclDenyFirst),
    ("nacl-deny-after", Block::NaclDenyAfter),
    ("nacl-egress-drops-replies", Block::NaclEgressDropsReplies),
    ("group-reference", Block::GroupReference),
];

fn entry(
    ec2: &aws_sdk_ec2::Client,
    acl: &str,
    n: i32,
    egress: bool,
    allow: bool,
    protocol: &str,
    ports: Option<(i32, i32)>,
) -> aws_sdk_ec2::operation::create_network_acl_entry::builders::CreateNetworkAclEntryFluentBuilder
{
    let mut b = ec2
        .create_network_acl_entry()
        .network_acl_id(acl)
        .rule_number(n)
        .egress(egress)
        .protocol(protocol)
        .rule_action(if allow {
            RuleAction::Allow
        } else {
            RuleAction::Deny
        })
        .cidr_block("0.0.0.0/0");
    if let Some((from, to)) = ports {
        b = b.port_range(PortRange::builder().from(from).to(to).build());
    }
    b
}

/// A VPC with an internet gateway attached: (VPC id, gateway id).
async fn vpc_with_gateway(ec2: &aws_sdk_ec2::Client, cidr: &str) -> (String, String) {
    let vpc = ec2.create_vpc().cidr_block(cidr).send().await.unwrap();
    let vpc = vpc.vpc().unwrap().vpc_id().unwrap().to_string();
    let igw = ec2.create_internet_gateway().send().await.unwrap();
    let igw = igw
        .internet_gateway()
        .unwrap()
        .internet_gateway_id()
        .unwrap()
        .to_string();
    ec2.attach_internet_gateway()
        .internet_gateway_id(&igw)
        .vpc_id(&vpc)
        .send()
        .await
        .unwrap();
    (vpc, igw)
}

/// A route table for `subnets`, with a default route to the internet gateway `igw` if given.
async fn route_table(ec2: &aws_sdk_ec2::Client, vpc: &str, subnets: &[String], igw: Option<&str>) {
    let rt = ec2.create_route_table().vpc_id(vpc).send().await.unwrap();
    let rt = rt
        .route_table()
        .unwrap()
        .route_table_id()
        .unwrap()
        .to_string();
    for subnet in subnets {
        ec2.associate_route_table()
            .route_table_id(&rt)
            .subnet_id(subnet)
            .send()
            .await
            .unwrap();
    }
    if let Some(igw) = igw {
        ec2.create_route()
            .route_table_id(&rt)
            .destination_cidr_block("0.0.0.0/0")
            .gateway_id(igw)
            .send()
            .await
            .unwrap();
    }
}

/// One scenario's VPC: a copy of the baseline with `block` added; returns the instance id.
async fn scenario(ec2: &aws_sdk_ec2::Client, n: u8, block: Block) -> String {
    let (vpc, igw) = vpc_with_gateway(ec2, &format!("10.{n}.0.0/16")).await;
    let subnet = ec2
        .create_subnet()
        .vpc_id(&vpc)
        .cidr_block(format!("10.{n}.1.0/24"))
        .availability_zone("us-east-1a")
        .send()
        .await
        .unwrap();
    let subnet = subnet.subnet().unwrap().subnet_id().unwrap().to_string();
    route_table(
        ec2,
        &vpc,
        std::slice::from_ref(&subnet),
        (block != Block::NoGatewayRoute).then_some(igw.as_str()),
    )
    .await;
    // A NACL of our own: inbound all (maybe after a deny of SSH), outbound all or HTTPS only.
    let acl = ec2.create_network_acl().vpc_id(&vpc).send().await.unwrap();
    let acl = acl
        .network_acl()
        .unwrap()
        .network_acl_id()
        .unwrap()
        .to_string();
    match block {
        Block::NaclDenyFirst => entry(ec2, &acl, 90, false, false, "6", Some((22, 22))),
        Block::NaclDenyAfter => entry(ec2, &acl, 110, false, false, "6", Some((22, 22))),
        _ => entry(ec2, &acl, 120, false, true, "6", Some((443, 443))),
    }
    .send()
    .await
    .unwrap();
    entry(ec2, &acl, 100, false, true, "-1", None)
        .send()
        .await
        .unwrap();
    if block == Block::NaclEgressDropsReplies {
        entry(ec2, &acl, 100, true, true, "6", Some((443, 443)))
    } else {
        entry(ec2, &acl, 100, true, true, "-1", None)
    }
    .send()
    .await
    .unwrap();
    let current = ec2
        .describe_network_acls()
        .filters(
            Filter::builder()
                .name("association.subnet-id")
                .values(&subnet)
                .build(),
        )
        .send()
        .await
        .unwrap();
    let association = current.network_acls()[0]
        .associations()
        .iter()
        .find(|a| a.subnet_id() == Some(subnet.as_str()))
        .and_then(|a| a.network_acl_association_id())
        .unwrap()
        .to_string();
    ec2.replace_network_acl_association()
        .association_id(association)
        .network_acl_id(&acl)
        .send()
        .await
        .unwrap();
    let group = |name: String| {
        let vpc = vpc.clone();
        async move {
            ec2.create_security_group()
                .group_name(name.clone())
                .description(name)
                .vpc_id(vpc)
                .send()
                .await
                .unwrap()
                .group_id()
                .unwrap()
                .to_string()
        }
    };
    let sg = group(format!("ssh-{n}")).await;
    let ssh = IpPermission::builder()
        .ip_protocol("tcp")
        .from_port(22)
        .to_port(22);
    let ssh = if block == Block::GroupReference {
        let bastion = group(format!("bastion-{n}")).await;
        ssh.user_id_group_pairs(UserIdGroupPair::builder().group_id(bastion).build())
    } else {
        ssh.ip_ranges(IpRange::builder().cidr_ip("0.0.0.0/0").build())
    };
    ec2.authorize_security_group_ingress()
        .group_id(&sg)
        .ip_permissions(ssh.build())
        .send()
        .await
        .unwrap();
    let interface = InstanceNetworkInterfaceSpecification::builder()
        .device_index(0)
        .subnet_id(&subnet)
        .groups(&sg)
        .associate_public_ip_address(block != Block::NoPublicIp)
        .build();
    let run = ec2
        .run_instances()
        .image_id("ami-0123456789abcdef0")
        .instance_type(InstanceType::T3Micro)
        .min_count(1)
        .max_count(1)
        .network_interfaces(interface)
        .send()
        .await
        .unwrap();
    run.instances()[0].instance_id().unwrap().to_string()
}

/// Two publicly accessible databases: one in subnets routed to the internet gateway, one in
/// private subnets of the same VPC (the "public flag in private subnets" case); and an
/// internet-facing load balancer in the routed subnets, listening on 443 with a group that
/// admits 443 and 8080 from anywhere.
async fn databases(conf: &SdkConfig, ec2: &aws_sdk_ec2::Client) {
    let rds = aws_sdk_rds::Client::new(conf);
    let (vpc, igw) = vpc_with_gateway(ec2, "10.99.0.0/16").await;
    let sg = ec2
        .create_security_group()
        .group_name("db-open")
        .description("db-open")
        .vpc_id(&vpc)
        .send()
        .await
        .unwrap();
    let sg = sg.group_id().unwrap().to_string();
    ec2.authorize_security_group_ingress()
        .group_id(&sg)
        .ip_permissions(
            IpPermission::builder()
                .ip_protocol("tcp")
                .from_port(5432)
                .to_port(5432)
                .ip_ranges(IpRange::builder().cidr_ip("0.0.0.0/0").build())
                .build(),
        )
        .send()
        .await
        .unwrap();
    for (kind, octet, public) in [("public", 1, true), ("private", 3, false)] {
        let mut subnets = Vec::new();
        for (i, az) in ["us-east-1a", "us-east-1b"].iter().enumerate() {
            let s = ec2
                .create_subnet()
                .vpc_id(&vpc)
                .cidr_block(format!("10.99.{}.0/24", octet + i))
                .availability_zone(*az)
                .send()
                .await
                .unwrap();
            subnets.push(s.subnet().unwrap().subnet_id().unwrap().to_string());
        }
        route_table(ec2, &vpc, &subnets, public.then_some(igw.as_str())).await;
        if public {
            load_balancer(conf, ec2, &vpc, &subnets).await;
        }
        rds.create_db_subnet_group()
            .db_subnet_group_name(format!("{kind}-subnets"))
            .db_subnet_group_description(kind)
            .set_subnet_ids(Some(subnets))
            .send()
            .await
            .unwrap();
        rds.create_db_instance()
            .db_instance_identifier(format!("{kind}-db"))
            .db_instance_class("db.t3.micro")
            .engine("postgres")
            .master_username("admin")
            .master_user_password("Xx-very-long-pass-5")
            .allocated_storage(20)
            .publicly_accessible(true)
            .db_subnet_group_name(format!("{kind}-subnets"))
            .vpc_security_group_ids(&sg)
            .send()
            .await
            .unwrap();
    }
}

async fn load_balancer(conf: &SdkConfig, ec2: &aws_sdk_ec2::Client, vpc: &str, subnets: &[String]) {
    use aws_sdk_elasticloadbalancingv2::types::{
        Action, ActionTypeEnum, FixedResponseActionConfig, ProtocolEnum,
    };
    let sg = ec2
        .create_security_group()
        .group_name("web-lb")
        .description("web-lb")
        .vpc_id(vpc)
        .send()
        .await
        .unwrap();
    let sg = sg.group_id().unwrap().to_string();
    for port in [443, 8080] {
        ec2.authorize_security_group_ingress()
            .group_id(&sg)
            .ip_permissions(
                IpPermission::builder()
                    .ip_protocol("tcp")
                    .from_port(port)
                    .to_port(port)
                    .ip_ranges(IpRange::builder().cidr_ip("0.0.0.0/0").build())
                    .build(),
            )
            .send()
            .await
            .unwrap();
    }
    let elb = aws_sdk_elasticloadbalancingv2::Client::new(conf);
    let lb = elb
        .create_load_balancer()
        .name("web-lb")
        .scheme(aws_sdk_elasticloadbalancingv2::types::LoadBalancerSchemeEnum::InternetFacing)
        .set_subnets(Some(subnets.to_vec()))
        .security_groups(&sg)
        .send()
        .await
        .unwrap();
    let arn = lb.load_balancers()[0]
        .load_balancer_arn()
        .unwrap()
        .to_string();
    elb.create_listener()
        .load_balancer_arn(&arn)
        .protocol(ProtocolEnum::Http)
        .port(443)
        .default_actions(
            Action::builder()
                .r#type(ActionTypeEnum::FixedResponse)
                .fixed_response_config(
                    FixedResponseActionConfig::builder()
                        .status_code("200")
                        .build(),
                )
                .build(),
        )
        .send()
        .await
        .unwrap();
}

struct Estate {
    _moto: Moto,
    dir: tempfile::TempDir,
    instances: BTreeMap<&'static str, String>,
}

/// The scenarios on a moto server of their own, collected once into a snapshot.
fn estate() -> &'static Estate {
    static ESTATE: std::sync::OnceLock<Estate> = std::sync::OnceLock::new();
    ESTATE.get_or_init(|| {
        let m = start();
        let instances = tokio::runtime::Runtime::new().unwrap().block_on(async {
            let conf = sdk(&m.endpoint).await;
            let ec2 = aws_sdk_ec2::Client::new(&conf);
            let mut out = BTreeMap::new();
            for (i, (name, block)) in SCENARIOS.iter().enumerate() {
                out.insert(*name, scenario(&ec2, 10 + i as u8, *block).await);
            }
            databases(&conf, &ec2).await;
            out
        });
        let dir = tempfile::tempdir().unwrap();
        let snap = dir.path().join("snap.json");
        let mut cmd = palisade();
        cmd.envs(account_env(&m.endpoint))
            .args(["collect", "--region", "us-east-1", "-o"])
            .arg(&snap);
        let (code, _, err) = run(&mut cmd);
        assert_eq!(code, 0, "{err}");
        Estate {
            _moto: m,
            dir,
            instances,
        }
    })
}

fn analysis() -> serde_json::Value {
    let e = estate();
    let mut cmd = palisade();
    cmd.args(["network", "analyze", "--snapshot"])
        .arg(e.dir.path().join("snap.json"));
    let (code, out, err) = run(&mut cmd);
    assert_eq!(code, 0, "{err}");
    json(&out)
}

fn exposure<'a>(facts: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    let (_, x) = facts["exposures"]
        .as_object()
        .unwrap()
        .iter()
        .find(|(arn, x)| {
            arn.ends_with(&format!("/{id}")) || arn.ends_with(&format!(":{id}")) || x["name"] == id
        })
        .unwrap_or_else(|| panic!("no exposure for {id}"));
    x
}

#[test]
fn each_blocking_layer_alone_makes_the_instance_unreachable() {
    let facts = analysis();
    // No gap in what reachability reads. moto answers GetEbsDefaultKmsKeyId and the EC2
    // account switches with a bare 500 (gaps on those settings only), has no IAM Access Analyzer, leaves the account out of
    // Inspector's status and dates Macie sessions in a form the SDK refuses: gaps on posture
    // settings reachability never reads.
    let unread_by_reachability = [
        "GetEbsDefaultKmsKeyId",
        "ListAnalyzers",
        "BatchGetAccountStatus",
        "GetMacieSession",
        "GetSnapshotBlockPublicAccessState",
        "GetImageBlockPublicAccessState",
        "GetSerialConsoleAccessStatus",
    ];
    let gaps: Vec<_> = facts["gaps"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| {
            !unread_by_reachability
                .iter()
                .any(|op| g["operation"] == *op)
        })
        .collect();
    assert!(gaps.is_empty(), "{gaps:#?}");
    let e = estate();
    for (name, block) in SCENARIOS {
        let x = exposure(&facts, &e.instances[name]);
        let open = &x["open"];
        match block {
            Block::None | Block::NaclDenyAfter => {
                assert_eq!(
                    open,
                    &serde_json::json!([{"protocol": "tcp", "ports": [[22, 22]]}]),
                    "{name}: {x:#}"
                );
                let path = x["reachable"][0]["path"].as_str().unwrap();
                assert!(path.contains("inbound rule 100"), "{name}: {path}");
                assert!(
                    path.contains("rule 1 (tcp/22 from 0.0.0.0/0)"),
                    "{name}: {path}"
                );
            }
            _ => assert_eq!(open, &serde_json::json!([]), "{name}: {x:#}"),
        }
    }
    let why = |name: &str| {
        exposure(&facts, &e.instances[name])["blocked_by"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert!(why("no-gateway-route").contains("no route to the internet gateway"));
    assert!(why("no-public-ip").contains("has no public IPv4 address"));
    assert!(why("nacl-deny-first").contains("no service is admitted"));
    assert!(why("nacl-egress-drops-replies").contains("drops the replies"));
    assert!(why("group-reference").contains("admit nothing from the internet"));
}

#[test]
fn a_public_database_is_reachable_only_from_a_routed_subnet() {
    let facts = analysis();
    let public = exposure(&facts, "public-db");
    assert_eq!(
        public["open"],
        serde_json::json!([{"protocol": "tcp", "ports": [[5432, 5432]]}]),
        "{public:#}"
    );
    // The load balancer: only its listener's port, though its group admits 8080 too.
    let lb = exposure(&facts, "web-lb");
    assert_eq!(lb["kind"], "load_balancer");
    assert_eq!(
        lb["open"],
        serde_json::json!([{"protocol": "tcp", "ports": [[443, 443]]}]),
        "{lb:#}"
    );
    let private = exposure(&facts, "private-db");
    assert_eq!(private["open"], serde_json::json!([]), "{private:#}");
    assert!(private["blocked_by"]
        .as_str()
        .unwrap()
        .contains("no route to the internet gateway"));
}

/// `palisade reach --from internet --to ID --snapshot SNAP [extra]`: (exit code, stdout, stderr).
fn reach(to: &str, extra: &[&str]) -> (i32, String, String) {
    let snap = estate().dir.path().join("snap.json");
    let mut cmd = palisade();
    cmd.args(["reach", "--from", "internet", "--to", to])
        .args(extra)
        .arg("--snapshot")
        .arg(&snap);
    run(&mut cmd)
}

#[test]
fn reach_answers_with_the_path() {
    let e = estate();
    let baseline = &e.instances["baseline"];
    let (code, out, err) = reach(baseline, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with(&format!("internet reaches {baseline} on tcp/22")),
        "{out}"
    );
    assert!(out.contains("internet gateway igw-"), "{out}");
    let (code, out, err) = reach(&e.instances["no-public-ip"], &["--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let answer = json(&out);
    assert_eq!(answer["reachable"], false);
    assert!(answer["blocked"][0]["why"]
        .as_str()
        .unwrap()
        .contains("no public IPv4 address"));
    // An unknown name is an error that says what it accepts.
    let (code, _, err) = reach("i-nothere", &[]);
    assert_eq!(code, 2);
    assert!(err.contains("is not `internet`, a segment"), "{err}");
}

/// `reach` on the demo: the CDE database reached from the corporate segment through peering
/// although its group names a /16, not the world (rendered output pinned).
#[test]
fn reach_on_the_demo_shows_the_peering_path() {
    let (code, out, err) = run(palisade().args([
        "reach",
        "--demo",
        "--from",
        "corporate",
        "--to",
        "card-vault-db",
    ]));
    assert_eq!(code, 0, "{err}");
    insta::assert_snapshot!(out);
}
