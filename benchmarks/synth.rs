//! Synthetic inventory generator: a realistic mix of resource types at any size, from a fixed
//! seed, so benchmark runs are comparable. About a third of resources are misconfigured.

use chrono::{DateTime, Duration, Utc};
use palisade::inventory::iam::*;
use palisade::inventory::logging::*;
use palisade::inventory::network::*;
use palisade::inventory::storage::*;
use palisade::inventory::{Account, Gap, Inventory, Tags};
use serde_json::json;

/// SplitMix64: tiny, deterministic, good enough to vary a synthetic inventory.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next() % 10_000) as f64 / 10_000.0 < p
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

const REGIONS: [&str; 4] = ["us-east-1", "us-west-2", "eu-west-1", "ap-southeast-2"];

/// Resource kinds and their share per 1,000 resources.
const MIX: &[(&str, usize)] = &[
    ("user", 30),
    ("role", 40),
    ("policy", 20),
    ("group", 5),
    ("vpc", 6),
    ("subnet", 36),
    ("route_table", 12),
    ("igw", 5),
    ("nacl", 10),
    ("sg", 120),
    ("eni", 150),
    ("instance", 100),
    ("flow_log", 4),
    ("kms", 12),
    ("volume", 150),
    ("snapshot", 80),
    ("bucket", 80),
    ("rds", 25),
    ("rds_cluster", 5),
    ("rds_snapshot", 30),
    ("trail", 2),
    ("detector", 2),
    ("recorder", 2),
    ("endpoint", 4),
    ("peering", 2),
    ("nat", 3),
    ("eigw", 1),
];

fn tags(rng: &mut Rng, i: usize) -> Tags {
    let seg = ["cde", "phi", "public", "corporate"][rng.below(4) as usize];
    Tags::from([
        ("Name".to_string(), format!("res-{i}")),
        ("segment".to_string(), seg.to_string()),
    ])
}

fn doc(admin: bool) -> serde_json::Value {
    if admin {
        json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})
    } else {
        json!({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": ["arn:aws:s3:::data", "arn:aws:s3:::data/*"]}
        ]})
    }
}

/// Generates an inventory of about `n` resources.
pub fn generate(n: usize, seed: u64) -> Inventory {
    let now: DateTime<Utc> = "2026-11-20T12:00:00Z".parse().expect("valid date");
    let mut rng = Rng::new(seed);
    let mut inv = Inventory::empty(now);
    let accounts: Vec<String> = (0..(n / 100_000).max(1))
        .map(|a| format!("{:012}", 100_000_000_000u64 + a as u64))
        .collect();
    // The AWS-managed policy users get attached below: present, as a collection would have it
    // (an attached policy missing from the data is a gap on every principal using it).
    inv.iam.policies.push(ManagedPolicy {
        arn: "arn:aws:iam::aws:policy/ReadOnlyAccess".into(),
        account_id: "aws".into(),
        name: "ReadOnlyAccess".into(),
        aws_managed: true,
        default_version_id: Some("v1".into()),
        document: json!({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": ["s3:Get*", "s3:List*", "ec2:Describe*", "iam:Get*", "iam:List*"], "Resource": "*"}
        ]}),
        attachment_count: 1,
    });
    for a in &accounts {
        inv.accounts.push(Account {
            id: a.clone(),
            alias: Some(format!("acct-{a}")),
            partition: "aws".into(),
            regions: REGIONS.iter().map(|r| r.to_string()).collect(),
            organization: None,
        });
        inv.iam.password_policies.push(PasswordPolicyRecord {
            account_id: a.clone(),
            policy: rng.chance(0.5).then(|| PasswordPolicy {
                minimum_password_length: 14,
                require_numbers: true,
                require_lowercase_characters: true,
                max_password_age: Some(90),
                password_reuse_prevention: Some(24),
                ..Default::default()
            }),
        });
        inv.iam.account_summaries.push(AccountSummary {
            account_id: a.clone(),
            account_mfa_enabled: rng.chance(0.8),
            account_access_keys_present: rng.chance(0.1),
            ..Default::default()
        });
        inv.storage
            .s3_account_public_access_blocks
            .push(S3AccountPublicAccessBlock {
                account_id: a.clone(),
                config: rng.chance(0.5).then_some(PublicAccessBlock {
                    block_public_acls: true,
                    ignore_public_acls: true,
                    block_public_policy: true,
                    restrict_public_buckets: true,
                }),
            });
        for r in REGIONS {
            inv.storage
                .ebs_encryption_by_default
                .push(EbsEncryptionDefault {
                    account_id: a.clone(),
                    region: r.into(),
                    enabled: rng.chance(0.5),
                    kms_key_id: None,
                });
        }
    }
    let total: usize = MIX.iter().map(|(_, w)| w).sum();
    let mut i = 0usize;
    while i < n {
        for (kind, weight) in MIX {
            let count = (weight * n).div_ceil(total * 10).max(1);
            for _ in 0..count {
                if i >= n {
                    break;
                }
                add(&mut inv, &mut rng, kind, i, &accounts, now);
                i += 1;
            }
        }
    }
    if n >= 100_000 {
        inv.gaps.push(Gap {
            service: "ec2".into(),
            region: "ap-southeast-2".into(),
            operation: "DescribeFlowLogs".into(),
            error: "AccessDenied".into(),
            account_id: Some(accounts[0].clone()),
            resource: None,
            message: None,
        });
    }
    inv
}

fn add(
    inv: &mut Inventory,
    rng: &mut Rng,
    kind: &str,
    i: usize,
    accounts: &[String],
    now: DateTime<Utc>,
) {
    let account = accounts[rng.below(accounts.len() as u64) as usize].clone();
    let region = REGIONS[rng.below(REGIONS.len() as u64) as usize].to_string();
    let vpc = format!("vpc-{:08x}", rng.below(((i / 200) as u64).max(1)));
    let ago = |days: i64| now - Duration::days(days);
    let ec2 = |what: &str, id: &str| format!("arn:aws:ec2:{region}:{account}:{what}/{id}");
    match kind {
        "user" => {
            let name = format!("user-{i}");
            let console = rng.chance(0.5);
            let keys = (0..rng.below(3))
                .map(|k| AccessKey {
                    id: format!("AKIA{i:012}{k}"),
                    status: if rng.chance(0.8) {
                        "Active"
                    } else {
                        "Inactive"
                    }
                    .into(),
                    created: ago(rng.below(400) as i64),
                    last_used: rng.chance(0.7).then(|| ago(rng.below(200) as i64)),
                    last_used_service: None,
                    last_used_region: None,
                })
                .collect();
            inv.iam.users.push(User {
                arn: format!("arn:aws:iam::{account}:user/{name}"),
                account_id: account,
                name,
                user_id: None,
                path: Some("/".into()),
                created: ago(500),
                login_profile: console.then(|| LoginProfile {
                    created: ago(400),
                    password_reset_required: false,
                }),
                password_last_used: console.then(|| ago(rng.below(150) as i64)),
                mfa_devices: if rng.chance(0.7) {
                    vec![MfaDevice {
                        serial_number: format!("mfa-{i}"),
                        enabled: Some(ago(300)),
                        kind: None,
                    }]
                } else {
                    vec![]
                },
                access_keys: keys,
                groups: vec![format!("group-{}", rng.below(20))],
                inline_policies: if rng.chance(0.1) {
                    vec![InlinePolicy {
                        name: "inline".into(),
                        document: doc(false),
                    }]
                } else {
                    vec![]
                },
                attached_policies: if rng.chance(0.2) {
                    vec![AttachedPolicy {
                        name: "ReadOnlyAccess".into(),
                        arn: "arn:aws:iam::aws:policy/ReadOnlyAccess".into(),
                    }]
                } else {
                    vec![]
                },
                permissions_boundary: None,
                tags: Tags::new(),
            });
        }
        "role" => {
            let name = format!("role-{i}");
            let principal = match rng.below(10) {
                0 => json!({"AWS": "*"}),
                1 => json!({"AWS": "arn:aws:iam::999988887777:root"}),
                _ => json!({"Service": "ec2.amazonaws.com"}),
            };
            inv.iam.roles.push(Role {
                arn: format!("arn:aws:iam::{account}:role/{name}"),
                account_id: account,
                name,
                path: Some("/".into()),
                created: ago(400),
                trust_policy: json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": principal, "Action": "sts:AssumeRole"}]}),
                instance_profiles: vec![],
                last_used: rng.chance(0.6).then(|| ago(rng.below(200) as i64)),
                last_used_region: None,
                inline_policies: vec![InlinePolicy { name: "p".into(), document: doc(rng.chance(0.05)) }],
                attached_policies: vec![],
                permissions_boundary: None,
                service_linked: rng.chance(0.1),
                tags: Tags::new(),
            });
        }
        "policy" => inv.iam.policies.push(ManagedPolicy {
            arn: format!("arn:aws:iam::{account}:policy/policy-{i}"),
            account_id: account,
            name: format!("policy-{i}"),
            aws_managed: false,
            default_version_id: Some("v1".into()),
            document: doc(rng.chance(0.1)),
            attachment_count: 1,
        }),
        "group" => inv.iam.groups.push(Group {
            arn: format!("arn:aws:iam::{account}:group/group-{i}"),
            account_id: account,
            name: format!("group-{i}"),
            path: None,
            inline_policies: vec![],
            attached_policies: vec![],
        }),
        "vpc" => {
            let id = format!("vpc-{i:08x}");
            inv.network.vpcs.push(Vpc {
                arn: ec2("vpc", &id),
                account_id: account,
                region,
                id,
                cidr_block: format!("10.{}.0.0/16", i % 256),
                ipv6_cidr_blocks: vec![],
                is_default: rng.chance(0.1),
                tags: tags(rng, i),
            })
        }
        "subnet" => {
            let id = format!("subnet-{i:08x}");
            inv.network.subnets.push(Subnet {
                arn: ec2("subnet", &id),
                account_id: account,
                region,
                id,
                vpc_id: vpc,
                cidr_block: format!("10.{}.{}.0/24", i % 256, (i / 256) % 256),
                ipv6_cidr_blocks: vec![],
                availability_zone: None,
                map_public_ip_on_launch: rng.chance(0.2),
                route_table_id: None,
                network_acl_id: None,
                tags: tags(rng, i),
            })
        }
        "route_table" => {
            let id = format!("rtb-{i:08x}");
            inv.network.route_tables.push(RouteTable {
                arn: ec2("route-table", &id),
                account_id: account,
                region,
                id,
                vpc_id: vpc,
                main: rng.chance(0.3),
                subnet_ids: vec![],
                routes: vec![
                    Route {
                        destination_cidr: Some("10.0.0.0/16".into()),
                        target_type: "local".into(),
                        target_id: "local".into(),
                        ..Default::default()
                    },
                    Route {
                        destination_cidr: Some("0.0.0.0/0".into()),
                        target_type: "igw".into(),
                        target_id: format!("igw-{i}"),
                        state: "active".into(),
                        ..Default::default()
                    },
                ],
                tags: Tags::new(),
            })
        }
        "igw" | "eigw" => {
            let id = format!("igw-{i:08x}");
            let gw = Gateway {
                arn: ec2("internet-gateway", &id),
                account_id: account,
                region,
                id,
                vpc_ids: vec![vpc],
                tags: Tags::new(),
            };
            if kind == "igw" {
                inv.network.internet_gateways.push(gw)
            } else {
                inv.network.egress_only_internet_gateways.push(gw)
            }
        }
        "nat" => {
            let id = format!("nat-{i:08x}");
            inv.network.nat_gateways.push(NatGateway {
                arn: ec2("natgateway", &id),
                account_id: account,
                region,
                id,
                vpc_id: vpc,
                subnet_id: format!("subnet-{i}"),
                public_ip: Some("198.51.100.1".into()),
                state: Some("available".into()),
            })
        }
        "nacl" => {
            let id = format!("acl-{i:08x}");
            let entry = |n: u32, egress: bool, action: &str, from: Option<u16>, to: Option<u16>| {
                NaclEntry {
                    rule_number: n,
                    egress,
                    protocol: if from.is_some() {
                        "6".into()
                    } else {
                        "-1".into()
                    },
                    action: action.into(),
                    cidr_block: Some("0.0.0.0/0".into()),
                    ipv6_cidr_block: None,
                    from_port: from,
                    to_port: to,
                }
            };
            let mut entries = vec![
                entry(32767, false, "deny", None, None),
                entry(32767, true, "deny", None, None),
                entry(100, true, "allow", None, None),
            ];
            if rng.chance(0.3) {
                entries.push(entry(50, false, "deny", Some(22), Some(22)));
            }
            entries.push(entry(100, false, "allow", None, None));
            inv.network.network_acls.push(NetworkAcl {
                arn: ec2("network-acl", &id),
                account_id: account,
                region,
                id,
                vpc_id: vpc,
                is_default: rng.chance(0.5),
                subnet_ids: vec![],
                entries,
                tags: Tags::new(),
            })
        }
        "sg" => {
            let id = format!("sg-{i:08x}");
            let open = rng.chance(0.15);
            let port = [22, 3389, 443, 5432, 80][rng.below(5) as usize];
            let ingress = vec![
                SgRule {
                    protocol: "tcp".into(),
                    from_port: Some(port),
                    to_port: Some(port),
                    cidr_blocks: vec![if open {
                        "0.0.0.0/0".into()
                    } else {
                        "10.0.0.0/8".into()
                    }],
                    ipv6_cidr_blocks: vec![],
                    prefix_list_ids: vec![],
                    security_group_ids: vec![],
                    description: None,
                },
                SgRule {
                    protocol: "tcp".into(),
                    from_port: Some(443),
                    to_port: Some(443),
                    cidr_blocks: vec![],
                    ipv6_cidr_blocks: vec![],
                    prefix_list_ids: vec![],
                    security_group_ids: vec![format!("sg-{:08x}", rng.below(i as u64 + 1))],
                    description: None,
                },
            ];
            let egress = vec![SgRule {
                protocol: "-1".into(),
                from_port: None,
                to_port: None,
                cidr_blocks: vec!["0.0.0.0/0".into()],
                ipv6_cidr_blocks: vec![],
                prefix_list_ids: vec![],
                security_group_ids: vec![],
                description: None,
            }];
            let name = if rng.chance(0.05) {
                "default".to_string()
            } else {
                format!("sg-name-{i}")
            };
            inv.network.security_groups.push(SecurityGroup {
                arn: ec2("security-group", &id),
                account_id: account,
                region,
                id,
                name,
                description: None,
                vpc_id: vpc,
                ingress,
                egress,
                tags: tags(rng, i),
            })
        }
        "eni" => {
            let id = format!("eni-{i:08x}");
            inv.network.network_interfaces.push(NetworkInterface {
                arn: ec2("network-interface", &id),
                account_id: account,
                region,
                id,
                vpc_id: vpc,
                subnet_id: format!("subnet-{:08x}", rng.below(i as u64 + 1)),
                private_ips: vec![format!("10.0.{}.{}", (i / 250) % 250, i % 250)],
                ipv6_addresses: vec![],
                public_ip: rng.chance(0.1).then(|| "203.0.113.10".to_string()),
                security_group_ids: vec![format!("sg-{:08x}", rng.below(i as u64 + 1))],
                attachment_kind: Some("instance".into()),
                attached_to: None,
                description: None,
            })
        }
        "instance" => {
            let id = format!("i-{i:08x}");
            inv.network.instances.push(Instance {
                arn: ec2("instance", &id),
                account_id: account,
                region,
                id,
                vpc_id: Some(vpc),
                subnet_id: None,
                state: if rng.chance(0.9) {
                    "running"
                } else {
                    "stopped"
                }
                .into(),
                instance_type: Some("m5.large".into()),
                image_id: None,
                private_ip: Some("10.0.0.10".into()),
                public_ip: rng.chance(0.1).then(|| "203.0.113.20".to_string()),
                network_interface_ids: vec![],
                security_group_ids: vec![],
                iam_instance_profile: None,
                // One in a hundred routes traffic for others (a NAT or firewall instance).
                source_dest_check: Some(!i.is_multiple_of(100)),
                metadata_options: MetadataOptions {
                    http_tokens: if rng.chance(0.3) {
                        "optional"
                    } else {
                        "required"
                    }
                    .into(),
                    http_endpoint: "enabled".into(),
                    http_put_response_hop_limit: Some(1),
                },
                tags: tags(rng, i),
            })
        }
        "flow_log" => {
            let id = format!("fl-{i:08x}");
            inv.network.flow_logs.push(FlowLog {
                arn: ec2("vpc-flow-log", &id),
                account_id: account,
                region,
                id,
                resource_id: format!("vpc-{:08x}", rng.below(i as u64 + 1)),
                traffic_type: "ALL".into(),
                log_destination_type: Some("s3".into()),
                log_destination: None,
                status: Some("ACTIVE".into()),
            })
        }
        "endpoint" => {
            let id = format!("vpce-{i:08x}");
            inv.network.vpc_endpoints.push(VpcEndpoint {
                arn: ec2("vpc-endpoint", &id),
                account_id: account,
                region: region.clone(),
                id,
                vpc_id: vpc,
                service_name: format!("com.amazonaws.{region}.s3"),
                endpoint_type: "Gateway".into(),
                policy: None,
                route_table_ids: vec![],
                subnet_ids: vec![],
                security_group_ids: vec![],
                private_dns_enabled: false,
            })
        }
        "peering" => {
            let id = format!("pcx-{i:08x}");
            inv.network.vpc_peering_connections.push(VpcPeering {
                arn: ec2("vpc-peering-connection", &id),
                account_id: account.clone(),
                region,
                id,
                requester_vpc_id: vpc.clone(),
                requester_account_id: account.clone(),
                requester_cidr_blocks: vec!["10.0.0.0/16".into()],
                accepter_vpc_id: format!("vpc-{:08x}", i),
                accepter_account_id: account,
                accepter_cidr_blocks: vec!["10.1.0.0/16".into()],
                status: "active".into(),
                tags: Tags::new(),
            })
        }
        "kms" => {
            let id = format!("{i:08x}-0000-0000-0000-000000000000");
            inv.storage.kms_keys.push(KmsKey {
                arn: format!("arn:aws:kms:{region}:{account}:key/{id}"), account_id: account.clone(), region, id, aliases: vec![],
                manager: "CUSTOMER".into(), state: "Enabled".into(), deletion_date: None, key_spec: "SYMMETRIC_DEFAULT".into(), rotation_enabled: Some(rng.chance(0.7)),
                policy: Some(json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": format!("arn:aws:iam::{account}:root")}, "Action": "kms:*", "Resource": "*"}]})),
                description: None, tags: Tags::new(),
            })
        }
        "volume" => {
            let id = format!("vol-{i:08x}");
            inv.storage.ebs_volumes.push(EbsVolume {
                arn: ec2("volume", &id),
                account_id: account,
                region,
                id,
                encrypted: rng.chance(0.7),
                kms_key_id: None,
                size_gib: 100,
                state: Some("in-use".into()),
                attached_instance_ids: vec![],
                tags: tags(rng, i),
            })
        }
        "snapshot" => {
            let id = format!("snap-{i:08x}");
            inv.storage.ebs_snapshots.push(EbsSnapshot {
                arn: ec2("snapshot", &id),
                account_id: account,
                region,
                id,
                volume_id: None,
                encrypted: rng.chance(0.7),
                kms_key_id: None,
                public: rng.chance(0.02),
                shared_with: vec![],
                started: None,
                tags: Tags::new(),
            })
        }
        "bucket" => {
            let name = format!("bucket-{i}");
            let tls = rng.chance(0.6);
            inv.storage.s3_buckets.push(S3Bucket {
                arn: format!("arn:aws:s3:::{name}"), account_id: account, region, name: name.clone(), created: None,
                encryption: rng.chance(0.8).then(|| BucketEncryption { algorithm: "aws:kms".into(), kms_key_id: None, bucket_key_enabled: true }),
                public_access_block: rng.chance(0.6).then_some(PublicAccessBlock { block_public_acls: true, ignore_public_acls: true, block_public_policy: true, restrict_public_buckets: true }),
                policy: tls.then(|| json!({"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": [format!("arn:aws:s3:::{name}/*")], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]})),
                acl_grants: if rng.chance(0.03) { vec![AclGrant { grantee_type: "Group".into(), grantee: "http://acs.amazonaws.com/groups/global/AllUsers".into(), permission: "READ".into() }] } else { vec![] },
                versioning: rng.chance(0.5).then(|| "Enabled".to_string()), mfa_delete: false,
                logging_target: rng.chance(0.4).then(|| "logs".to_string()), object_ownership: None, tags: tags(rng, i),
                // From the index, not the generator, so the rest of the estate stays as it was.
                object_lock: Some(ObjectLock { enabled: i.is_multiple_of(10), mode: i.is_multiple_of(10).then(|| "COMPLIANCE".to_string()), days: i.is_multiple_of(10).then_some(400), years: None }),
            })
        }
        "rds" => {
            let id = format!("db-{i}");
            inv.storage.rds_instances.push(RdsInstance {
                arn: format!("arn:aws:rds:{region}:{account}:db:{id}"),
                account_id: account,
                region,
                id,
                engine: "postgres".into(),
                status: Some("available".into()),
                storage_encrypted: rng.chance(0.8),
                kms_key_id: None,
                publicly_accessible: rng.chance(0.1),
                port: Some(5432),
                vpc_id: Some(vpc),
                subnet_ids: vec![],
                security_group_ids: vec![],
                cluster_id: None,
                multi_az: true,
                backup_retention_days: rng.below(14) as u32,
                iam_auth_enabled: false,
                deletion_protection: true,
                auto_minor_version_upgrade: true,
                // From the index, not the generator, so the rest of the estate stays as it was.
                monitoring_interval: Some(if i.is_multiple_of(2) { 60 } else { 0 }),
                copy_tags_to_snapshot: Some(!i.is_multiple_of(3)),
                master_username: Some(
                    if rng.chance(0.3) {
                        "postgres"
                    } else {
                        "app_owner"
                    }
                    .into(),
                ),
                log_exports: Some(if rng.chance(0.5) {
                    vec!["postgresql".into(), "upgrade".into()]
                } else {
                    vec![]
                }),
                tags: tags(rng, i),
            })
        }
        "rds_cluster" => {
            let id = format!("cluster-{i}");
            inv.storage.rds_clusters.push(RdsCluster {
                arn: format!("arn:aws:rds:{region}:{account}:cluster:{id}"),
                account_id: account,
                region,
                id,
                engine: "aurora-postgresql".into(),
                storage_encrypted: rng.chance(0.8),
                kms_key_id: None,
                member_instance_ids: vec![],
                backup_retention_days: 7,
                deletion_protection: true,
                iam_auth_enabled: false,
                master_username: Some("claims_owner".into()),
                log_exports: Some(vec!["postgresql".into()]),
                tags: Tags::new(),
            })
        }
        "rds_snapshot" => {
            let id = format!("dbsnap-{i}");
            inv.storage.rds_snapshots.push(RdsSnapshot {
                arn: format!("arn:aws:rds:{region}:{account}:snapshot:{id}"),
                account_id: account,
                region,
                id,
                kind: "instance".into(),
                source_id: None,
                encrypted: rng.chance(0.8),
                public: rng.chance(0.02),
                shared_with: vec![],
                tags: Tags::new(),
            })
        }
        "trail" => inv.logging.trails.push(Trail {
            arn: format!("arn:aws:cloudtrail:{region}:{account}:trail/trail-{i}"),
            account_id: account,
            region,
            name: format!("trail-{i}"),
            is_multi_region: rng.chance(0.5),
            is_organization_trail: false,
            log_file_validation: rng.chance(0.7),
            kms_key_id: rng.chance(0.5).then(|| "k".to_string()),
            s3_bucket: Some("trail-bucket".into()),
            cloudwatch_logs_log_group_arn: None,
            include_global_service_events: true,
            is_logging: rng.chance(0.9),
            event_selectors: vec![],
        }),
        "detector" => inv.logging.guardduty_detectors.push(GuardDutyDetector {
            arn: format!("arn:aws:guardduty:{region}:{account}:detector/d{i}"),
            account_id: account,
            region,
            id: format!("d{i}"),
            status: if rng.chance(0.8) {
                "ENABLED"
            } else {
                "DISABLED"
            }
            .into(),
            // From the index, not the generator, so the rest of the estate stays as it was.
            features: Some(
                [
                    ("EBS_MALWARE_PROTECTION", i.is_multiple_of(2)),
                    ("S3_DATA_EVENTS", !i.is_multiple_of(3)),
                    ("RUNTIME_MONITORING", i.is_multiple_of(4)),
                ]
                .into_iter()
                .map(|(name, on)| {
                    let feature = DetectorFeature {
                        status: if on { "ENABLED" } else { "DISABLED" }.into(),
                        additional: Default::default(),
                    };
                    (name.to_string(), feature)
                })
                .collect(),
            ),
        }),
        "recorder" => inv.logging.config_recorders.push(ConfigRecorder {
            arn: format!("arn:aws:config:{region}:{account}:config-recorder/r{i}"),
            account_id: account,
            region,
            name: format!("r{i}"),
            recording: rng.chance(0.8),
            all_supported: true,
            include_global_resource_types: true,
            last_status: None,
        }),
        _ => {}
    }
}
