//! The seeded moto account: for every built-in policy whose data moto can produce, at least one
//! resource that violates it and one that complies. Written through the SDK one call at a time
//! (moto is not safe for parallel writes). us-east-1 holds most of it; eu-west-1 holds the
//! failing side of the per-region settings (GuardDuty, AWS Config, EBS encryption by default),
//! since each region has only one of those.
//!
//! Seeding returns the ids moto chose, keyed by a label, so the tests can name the resources.

use crate::moto::sdk;
use aws_config::{Region, SdkConfig};
use std::collections::BTreeMap;

pub const HOME: &str = "us-east-1";
pub const OTHER: &str = "eu-west-1";

/// Label → the id (or name) of a seeded resource.
#[derive(Default, Debug)]
pub struct Seeded(BTreeMap<&'static str, String>);

impl Seeded {
    fn put(&mut self, label: &'static str, id: impl Into<String>) {
        self.0.insert(label, id.into());
    }

    pub fn id(&self, label: &str) -> &str {
        self.0
            .get(label)
            .unwrap_or_else(|| panic!("nothing seeded as {label}"))
    }
}

pub async fn seed(account: &str, endpoint: &str) -> Seeded {
    let conf = sdk(endpoint).await;
    let other = conf.to_builder().region(Region::new(OTHER)).build();
    let mut ids = Seeded::default();
    iam(&conf).await;
    network(&conf, &mut ids).await;
    instances(&conf, &mut ids).await;
    storage(&conf, account, &mut ids).await;
    databases(&conf).await;
    buckets(&conf, account).await;
    logging(&conf, account, &mut ids).await;
    messaging(&conf, account).await;
    monitoring(&conf, account).await;
    file_systems(&conf, &mut ids).await;
    load_balancers(&conf, &mut ids).await;
    tables(&conf, &ids).await;
    secrets(&conf).await;
    functions(&conf, account, &ids).await;
    repositories(&conf).await;
    clusters(&conf, account, &ids).await;
    warehouses(&conf).await;
    caches(&conf).await;
    search_domains(&conf, account).await;
    task_definitions(&conf).await;
    edge(&conf, account, &mut ids).await;
    apis(&conf, account, &mut ids).await;
    // Macie is on everywhere in moto: switched off in the home region, which holds buckets.
    // (moto answers for an enabled session with a date the SDK cannot parse, so the other
    // region's is a recorded gap.)
    aws_sdk_macie2::Client::new(&conf)
        .disable_macie()
        .send()
        .await
        .unwrap();
    aws_sdk_securityhub::Client::new(&conf)
        .enable_security_hub()
        .send()
        .await
        .unwrap();
    other_region(&other, &mut ids).await;
    ids
}

fn policy(statement: &str) -> String {
    format!(r#"{{"Version":"2012-10-17","Statement":[{statement}]}}"#)
}

fn s3(conf: &SdkConfig) -> aws_sdk_s3::Client {
    aws_sdk_s3::Client::from_conf(
        aws_sdk_s3::config::Builder::from(conf)
            .force_path_style(true)
            .build(),
    )
}

/// Users, policies and roles: each IAM policy's failing and passing principal.
async fn iam(conf: &SdkConfig) {
    let iam = aws_sdk_iam::Client::new(conf);
    // A console user without MFA, one inline policy and one key; a console user with MFA and a
    // directly attached policy; a user with two active keys.
    for (user, password) in [
        ("dev-no-mfa", "Xx-very-long-pass-1"),
        ("ops-with-mfa", "Xx-very-long-pass-2"),
    ] {
        iam.create_user().user_name(user).send().await.unwrap();
        iam.create_login_profile()
            .user_name(user)
            .password(password)
            .send()
            .await
            .unwrap();
    }
    iam.create_access_key()
        .user_name("dev-no-mfa")
        .send()
        .await
        .unwrap();
    let device = iam
        .create_virtual_mfa_device()
        .virtual_mfa_device_name("ops-mfa")
        .send()
        .await
        .unwrap();
    let serial = device
        .virtual_mfa_device()
        .unwrap()
        .serial_number()
        .to_string();
    iam.enable_mfa_device()
        .user_name("ops-with-mfa")
        .serial_number(&serial)
        .authentication_code1("123456")
        .authentication_code2("654321")
        .send()
        .await
        .unwrap();
    iam.put_user_policy()
        .user_name("dev-no-mfa")
        .policy_name("inline-read")
        .policy_document(policy(
            r#"{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}"#,
        ))
        .send()
        .await
        .unwrap();
    iam.create_user()
        .user_name("ci-two-keys")
        .send()
        .await
        .unwrap();
    for _ in 0..2 {
        iam.create_access_key()
            .user_name("ci-two-keys")
            .send()
            .await
            .unwrap();
    }
    // A server certificate (moto reports every one as expired in 2012).
    iam.upload_server_certificate()
        .server_certificate_name("legacy-portal")
        .certificate_body("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----")
        .private_key("-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----")
        .send()
        .await
        .unwrap();
    // A group holding AWSCloudShellFullAccess (moto loads the AWS managed policies).
    iam.create_group()
        .group_name("shell-users")
        .send()
        .await
        .unwrap();
    iam.attach_group_policy()
        .group_name("shell-users")
        .policy_arn("arn:aws:iam::aws:policy/AWSCloudShellFullAccess")
        .send()
        .await
        .unwrap();
    // Managed policies: admin-equivalent and scoped; the scoped one attached to a user directly.
    iam.create_policy()
        .policy_name("everything")
        .policy_document(policy(r#"{"Effect":"Allow","Action":"*","Resource":"*"}"#))
        .send()
        .await
        .unwrap();
    let read_logs = iam
        .create_policy()
        .policy_name("read-logs")
        .policy_document(policy(
            r#"{"Effect":"Allow","Action":"logs:Get*","Resource":"arn:aws:logs:*:*:*"}"#,
        ))
        .send()
        .await
        .unwrap();
    iam.attach_user_policy()
        .user_name("ops-with-mfa")
        .policy_arn(read_logs.policy().unwrap().arn().unwrap())
        .send()
        .await
        .unwrap();
    // Roles: open trust, cross-account without and with ExternalId, and a service role with an
    // admin inline policy.
    let trust = |principal: &str, cond: &str| {
        policy(&format!(
            r#"{{"Effect":"Allow","Principal":{principal},"Action":"sts:AssumeRole"{cond}}}"#
        ))
    };
    for (role, document) in [
        ("open-trust", trust(r#"{"AWS":"*"}"#, "")),
        (
            "partner-no-external-id",
            trust(r#"{"AWS":"arn:aws:iam::999988887777:root"}"#, ""),
        ),
        (
            "partner-with-external-id",
            trust(
                r#"{"AWS":"arn:aws:iam::999988887777:root"}"#,
                r#","Condition":{"StringEquals":{"sts:ExternalId":"x-123"}}"#,
            ),
        ),
        ("ec2-app", trust(r#"{"Service":"ec2.amazonaws.com"}"#, "")),
    ] {
        iam.create_role()
            .role_name(role)
            .assume_role_policy_document(document)
            .send()
            .await
            .unwrap();
    }
    for (role, statement) in [
        (
            "ec2-app",
            r#"{"Effect":"Allow","Action":"*","Resource":"*"}"#,
        ),
        (
            "partner-with-external-id",
            r#"{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::reports/*"}"#,
        ),
    ] {
        iam.put_role_policy()
            .role_name(role)
            .policy_name("inline")
            .policy_document(policy(statement))
            .send()
            .await
            .unwrap();
    }
    // Escalation: a user that can attach any policy to itself, and one that can assume an
    // admin role (trusting the account root).
    iam.create_role()
        .role_name("ops-admin")
        .assume_role_policy_document(trust(
            &format!(r#"{{"AWS":"arn:aws:iam::{}:root"}}"#, crate::moto::ACCOUNT),
            "",
        ))
        .send()
        .await
        .unwrap();
    iam.put_role_policy()
        .role_name("ops-admin")
        .policy_name("inline")
        .policy_document(policy(r#"{"Effect":"Allow","Action":"*","Resource":"*"}"#))
        .send()
        .await
        .unwrap();
    for (user, statement) in [
        (
            "ci-escalator",
            r#"{"Effect":"Allow","Action":"iam:AttachUserPolicy","Resource":"arn:aws:iam::*:user/${aws:username}"}"#.to_string(),
        ),
        (
            "deployer-hop",
            format!(
                r#"{{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::{}:role/ops-admin"}}"#,
                crate::moto::ACCOUNT
            ),
        ),
    ] {
        iam.create_user().user_name(user).send().await.unwrap();
        iam.put_user_policy()
            .user_name(user)
            .policy_name("inline")
            .policy_document(policy(&statement))
            .send()
            .await
            .unwrap();
    }
    // Weak password policy.
    iam.update_account_password_policy()
        .minimum_password_length(8)
        .send()
        .await
        .unwrap();
}

/// A VPC of our own: flow-logged, with a private subnet, a locked-down default security group,
/// a custom NACL (deny-all) and security groups open and narrow.
async fn network(conf: &SdkConfig, ids: &mut Seeded) {
    use aws_sdk_ec2::types::*;
    let ec2 = aws_sdk_ec2::Client::new(conf);
    let vpc = ec2
        .create_vpc()
        .cidr_block("10.20.0.0/16")
        .send()
        .await
        .unwrap();
    let vpc_id = vpc.vpc().unwrap().vpc_id().unwrap().to_string();
    ids.put("vpc", &vpc_id);
    let subnet = ec2
        .create_subnet()
        .vpc_id(&vpc_id)
        .cidr_block("10.20.1.0/24")
        .availability_zone("us-east-1a")
        .send()
        .await
        .unwrap();
    ids.put(
        "private-subnet",
        subnet.subnet().unwrap().subnet_id().unwrap(),
    );
    let nacl = ec2
        .create_network_acl()
        .vpc_id(&vpc_id)
        .send()
        .await
        .unwrap();
    ids.put(
        "closed-nacl",
        nacl.network_acl().unwrap().network_acl_id().unwrap(),
    );
    // The new VPC's default security group, emptied of its rules.
    let default_sg = ec2
        .describe_security_groups()
        .filters(Filter::builder().name("vpc-id").values(&vpc_id).build())
        .filters(
            Filter::builder()
                .name("group-name")
                .values("default")
                .build(),
        )
        .send()
        .await
        .unwrap();
    let default_sg = &default_sg.security_groups()[0];
    let default_id = default_sg.group_id().unwrap().to_string();
    if !default_sg.ip_permissions().is_empty() {
        ec2.revoke_security_group_ingress()
            .group_id(&default_id)
            .set_ip_permissions(Some(default_sg.ip_permissions().to_vec()))
            .send()
            .await
            .unwrap();
    }
    if !default_sg.ip_permissions_egress().is_empty() {
        ec2.revoke_security_group_egress()
            .group_id(&default_id)
            .set_ip_permissions(Some(default_sg.ip_permissions_egress().to_vec()))
            .send()
            .await
            .unwrap();
    }
    ids.put("empty-default-sg", default_id);
    // (label, protocol, from, to, source): one group per check, and one that passes them all.
    for (label, protocol, from, to, cidr) in [
        ("sg-ssh-open", "tcp", 22, 22, "0.0.0.0/0"),
        ("sg-rdp-open", "tcp", 3389, 3389, "0.0.0.0/0"),
        ("sg-postgres-open-v6", "tcp", 5432, 5432, "::/0"),
        ("sg-all-open", "-1", -1, -1, "0.0.0.0/0"),
        ("sg-smb-open", "tcp", 445, 445, "0.0.0.0/0"),
        ("sg-https-world", "tcp", 443, 443, "0.0.0.0/0"),
        ("sg-https-office", "tcp", 443, 443, "203.0.113.0/24"),
    ] {
        let group = ec2
            .create_security_group()
            .group_name(label)
            .description(label)
            .vpc_id(&vpc_id)
            .send()
            .await
            .unwrap();
        let range = IpPermission::builder()
            .ip_protocol(protocol)
            .from_port(from)
            .to_port(to);
        let range = if cidr.contains(':') {
            range.ipv6_ranges(Ipv6Range::builder().cidr_ipv6(cidr).build())
        } else {
            range.ip_ranges(IpRange::builder().cidr_ip(cidr).build())
        };
        ec2.authorize_security_group_ingress()
            .group_id(group.group_id().unwrap())
            .ip_permissions(range.build())
            .send()
            .await
            .unwrap();
        ids.put(label, group.group_id().unwrap());
    }
    // Flow log on the seeded VPC (moto's default VPC has none); moto checks the bucket exists.
    let flow_bucket = format!("flow-logs-{}", crate::moto::ACCOUNT);
    s3(conf)
        .create_bucket()
        .bucket(&flow_bucket)
        .send()
        .await
        .unwrap();
    let created = ec2
        .create_flow_logs()
        .resource_ids(&vpc_id)
        .resource_type(FlowLogsResourceType::Vpc)
        .traffic_type(TrafficType::All)
        .log_destination_type(LogDestinationType::S3)
        .log_destination(format!("arn:aws:s3:::{flow_bucket}"))
        .send()
        .await
        .unwrap();
    assert!(created.unsuccessful().is_empty(), "{created:?}");
}

/// Two instances (moto accepts any image id): one in a default (public) subnet with IMDSv1, one
/// in the private subnet with IMDSv2 required.
async fn instances(conf: &SdkConfig, ids: &mut Seeded) {
    use aws_sdk_ec2::types::*;
    let ec2 = aws_sdk_ec2::Client::new(conf);
    let exposed = ec2
        .run_instances()
        .image_id("ami-0123456789abcdef0")
        .instance_type(InstanceType::T3Micro)
        .min_count(1)
        .max_count(1)
        .send()
        .await
        .unwrap();
    ids.put(
        "instance-exposed",
        exposed.instances()[0].instance_id().unwrap(),
    );
    let hardened = ec2
        .run_instances()
        .image_id("ami-0123456789abcdef0")
        .instance_type(InstanceType::T3Micro)
        .min_count(1)
        .max_count(1)
        .subnet_id(ids.id("private-subnet"))
        .metadata_options(
            InstanceMetadataOptionsRequest::builder()
                .http_tokens(HttpTokensState::Required)
                .http_endpoint(InstanceMetadataEndpointState::Enabled)
                .build(),
        )
        .send()
        .await
        .unwrap();
    ids.put(
        "instance-hardened",
        hardened.instances()[0].instance_id().unwrap(),
    );
    // The exposed one forwards others' packets, though no route sends any through it.
    ec2.modify_instance_attribute()
        .instance_id(ids.id("instance-exposed"))
        .source_dest_check(AttributeBooleanValue::builder().value(false).build())
        .send()
        .await
        .unwrap();
    // An image of each; the exposed one's is launchable by anyone.
    for (label, instance) in [
        ("ami-public", "instance-exposed"),
        ("ami-private", "instance-hardened"),
    ] {
        let image = ec2
            .create_image()
            .instance_id(ids.id(instance))
            .name(label)
            .send()
            .await
            .unwrap();
        ids.put(label, image.image_id().unwrap());
    }
    ec2.modify_image_attribute()
        .image_id(ids.id("ami-public"))
        .launch_permission(
            LaunchPermissionModifications::builder()
                .add(
                    LaunchPermission::builder()
                        .group(PermissionGroup::All)
                        .build(),
                )
                .build(),
        )
        .send()
        .await
        .unwrap();
}

/// EBS volumes and snapshots, EBS encryption by default (on here, off in the other region), KMS
/// keys with and without rotation, and one whose key policy lets anyone in.
async fn storage(conf: &SdkConfig, account: &str, ids: &mut Seeded) {
    use aws_sdk_ec2::types::*;
    let ec2 = aws_sdk_ec2::Client::new(conf);
    let volume = |encrypted: bool| {
        ec2.create_volume()
            .availability_zone("us-east-1a")
            .size(10)
            .encrypted(encrypted)
            .send()
    };
    let encrypted = volume(true).await.unwrap();
    let plain = volume(false).await.unwrap();
    ids.put("volume-encrypted", encrypted.volume_id().unwrap());
    ids.put("volume-plain", plain.volume_id().unwrap());
    // Snapshots: one public (and unencrypted), one private and encrypted.
    let public = ec2
        .create_snapshot()
        .volume_id(plain.volume_id().unwrap())
        .description("public-snap")
        .send()
        .await
        .unwrap();
    ec2.modify_snapshot_attribute()
        .snapshot_id(public.snapshot_id().unwrap())
        .attribute(SnapshotAttributeName::CreateVolumePermission)
        .operation_type(OperationType::Add)
        .group_names("all")
        .send()
        .await
        .unwrap();
    let private = ec2
        .create_snapshot()
        .volume_id(encrypted.volume_id().unwrap())
        .description("private-snap")
        .send()
        .await
        .unwrap();
    ids.put("snapshot-public", public.snapshot_id().unwrap());
    ids.put("snapshot-private", private.snapshot_id().unwrap());
    ec2.enable_ebs_encryption_by_default().send().await.unwrap();

    let kms = aws_sdk_kms::Client::new(conf);
    let rotated = kms
        .create_key()
        .description("rotated")
        .send()
        .await
        .unwrap();
    let rotated = rotated.key_metadata().unwrap().key_id().to_string();
    kms.enable_key_rotation()
        .key_id(&rotated)
        .send()
        .await
        .unwrap();
    ids.put("key-rotated", rotated);
    let plain = kms
        .create_key()
        .description("not-rotated")
        .send()
        .await
        .unwrap();
    ids.put("key-not-rotated", plain.key_metadata().unwrap().key_id());
    let open = kms
        .create_key()
        .description("open-to-anyone")
        .policy(policy(&format!(
            r#"{{"Sid":"Admin","Effect":"Allow","Principal":{{"AWS":"arn:aws:iam::{account}:root"}},"Action":"kms:*","Resource":"*"}},{{"Sid":"Anyone","Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Resource":"*"}}"#
        )))
        .send()
        .await
        .unwrap();
    ids.put("key-open", open.key_metadata().unwrap().key_id());
    let retired = kms
        .create_key()
        .description("retired")
        .send()
        .await
        .unwrap();
    let retired = retired.key_metadata().unwrap().key_id().to_string();
    kms.schedule_key_deletion()
        .key_id(&retired)
        .pending_window_in_days(7)
        .send()
        .await
        .unwrap();
    ids.put("key-retired", retired);
}

/// RDS: a public, unencrypted instance with one day of backups, no automatic minor upgrades,
/// no deletion protection, no IAM authentication, no log exports and the default master user;
/// a private encrypted one with all of those right; clusters the same two ways; snapshots
/// public and unencrypted, private and encrypted.
async fn databases(conf: &SdkConfig) {
    let rds = aws_sdk_rds::Client::new(conf);
    for (name, good, backup_days) in [("open-db", false, 1), ("vault-db", true, 7)] {
        rds.create_db_instance()
            .db_instance_identifier(name)
            .db_instance_class("db.t3.micro")
            .engine("postgres")
            .master_username(if good { "vault_owner" } else { "postgres" })
            .master_user_password("Xx-very-long-pass-3")
            .allocated_storage(20)
            .storage_encrypted(good)
            .publicly_accessible(!good)
            .backup_retention_period(backup_days)
            .auto_minor_version_upgrade(good)
            .deletion_protection(good)
            .enable_iam_database_authentication(good)
            .set_enable_cloudwatch_logs_exports(
                good.then(|| vec!["postgresql".to_string(), "upgrade".to_string()]),
            )
            .multi_az(good)
            .monitoring_interval(if good { 60 } else { 0 })
            .set_monitoring_role_arn(
                good.then(|| "arn:aws:iam::123456789012:role/rds-monitoring".to_string()),
            )
            .copy_tags_to_snapshot(good)
            .send()
            .await
            .unwrap();
    }
    for (name, good) in [("plain-cluster", false), ("vault-cluster", true)] {
        rds.create_db_cluster()
            .db_cluster_identifier(name)
            .engine("aurora-postgresql")
            .master_username(if good { "claims_owner" } else { "postgres" })
            .master_user_password("Xx-very-long-pass-4")
            .storage_encrypted(good)
            .deletion_protection(good)
            .enable_iam_database_authentication(good)
            .set_enable_cloudwatch_logs_exports(good.then(|| vec!["postgresql".to_string()]))
            .send()
            .await
            .unwrap();
    }
    for (snapshot, db) in [("shared-snap", "open-db"), ("kept-snap", "vault-db")] {
        rds.create_db_snapshot()
            .db_snapshot_identifier(snapshot)
            .db_instance_identifier(db)
            .send()
            .await
            .unwrap();
    }
    rds.modify_db_snapshot_attribute()
        .db_snapshot_identifier("shared-snap")
        .attribute_name("restore")
        .values_to_add("all")
        .send()
        .await
        .unwrap();
}

/// S3: a well-configured bucket (encryption, versioning, TLS-only policy, public access block,
/// access logging), a bare one, a public website bucket, and the log target.
async fn buckets(conf: &SdkConfig, account: &str) {
    use aws_sdk_s3::types::*;
    let s3 = s3(conf);
    let name = |b: &str| format!("{b}-{account}");
    for b in [
        "good-bucket-1",
        "bare-bucket-1",
        "public-site",
        "access-logs",
    ] {
        s3.create_bucket().bucket(name(b)).send().await.unwrap();
    }
    let good = name("good-bucket-1");
    s3.put_bucket_encryption()
        .bucket(&good)
        .server_side_encryption_configuration(
            ServerSideEncryptionConfiguration::builder()
                .rules(
                    ServerSideEncryptionRule::builder()
                        .apply_server_side_encryption_by_default(
                            ServerSideEncryptionByDefault::builder()
                                .sse_algorithm(ServerSideEncryption::Aes256)
                                .build()
                                .unwrap(),
                        )
                        .build(),
                )
                .build()
                .unwrap(),
        )
        .send()
        .await
        .unwrap();
    s3.put_bucket_versioning()
        .bucket(&good)
        .versioning_configuration(
            VersioningConfiguration::builder()
                .status(BucketVersioningStatus::Enabled)
                .build(),
        )
        .send()
        .await
        .unwrap();
    s3.put_bucket_policy()
        .bucket(&good)
        .policy(policy(&format!(
            r#"{{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::{good}","arn:aws:s3:::{good}/*"],"Condition":{{"Bool":{{"aws:SecureTransport":"false"}}}}}}"#
        )))
        .send()
        .await
        .unwrap();
    s3.put_public_access_block()
        .bucket(&good)
        .public_access_block_configuration(
            PublicAccessBlockConfiguration::builder()
                .block_public_acls(true)
                .ignore_public_acls(true)
                .block_public_policy(true)
                .restrict_public_buckets(true)
                .build(),
        )
        .send()
        .await
        .unwrap();
    s3.put_bucket_acl()
        .bucket(name("access-logs"))
        .grant_write("uri=http://acs.amazonaws.com/groups/s3/LogDelivery")
        .grant_read_acp("uri=http://acs.amazonaws.com/groups/s3/LogDelivery")
        .send()
        .await
        .unwrap();
    s3.put_bucket_logging()
        .bucket(&good)
        .bucket_logging_status(
            BucketLoggingStatus::builder()
                .logging_enabled(
                    LoggingEnabled::builder()
                        .target_bucket(name("access-logs"))
                        .target_prefix("good/")
                        .build()
                        .unwrap(),
                )
                .build(),
        )
        .send()
        .await
        .unwrap();
    let site = name("public-site");
    s3.put_bucket_policy()
        .bucket(&site)
        .policy(policy(&format!(
            r#"{{"Sid":"PublicRead","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::{site}/*"}}"#
        )))
        .send()
        .await
        .unwrap();
}

/// CloudTrail: a multi-region, validated, KMS-encrypted, logging trail and a legacy trail that
/// is none of these; GuardDuty and AWS Config on.
async fn logging(conf: &SdkConfig, account: &str, ids: &mut Seeded) {
    let trail_bucket = format!("trail-logs-{account}");
    s3(conf)
        .create_bucket()
        .bucket(&trail_bucket)
        .send()
        .await
        .unwrap();
    let kms = aws_sdk_kms::Client::new(conf);
    let key = kms
        .create_key()
        .description("trail-key")
        .send()
        .await
        .unwrap();
    let key = key.key_metadata().unwrap();
    kms.enable_key_rotation()
        .key_id(key.key_id())
        .send()
        .await
        .unwrap();
    let logs = aws_sdk_cloudwatchlogs::Client::new(conf);
    logs.create_log_group()
        .log_group_name(TRAIL_LOG_GROUP)
        .send()
        .await
        .unwrap();
    let ct = aws_sdk_cloudtrail::Client::new(conf);
    ct.create_trail()
        .name("org-audit")
        .s3_bucket_name(&trail_bucket)
        .is_multi_region_trail(true)
        .enable_log_file_validation(true)
        .kms_key_id(key.arn().unwrap())
        .cloud_watch_logs_log_group_arn(format!(
            "arn:aws:logs:{HOME}:{account}:log-group:{TRAIL_LOG_GROUP}:*"
        ))
        .cloud_watch_logs_role_arn(format!("arn:aws:iam::{account}:role/trail-to-logs"))
        .send()
        .await
        .unwrap();
    ct.put_event_selectors()
        .trail_name("org-audit")
        .event_selectors(
            aws_sdk_cloudtrail::types::EventSelector::builder()
                .read_write_type(aws_sdk_cloudtrail::types::ReadWriteType::All)
                .include_management_events(true)
                .build(),
        )
        .send()
        .await
        .unwrap();
    ct.start_logging().name("org-audit").send().await.unwrap();
    // The legacy trail delivers to a bucket that locks each log file for a year (the other
    // trail's bucket has no Object Lock).
    let locked_bucket = format!("locked-trail-logs-{account}");
    s3(conf)
        .create_bucket()
        .bucket(&locked_bucket)
        .object_lock_enabled_for_bucket(true)
        .send()
        .await
        .unwrap();
    {
        use aws_sdk_s3::types::*;
        s3(conf)
            .put_object_lock_configuration()
            .bucket(&locked_bucket)
            .object_lock_configuration(
                ObjectLockConfiguration::builder()
                    .object_lock_enabled(ObjectLockEnabled::Enabled)
                    .rule(
                        ObjectLockRule::builder()
                            .default_retention(
                                DefaultRetention::builder()
                                    .mode(ObjectLockRetentionMode::Compliance)
                                    .days(365)
                                    .build(),
                            )
                            .build(),
                    )
                    .build(),
            )
            .send()
            .await
            .unwrap();
    }
    ct.create_trail()
        .name("legacy-trail")
        .s3_bucket_name(&locked_bucket)
        .send()
        .await
        .unwrap();
    let gd = aws_sdk_guardduty::Client::new(conf);
    // Protection plans: malware scanning, runtime monitoring and EKS audit logs on (the
    // instances and clusters pass), S3 Protection off (the buckets fail), Lambda Protection not
    // listed (the functions fail).
    use aws_sdk_guardduty::types::{DetectorFeature, DetectorFeatureConfiguration, FeatureStatus};
    let plan = |name: DetectorFeature, status: FeatureStatus| {
        DetectorFeatureConfiguration::builder()
            .name(name)
            .status(status)
            .build()
    };
    let on = gd
        .create_detector()
        .enable(true)
        .features(plan(
            DetectorFeature::EbsMalwareProtection,
            FeatureStatus::Enabled,
        ))
        .features(plan(
            DetectorFeature::RuntimeMonitoring,
            FeatureStatus::Enabled,
        ))
        .features(plan(DetectorFeature::EksAuditLogs, FeatureStatus::Enabled))
        .features(plan(DetectorFeature::S3DataEvents, FeatureStatus::Disabled))
        .send()
        .await
        .unwrap();
    ids.put("detector-on", on.detector_id().unwrap());
    let config = aws_sdk_config::Client::new(conf);
    use aws_sdk_config::types::*;
    config
        .put_configuration_recorder()
        .configuration_recorder(
            ConfigurationRecorder::builder()
                .name("recorder-home")
                .role_arn(format!("arn:aws:iam::{account}:role/config-recorder"))
                .recording_group(RecordingGroup::builder().all_supported(true).build())
                .build(),
        )
        .send()
        .await
        .unwrap();
    config
        .put_delivery_channel()
        .delivery_channel(
            DeliveryChannel::builder()
                .name("default")
                .s3_bucket_name(&trail_bucket)
                .build(),
        )
        .send()
        .await
        .unwrap();
    config
        .start_configuration_recorder()
        .configuration_recorder_name("recorder-home")
        .send()
        .await
        .unwrap();
}

/// SQS and SNS: for each of the four messaging policies one failing and one passing queue or
/// topic. Queues get SSE-SQS unless told otherwise (as on AWS); topics get moto's default policy
/// (any principal, restricted to the owner account by a Condition).
async fn messaging(conf: &SdkConfig, account: &str) {
    use aws_sdk_sqs::types::QueueAttributeName as Q;
    let sqs = aws_sdk_sqs::Client::new(conf);
    let open = |resource: &str, action: &str| {
        policy(&format!(
            r#"{{"Sid":"Anyone","Effect":"Allow","Principal":"*","Action":"{action}","Resource":"{resource}"}}"#
        ))
    };
    sqs.create_queue()
        .queue_name("orders-plain")
        .attributes(Q::SqsManagedSseEnabled, "false")
        .send()
        .await
        .unwrap();
    let fed = format!("arn:aws:sqs:{HOME}:{account}:orders-kms");
    let from_topic = policy(&format!(
        r#"{{"Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"{fed}","Condition":{{"ArnEquals":{{"aws:SourceArn":"arn:aws:sns:{HOME}:{account}:alerts-kms"}}}}}}"#
    ));
    sqs.create_queue()
        .queue_name("orders-kms")
        .attributes(Q::KmsMasterKeyId, "alias/aws/sqs")
        .attributes(Q::Policy, from_topic)
        .tags("team", "orders")
        .send()
        .await
        .unwrap();
    let queue = format!("arn:aws:sqs:{HOME}:{account}:orders-open");
    sqs.create_queue()
        .queue_name("orders-open")
        .attributes(Q::Policy, open(&queue, "sqs:SendMessage"))
        .send()
        .await
        .unwrap();

    let sns = aws_sdk_sns::Client::new(conf);
    sns.create_topic()
        .name("alerts-plain")
        .send()
        .await
        .unwrap();
    sns.create_topic()
        .name("alerts-kms")
        .attributes("KmsMasterKeyId", "alias/aws/sns")
        .send()
        .await
        .unwrap();
    let topic = format!("arn:aws:sns:{HOME}:{account}:alerts-open");
    sns.create_topic()
        .name("alerts-open")
        .attributes("KmsMasterKeyId", "alias/aws/sns")
        .attributes("Policy", open(&topic, "sns:Subscribe"))
        .send()
        .await
        .unwrap();
}

/// EFS: an unencrypted file system without automatic backups and an encrypted one with them;
/// on the second, an access point rooted at `/` with no POSIX user and one that confines
/// clients to `/reports` as uid 1001.
async fn file_systems(conf: &SdkConfig, ids: &mut Seeded) {
    use aws_sdk_efs::types::{PosixUser, RootDirectory, Tag};
    let efs = aws_sdk_efs::Client::new(conf);
    let name = |n: &str| Tag::builder().key("Name").value(n).build().unwrap();
    let plain = efs
        .create_file_system()
        .creation_token("shared-plain")
        .encrypted(false)
        .tags(name("shared-plain"))
        .send()
        .await
        .unwrap();
    ids.put("fs-plain", plain.file_system_id());
    let kms = efs
        .create_file_system()
        .creation_token("shared-kms")
        .encrypted(true)
        .backup(true)
        .tags(name("shared-kms"))
        .send()
        .await
        .unwrap();
    ids.put("fs-kms", kms.file_system_id());
    let open = efs
        .create_access_point()
        .client_token("ap-open")
        .file_system_id(kms.file_system_id())
        .send()
        .await
        .unwrap();
    ids.put("ap-open", open.access_point_id().unwrap());
    let reports = efs
        .create_access_point()
        .client_token("ap-reports")
        .file_system_id(kms.file_system_id())
        .root_directory(RootDirectory::builder().path("/reports").build())
        .posix_user(PosixUser::builder().uid(1001).gid(1001).build().unwrap())
        .send()
        .await
        .unwrap();
    ids.put("ap-reports", reports.access_point_id().unwrap());
}

/// A self-signed certificate for the private key at `key`, valid from an hour ago until a day
/// from now (`tests/support/short_lived_cert.py`, with the Python of moto's virtualenv).
fn short_lived_certificate(key: &std::path::Path, common_name: &str) -> Vec<u8> {
    let script =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/short_lived_cert.py");
    let out = std::process::Command::new(crate::moto::python())
        .arg(script)
        .arg(key)
        .arg(common_name)
        .output()
        .expect("run the Python of moto's virtualenv (.ci/run creates it)");
    assert!(
        out.status.success(),
        "short_lived_cert.py: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Load balancers in the seeded VPC: `web-weak` (an internal ALB serving plain HTTP, TLS 1.0
/// accepted, no logs, no deletion protection, invalid headers kept, desync only monitored),
/// `web-strict` (the same with every setting right) and `nlb-one-zone` (a network load
/// balancer in one Availability Zone, deletion protection off).
async fn load_balancers(conf: &SdkConfig, ids: &mut Seeded) {
    use aws_sdk_elasticloadbalancingv2::types::*;
    let ec2 = aws_sdk_ec2::Client::new(conf);
    let elb = aws_sdk_elasticloadbalancingv2::Client::new(conf);
    let mut subnets = Vec::new();
    for (label, cidr, zone) in [
        ("subnet-a", "10.20.8.0/24", "us-east-1a"),
        ("subnet-b", "10.20.9.0/24", "us-east-1b"),
    ] {
        let subnet = ec2
            .create_subnet()
            .vpc_id(ids.id("vpc"))
            .cidr_block(cidr)
            .availability_zone(zone)
            .send()
            .await
            .unwrap();
        let id = subnet.subnet().unwrap().subnet_id().unwrap().to_string();
        ids.put(label, &id);
        subnets.push(id);
    }
    // web-weak serves an imported 1024-bit certificate that expires a day from now (made now:
    // moto refuses an expired one), web-strict one ACM issued.
    let acm = aws_sdk_acm::Client::new(conf);
    let key = crate::common::fixture("acm/legacy-1024.key");
    let legacy = acm
        .import_certificate()
        .certificate(short_lived_certificate(&key, "legacy.example.test").into())
        .private_key(std::fs::read(&key).unwrap().into())
        .send()
        .await
        .unwrap()
        .certificate_arn()
        .unwrap()
        .to_string();
    let issued = acm
        .request_certificate()
        .domain_name("strict.example.test")
        .send()
        .await
        .unwrap()
        .certificate_arn()
        .unwrap()
        .to_string();
    let create = |name: &str, kind: LoadBalancerTypeEnum, subnets: &[String]| {
        elb.create_load_balancer()
            .name(name)
            .r#type(kind)
            .scheme(LoadBalancerSchemeEnum::Internal)
            .set_subnets(Some(subnets.to_vec()))
            .send()
    };
    let arn = |out: aws_sdk_elasticloadbalancingv2::operation::create_load_balancer::CreateLoadBalancerOutput| {
        out.load_balancers()[0].load_balancer_arn().unwrap().to_string()
    };
    let attribute = |k: &str, v: &str| LoadBalancerAttribute::builder().key(k).value(v).build();
    let answer = Action::builder()
        .r#type(ActionTypeEnum::FixedResponse)
        .fixed_response_config(
            FixedResponseActionConfig::builder()
                .status_code("200")
                .build(),
        )
        .build();
    let to_https = Action::builder()
        .r#type(ActionTypeEnum::Redirect)
        .redirect_config(
            RedirectActionConfig::builder()
                .protocol("HTTPS")
                .port("443")
                .status_code(RedirectActionStatusCodeEnum::Http301)
                .build(),
        )
        .build();
    for (name, good) in [("web-weak", false), ("web-strict", true)] {
        let lb = arn(create(name, LoadBalancerTypeEnum::Application, &subnets)
            .await
            .unwrap());
        let on = if good { "true" } else { "false" };
        elb.modify_load_balancer_attributes()
            .load_balancer_arn(&lb)
            .attributes(attribute("deletion_protection.enabled", on))
            .attributes(attribute("access_logs.s3.enabled", on))
            .attributes(attribute("access_logs.s3.bucket", "elb-logs"))
            .attributes(attribute(
                "routing.http.drop_invalid_header_fields.enabled",
                on,
            ))
            .attributes(attribute(
                "routing.http.desync_mitigation_mode",
                if good { "strictest" } else { "monitor" },
            ))
            .send()
            .await
            .unwrap();
        elb.create_listener()
            .load_balancer_arn(&lb)
            .protocol(ProtocolEnum::Http)
            .port(80)
            .default_actions(if good {
                to_https.clone()
            } else {
                answer.clone()
            })
            .send()
            .await
            .unwrap();
        elb.create_listener()
            .load_balancer_arn(&lb)
            .protocol(ProtocolEnum::Https)
            .port(443)
            .ssl_policy(if good {
                "ELBSecurityPolicy-TLS13-1-2-2021-06"
            } else {
                "ELBSecurityPolicy-2016-08"
            })
            .certificates(
                Certificate::builder()
                    .certificate_arn(if good { &issued } else { &legacy })
                    .build(),
            )
            .default_actions(answer.clone())
            .send()
            .await
            .unwrap();
    }
    let nlb = arn(
        create("nlb-one-zone", LoadBalancerTypeEnum::Network, &subnets[..1])
            .await
            .unwrap(),
    );
    let group = elb
        .create_target_group()
        .name("ledger-db")
        .protocol(ProtocolEnum::Tcp)
        .port(5432)
        .vpc_id(ids.id("vpc"))
        .send()
        .await
        .unwrap();
    let group = group.target_groups()[0].target_group_arn().unwrap();
    elb.create_listener()
        .load_balancer_arn(&nlb)
        .protocol(ProtocolEnum::Tcp)
        .port(5432)
        .default_actions(
            Action::builder()
                .r#type(ActionTypeEnum::Forward)
                .target_group_arn(group)
                .build(),
        )
        .send()
        .await
        .unwrap();
}

/// DynamoDB: `orders-plain` as created by default (AWS owned key, no deletion protection, no
/// point-in-time recovery) and `orders-guarded` with a KMS key, deletion protection and PITR.
async fn tables(conf: &SdkConfig, ids: &Seeded) {
    use aws_sdk_dynamodb::types::*;
    let ddb = aws_sdk_dynamodb::Client::new(conf);
    for (name, guarded) in [("orders-plain", false), ("orders-guarded", true)] {
        let mut create = ddb
            .create_table()
            .table_name(name)
            .billing_mode(BillingMode::PayPerRequest)
            .key_schema(
                KeySchemaElement::builder()
                    .attribute_name("id")
                    .key_type(KeyType::Hash)
                    .build()
                    .unwrap(),
            )
            .attribute_definitions(
                AttributeDefinition::builder()
                    .attribute_name("id")
                    .attribute_type(ScalarAttributeType::S)
                    .build()
                    .unwrap(),
            )
            .tags(Tag::builder().key("Name").value(name).build().unwrap());
        if guarded {
            create = create.deletion_protection_enabled(true).sse_specification(
                SseSpecification::builder()
                    .enabled(true)
                    .sse_type(SseType::Kms)
                    .kms_master_key_id(ids.id("key-rotated"))
                    .build(),
            );
        }
        create.send().await.unwrap();
        if guarded {
            ddb.update_continuous_backups()
                .table_name(name)
                .point_in_time_recovery_specification(
                    PointInTimeRecoverySpecification::builder()
                        .point_in_time_recovery_enabled(true)
                        .build()
                        .unwrap(),
                )
                .send()
                .await
                .unwrap();
        }
    }
}

/// Secrets Manager: `app-plain` without rotation and with a policy open to any principal,
/// `app-rotated` rotated every 30 days with no policy. (moto dates everything now, so the
/// overdue-rotation and unused-secret policies can only pass here; the demo fails them.)
async fn secrets(conf: &SdkConfig) {
    use aws_sdk_secretsmanager::types::RotationRulesType;
    let sm = aws_sdk_secretsmanager::Client::new(conf);
    for name in ["app-plain", "app-rotated"] {
        sm.create_secret()
            .name(name)
            .secret_string("not-a-real-password")
            .send()
            .await
            .unwrap();
    }
    sm.put_resource_policy()
        .secret_id("app-plain")
        .resource_policy(policy(
            r#"{"Effect":"Allow","Principal":"*","Action":"secretsmanager:GetSecretValue","Resource":"*"}"#,
        ))
        .send()
        .await
        .unwrap();
    sm.rotate_secret()
        .secret_id("app-rotated")
        .rotation_rules(
            RotationRulesType::builder()
                .automatically_after_days(30)
                .build(),
        )
        .send()
        .await
        .unwrap();
}

/// Lambda: `report-builder` on a deprecated runtime, with a password in its environment, a
/// policy that lets anyone invoke it and subnets in one zone; `thumbnailer` on a current
/// runtime with only a reference to its secret, no policy, and subnets in two zones. (moto
/// cannot list function URLs, so `lambda-function-url-public` is `not-evaluated` here.)
async fn functions(conf: &SdkConfig, account: &str, ids: &Seeded) {
    use aws_sdk_lambda::primitives::Blob;
    use aws_sdk_lambda::types::{Environment, FunctionCode, Runtime, VpcConfig};
    let iam = aws_sdk_iam::Client::new(conf);
    iam.create_role()
        .role_name("lambda-exec")
        .assume_role_policy_document(policy(
            r#"{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}"#,
        ))
        .send()
        .await
        .unwrap();
    let lambda = aws_sdk_lambda::Client::new(conf);
    let functions = [
        (
            "report-builder",
            Runtime::Python38,
            [
                ("DB_PASSWORD", "not-a-real-password"),
                ("LOG_LEVEL", "info"),
            ],
            [ids.id("private-subnet"), ids.id("subnet-a")],
        ),
        (
            "thumbnailer",
            Runtime::Python313,
            [
                (
                    "DB_PASSWORD_ARN",
                    "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf",
                ),
                ("LOG_LEVEL", "info"),
            ],
            [ids.id("subnet-a"), ids.id("subnet-b")],
        ),
    ];
    for (name, runtime, env, subnets) in functions {
        let mut variables = Environment::builder();
        for (k, v) in env {
            variables = variables.variables(k, v);
        }
        lambda
            .create_function()
            .function_name(name)
            .runtime(runtime)
            .role(format!("arn:aws:iam::{account}:role/lambda-exec"))
            .handler("main.handler")
            .code(FunctionCode::builder().zip_file(Blob::new("code")).build())
            .environment(variables.build())
            .vpc_config(
                VpcConfig::builder()
                    .set_subnet_ids(Some(subnets.iter().map(|s| s.to_string()).collect()))
                    // moto fails (HTTP 500) without the list, even empty.
                    .set_security_group_ids(Some(Vec::new()))
                    .build(),
            )
            .send()
            .await
            .unwrap();
    }
    lambda
        .add_permission()
        .function_name("report-builder")
        .statement_id("anyone")
        .action("lambda:InvokeFunction")
        .principal("*")
        .send()
        .await
        .unwrap();
}

/// ECR: `legacy-images` as created by default (mutable tags, no scan on push) with no
/// lifecycle policy and a policy that lets anyone pull; `app-images` immutable, scanned on
/// push, with a lifecycle policy and no repository policy.
async fn repositories(conf: &SdkConfig) {
    use aws_sdk_ecr::types::{ImageScanningConfiguration, ImageTagMutability};
    let ecr = aws_sdk_ecr::Client::new(conf);
    ecr.create_repository()
        .repository_name("legacy-images")
        .send()
        .await
        .unwrap();
    ecr.set_repository_policy()
        .repository_name("legacy-images")
        .policy_text(policy(
            r#"{"Sid":"pull","Effect":"Allow","Principal":"*","Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"]}"#,
        ))
        .send()
        .await
        .unwrap();
    ecr.create_repository()
        .repository_name("app-images")
        .image_tag_mutability(ImageTagMutability::Immutable)
        .image_scanning_configuration(
            ImageScanningConfiguration::builder()
                .scan_on_push(true)
                .build(),
        )
        .send()
        .await
        .unwrap();
    ecr.put_lifecycle_policy()
        .repository_name("app-images")
        .lifecycle_policy_text(
            r#"{"rules":[{"rulePriority":1,"selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":14},"action":{"type":"expire"}}]}"#,
        )
        .send()
        .await
        .unwrap();
}

/// EKS: `open-cluster` on Kubernetes 1.29 with its endpoint open to the internet, no KMS key
/// and no control-plane logs; `locked-cluster` on 1.34, private endpoint only, secrets under
/// a KMS key, API and audit logs on.
async fn clusters(conf: &SdkConfig, account: &str, ids: &Seeded) {
    use aws_sdk_eks::types::*;
    let eks = aws_sdk_eks::Client::new(conf);
    let role = format!("arn:aws:iam::{account}:role/lambda-exec");
    let subnets = vec![
        ids.id("subnet-a").to_string(),
        ids.id("subnet-b").to_string(),
    ];
    eks.create_cluster()
        .name("open-cluster")
        .version("1.29")
        .role_arn(&role)
        .resources_vpc_config(
            VpcConfigRequest::builder()
                .set_subnet_ids(Some(subnets.clone()))
                .endpoint_public_access(true)
                .public_access_cidrs("0.0.0.0/0")
                .build(),
        )
        .send()
        .await
        .unwrap();
    eks.create_cluster()
        .name("locked-cluster")
        .version("1.34")
        .role_arn(&role)
        .resources_vpc_config(
            VpcConfigRequest::builder()
                .set_subnet_ids(Some(subnets))
                .endpoint_public_access(false)
                .endpoint_private_access(true)
                .build(),
        )
        .encryption_config(
            EncryptionConfig::builder()
                .provider(
                    Provider::builder()
                        .key_arn(format!("arn:aws:kms:{HOME}:{account}:key/eks-secrets"))
                        .build(),
                )
                .build(),
        )
        .logging(
            Logging::builder()
                .cluster_logging(
                    LogSetup::builder()
                        .types(LogType::Api)
                        .types(LogType::Audit)
                        .enabled(true)
                        .build(),
                )
                .build(),
        )
        .send()
        .await
        .unwrap();
}

/// Redshift: `open-wh` public, unencrypted, with one day of snapshots, no audit logging, no
/// version upgrades, no enhanced VPC routing, and the default admin user and database names;
/// `sealed-wh` the opposite of each. (moto cannot change
/// a parameter group, so both leave `require_ssl` false.)
async fn warehouses(conf: &SdkConfig) {
    let rs = aws_sdk_redshift::Client::new(conf);
    for (id, good) in [("open-wh", false), ("sealed-wh", true)] {
        rs.create_cluster()
            .cluster_identifier(id)
            .node_type("ra3.xlplus")
            .master_username(if good { "dw_admin" } else { "awsuser" })
            .set_db_name(good.then(|| "warehouse".to_string()))
            .master_user_password("Not-a-real-passw0rd")
            .publicly_accessible(!good)
            .encrypted(good)
            .automated_snapshot_retention_period(if good { 7 } else { 1 })
            .allow_version_upgrade(good)
            .enhanced_vpc_routing(good)
            .send()
            .await
            .unwrap();
    }
    rs.enable_logging()
        .cluster_identifier("sealed-wh")
        .bucket_name("redshift-audit")
        .send()
        .await
        .unwrap();
}

/// ElastiCache: `plain-cache` as created by default (no encryption, no AUTH, no backups, no
/// automatic failover); `sealed-cache` encrypted at rest and in transit, with an AUTH token,
/// 3 days of backups, two nodes with automatic failover, and minor upgrades.
async fn caches(conf: &SdkConfig) {
    let ec = aws_sdk_elasticache::Client::new(conf);
    ec.create_replication_group()
        .replication_group_id("plain-cache")
        .replication_group_description("no protection")
        .engine("redis")
        .cache_node_type("cache.t3.micro")
        .send()
        .await
        .unwrap();
    ec.create_replication_group()
        .replication_group_id("sealed-cache")
        .replication_group_description("encrypted, authenticated, backed up")
        .engine("redis")
        .cache_node_type("cache.t3.micro")
        .at_rest_encryption_enabled(true)
        .transit_encryption_enabled(true)
        .auth_token("not-a-real-auth-token-0123")
        .snapshot_retention_limit(3)
        .num_cache_clusters(2)
        .automatic_failover_enabled(true)
        .auto_minor_version_upgrade(true)
        .send()
        .await
        .unwrap();
}

/// OpenSearch: `logs-open` on the internet with an access policy open to anyone, one node and
/// every protection and log off; `logs-sealed` in a VPC on three nodes with everything on.
async fn search_domains(conf: &SdkConfig, account: &str) {
    use aws_sdk_opensearch::types::*;
    let os = aws_sdk_opensearch::Client::new(conf);
    os.create_domain()
        .domain_name("logs-open")
        .access_policies(policy(&format!(
            r#"{{"Effect":"Allow","Principal":{{"AWS":"*"}},"Action":"es:*","Resource":"arn:aws:es:{HOME}:{account}:domain/logs-open/*"}}"#
        )))
        .send()
        .await
        .unwrap();
    os.create_domain()
        .domain_name("logs-sealed")
        .encryption_at_rest_options(EncryptionAtRestOptions::builder().enabled(true).build())
        .node_to_node_encryption_options(
            NodeToNodeEncryptionOptions::builder().enabled(true).build(),
        )
        .domain_endpoint_options(
            DomainEndpointOptions::builder()
                .enforce_https(true)
                .tls_security_policy(TlsSecurityPolicy::PolicyMinTls12201907)
                .build(),
        )
        .advanced_security_options(
            AdvancedSecurityOptionsInput::builder()
                .enabled(true)
                .internal_user_database_enabled(true)
                .master_user_options(
                    MasterUserOptions::builder()
                        .master_user_name("admin")
                        .master_user_password("Not-a-real-passw0rd")
                        .build(),
                )
                .build(),
        )
        .vpc_options(VpcOptions::builder().subnet_ids("subnet-12345678").build())
        .cluster_config(ClusterConfig::builder().instance_count(3).build())
        .log_publishing_options(
            LogType::EsApplicationLogs,
            LogPublishingOption::builder()
                .cloud_watch_logs_log_group_arn(format!(
                    "arn:aws:logs:{HOME}:{account}:log-group:opensearch-errors"
                ))
                .enabled(true)
                .build(),
        )
        .log_publishing_options(
            LogType::AuditLogs,
            LogPublishingOption::builder()
                .cloud_watch_logs_log_group_arn(format!(
                    "arn:aws:logs:{HOME}:{account}:log-group:opensearch-audit"
                ))
                .enabled(true)
                .build(),
        )
        .send()
        .await
        .unwrap();
}

/// The log group the multi-region trail delivers to.
pub const TRAIL_LOG_GROUP: &str = "org-audit-trail";

/// CIS monitoring on the trail's log group: three patterns monitored all the way (4.1 with the
/// benchmark's filter, 4.3, and 4.5 written another way), and one broken link each for five
/// more: a filter that misses events (4.4), one that counts every sign-in (4.2), a filter
/// without an alarm (4.6), an alarm with its actions off (4.7), an alarm whose only action is
/// a topic nobody subscribed to (4.8). The other seven have no filter at all. Plus two log
/// groups for the encryption and retention policies.
async fn monitoring(conf: &SdkConfig, account: &str) {
    let logs = aws_sdk_cloudwatchlogs::Client::new(conf);
    let central = "arn:aws:sns:us-east-1:999988887777:central-security";
    let lonely = format!("arn:aws:sns:{HOME}:{account}:alerts-plain");
    // (filter name, pattern, alarm: (actions enabled, action))
    type Filter<'a> = (&'a str, &'a str, Option<(bool, &'a str)>);
    let filters: [Filter; 8] = [
        ("cis-4.1", r#"{($.errorCode="*UnauthorizedOperation")||($.errorCode="AccessDenied*")&&($.sourceIPAddress!="delivery.logs.amazonaws.com")&&($.eventName!="HeadBucket")}"#, Some((true, central))),
        ("cis-4.3", r#"{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }"#, Some((true, central))),
        ("cis-4.5", r#"{($.eventName="StopLogging")||($.eventName="StartLogging")||($.eventName="DeleteTrail")||($.eventName="UpdateTrail")||($.eventName="CreateTrail")}"#, Some((true, central))),
        ("cis-4.4", "{ ($.eventName = PutUserPolicy) || ($.eventName = PutRolePolicy) || ($.eventName = AttachRolePolicy) || ($.eventName = AttachUserPolicy) }", Some((true, central))),
        ("cis-4.2", r#"{ $.eventName = "ConsoleLogin" }"#, Some((true, central))),
        ("cis-4.6", r#"{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }"#, None),
        ("cis-4.7", "{ ($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion)) }", Some((false, central))),
        ("cis-4.8", "{ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl) || ($.eventName = PutBucketPolicy) || ($.eventName = PutBucketCors) || ($.eventName = PutBucketLifecycle) || ($.eventName = PutBucketReplication) || ($.eventName = DeleteBucketPolicy) || ($.eventName = DeleteBucketCors) || ($.eventName = DeleteBucketLifecycle) || ($.eventName = DeleteBucketReplication)) }", Some((true, &lonely))),
    ];
    let cw = aws_sdk_cloudwatch::Client::new(conf);
    for (name, pattern, alarm) in filters {
        logs.put_metric_filter()
            .log_group_name(TRAIL_LOG_GROUP)
            .filter_name(name)
            .filter_pattern(pattern)
            .metric_transformations(
                aws_sdk_cloudwatchlogs::types::MetricTransformation::builder()
                    .metric_name(name)
                    .metric_namespace("CISBenchmark")
                    .metric_value("1")
                    .build()
                    .unwrap(),
            )
            .send()
            .await
            .unwrap();
        let Some((enabled, action)) = alarm else {
            continue;
        };
        cw.put_metric_alarm()
            .alarm_name(name)
            .metric_name(name)
            .namespace("CISBenchmark")
            .statistic(aws_sdk_cloudwatch::types::Statistic::Sum)
            .period(300)
            .evaluation_periods(1)
            .threshold(1.0)
            .comparison_operator(
                aws_sdk_cloudwatch::types::ComparisonOperator::GreaterThanOrEqualToThreshold,
            )
            .actions_enabled(enabled)
            .alarm_actions(action)
            .send()
            .await
            .unwrap();
    }
    logs.put_retention_policy()
        .log_group_name(TRAIL_LOG_GROUP)
        .retention_in_days(30)
        .send()
        .await
        .unwrap();
    let kms = aws_sdk_kms::Client::new(conf);
    let key = kms
        .create_key()
        .description("logs-key")
        .send()
        .await
        .unwrap();
    let key_id = key.key_metadata().unwrap().key_id();
    kms.enable_key_rotation()
        .key_id(key_id)
        .send()
        .await
        .unwrap();
    logs.create_log_group()
        .log_group_name("app-logs-kept")
        .kms_key_id(key.key_metadata().unwrap().arn().unwrap())
        .send()
        .await
        .unwrap();
}

/// The other region: a GuardDuty detector that is switched off; no AWS Config recorder, EBS
/// encryption by default left off and Security Hub not enabled (it is in the home region).
async fn other_region(conf: &SdkConfig, ids: &mut Seeded) {
    let gd = aws_sdk_guardduty::Client::new(conf);
    let off = gd.create_detector().enable(false).send().await.unwrap();
    ids.put("detector-off", off.detector_id().unwrap());
}

/// ECS: `ecs-bad` on the host network and PID namespace with a privileged agent, a root worker
/// holding a literal password in its environment, writable root file systems and no log
/// configuration; `ecs-good` on awsvpc, non-root, read-only, logging, its secret injected.
async fn task_definitions(conf: &SdkConfig) {
    use aws_sdk_ecs::types::*;
    let ecs = aws_sdk_ecs::Client::new(conf);
    let env = |n: &str, v: &str| KeyValuePair::builder().name(n).value(v).build();
    ecs.register_task_definition()
        .family("ecs-bad")
        .network_mode(NetworkMode::Host)
        .pid_mode(PidMode::Host)
        .container_definitions(
            ContainerDefinition::builder()
                .name("worker")
                .image("example/worker:1")
                .memory(128)
                .environment(env("DB_PASSWORD", "hunter2-but-longer"))
                .environment(env("LOG_LEVEL", "debug"))
                .build(),
        )
        .container_definitions(
            ContainerDefinition::builder()
                .name("agent")
                .image("example/agent:1")
                .memory(128)
                .privileged(true)
                .build(),
        )
        .send()
        .await
        .unwrap();
    ecs.register_task_definition()
        .family("ecs-good")
        .network_mode(NetworkMode::Awsvpc)
        .container_definitions(
            ContainerDefinition::builder()
                .name("api")
                .image("example/api:1")
                .memory(128)
                .user("10001")
                .readonly_root_filesystem(true)
                .environment(env("LOG_LEVEL", "info"))
                .secrets(
                    Secret::builder()
                        .name("DB_PASSWORD")
                        .value_from("arn:aws:secretsmanager:us-east-1:123456789012:secret:db")
                        .build()
                        .unwrap(),
                )
                .log_configuration(
                    LogConfiguration::builder()
                        .log_driver(LogDriver::Awslogs)
                        .build()
                        .unwrap(),
                )
                .build(),
        )
        .tags(Tag::builder().key("owner").value("payments").build())
        .send()
        .await
        .unwrap();
}

/// Edge: AWS WAF web ACLs (`empty-acl`, regional, no rules and no logging, in front of the
/// internet-facing ALB `edge-guarded`; `edge-acl`, CloudFront scope, a managed rule group and
/// logging) and two CloudFront distributions: `cf-open` (HTTP viewers, the default certificate,
/// an HTTP-only origin and a TLS 1.0 one, no web ACL, no logging) and `cf-locked` (HTTPS only,
/// an ACM certificate with TLSv1.2_2021, one HTTPS origin on TLS 1.2, `edge-acl`, access logs
/// delivered through CloudWatch Logs). `edge-open` is an internet-facing ALB without a web ACL.
async fn edge(conf: &SdkConfig, account: &str, ids: &mut Seeded) {
    use aws_sdk_cloudfront::types as cf;
    use aws_sdk_wafv2::types as waf;
    let wafv2 = aws_sdk_wafv2::Client::new(conf);
    let visibility = waf::VisibilityConfig::builder()
        .sampled_requests_enabled(true)
        .cloud_watch_metrics_enabled(true)
        .metric_name("acl")
        .build()
        .unwrap();
    let allow = waf::DefaultAction::builder()
        .allow(waf::AllowAction::builder().build())
        .build();
    let empty = wafv2
        .create_web_acl()
        .name("empty-acl")
        .scope(waf::Scope::Regional)
        .default_action(allow.clone())
        .visibility_config(visibility.clone())
        .send()
        .await
        .unwrap();
    let empty = empty.summary().unwrap().arn().unwrap().to_string();
    ids.put("waf-empty", &empty);
    let guarded = wafv2
        .create_web_acl()
        .name("edge-acl")
        .scope(waf::Scope::Cloudfront)
        .default_action(allow)
        .visibility_config(visibility.clone())
        .rules(
            waf::Rule::builder()
                .name("core")
                .priority(0)
                .statement(
                    waf::Statement::builder()
                        .managed_rule_group_statement(
                            waf::ManagedRuleGroupStatement::builder()
                                .vendor_name("AWS")
                                .name("AWSManagedRulesCommonRuleSet")
                                .build()
                                .unwrap(),
                        )
                        .build(),
                )
                .override_action(
                    waf::OverrideAction::builder()
                        .none(waf::NoneAction::builder().build())
                        .build(),
                )
                .visibility_config(visibility)
                .build()
                .unwrap(),
        )
        .send()
        .await
        .unwrap();
    let guarded = guarded.summary().unwrap().arn().unwrap().to_string();
    wafv2
        .put_logging_configuration()
        .logging_configuration(
            waf::LoggingConfiguration::builder()
                .resource_arn(&guarded)
                .log_destination_configs(format!(
                    "arn:aws:logs:{HOME}:{account}:log-group:aws-waf-logs-edge"
                ))
                .build()
                .unwrap(),
        )
        .send()
        .await
        .unwrap();

    // Two internet-facing ALBs with every attribute policy satisfied and no listeners, so only
    // the web ACL tells them apart.
    {
        use aws_sdk_elasticloadbalancingv2::types::*;
        let elb = aws_sdk_elasticloadbalancingv2::Client::new(conf);
        for name in ["edge-open", "edge-guarded"] {
            let lb = elb
                .create_load_balancer()
                .name(name)
                .r#type(LoadBalancerTypeEnum::Application)
                .scheme(LoadBalancerSchemeEnum::InternetFacing)
                .subnets(ids.id("subnet-a"))
                .subnets(ids.id("subnet-b"))
                .send()
                .await
                .unwrap();
            let lb = lb.load_balancers()[0]
                .load_balancer_arn()
                .unwrap()
                .to_string();
            let attribute =
                |k: &str, v: &str| LoadBalancerAttribute::builder().key(k).value(v).build();
            elb.modify_load_balancer_attributes()
                .load_balancer_arn(&lb)
                .attributes(attribute("deletion_protection.enabled", "true"))
                .attributes(attribute("access_logs.s3.enabled", "true"))
                .attributes(attribute("access_logs.s3.bucket", "elb-logs"))
                .attributes(attribute(
                    "routing.http.drop_invalid_header_fields.enabled",
                    "true",
                ))
                .attributes(attribute(
                    "routing.http.desync_mitigation_mode",
                    "strictest",
                ))
                .send()
                .await
                .unwrap();
            if name == "edge-guarded" {
                wafv2
                    .associate_web_acl()
                    .web_acl_arn(&empty)
                    .resource_arn(&lb)
                    .send()
                    .await
                    .unwrap();
            }
        }
    }

    let cloudfront = aws_sdk_cloudfront::Client::new(conf);
    let custom =
        |id: &str, domain: &str, policy: cf::OriginProtocolPolicy, tls: cf::SslProtocol| {
            cf::Origin::builder()
                .id(id)
                .domain_name(domain)
                .custom_origin_config(
                    cf::CustomOriginConfig::builder()
                        .http_port(80)
                        .https_port(443)
                        .origin_protocol_policy(policy)
                        .origin_ssl_protocols(
                            cf::OriginSslProtocols::builder()
                                .quantity(1)
                                .items(tls)
                                .build()
                                .unwrap(),
                        )
                        .build()
                        .unwrap(),
                )
                .build()
                .unwrap()
        };
    let origins = |items: Vec<cf::Origin>| {
        cf::Origins::builder()
            .quantity(items.len() as i32)
            .set_items(Some(items))
            .build()
            .unwrap()
    };
    let behavior = |origin: &str, viewers: cf::ViewerProtocolPolicy| {
        cf::DefaultCacheBehavior::builder()
            .target_origin_id(origin)
            .viewer_protocol_policy(viewers)
            .build()
            .unwrap()
    };
    let open = cf::DistributionConfig::builder()
        .caller_reference("cf-open")
        .comment("open")
        .enabled(true)
        .origins(origins(vec![
            custom(
                "legacy-api",
                "legacy.example.test",
                cf::OriginProtocolPolicy::HttpOnly,
                cf::SslProtocol::TlSv12,
            ),
            custom(
                "partner-feed",
                "feed.example.test",
                cf::OriginProtocolPolicy::HttpsOnly,
                cf::SslProtocol::TlSv1,
            ),
        ]))
        .default_cache_behavior(behavior("legacy-api", cf::ViewerProtocolPolicy::AllowAll))
        .build()
        .unwrap();
    let acm = aws_sdk_acm::Client::new(conf);
    let certificate = acm
        .request_certificate()
        .domain_name("shop.example.test")
        .send()
        .await
        .unwrap()
        .certificate_arn()
        .unwrap()
        .to_string();
    let locked = cf::DistributionConfig::builder()
        .caller_reference("cf-locked")
        .comment("locked")
        .enabled(true)
        .aliases(
            cf::Aliases::builder()
                .quantity(1)
                .items("shop.example.test")
                .build()
                .unwrap(),
        )
        .origins(origins(vec![custom(
            "shop-alb",
            "shop-origin.example.test",
            cf::OriginProtocolPolicy::HttpsOnly,
            cf::SslProtocol::TlSv12,
        )]))
        .default_cache_behavior(behavior(
            "shop-alb",
            cf::ViewerProtocolPolicy::RedirectToHttps,
        ))
        .viewer_certificate(
            cf::ViewerCertificate::builder()
                .cloud_front_default_certificate(false)
                .acm_certificate_arn(certificate)
                .ssl_support_method(cf::SslSupportMethod::SniOnly)
                .minimum_protocol_version(cf::MinimumProtocolVersion::TlSv122021)
                .build(),
        )
        .web_acl_id(&guarded)
        .build()
        .unwrap();
    for (label, config) in [("cf-open", open), ("cf-locked", locked)] {
        let made = cloudfront
            .create_distribution()
            .distribution_config(config)
            .send()
            .await
            .unwrap();
        let d = made.distribution().unwrap();
        ids.put(label, d.id());
        if label == "cf-locked" {
            // Standard logging (v2): a CloudWatch Logs delivery of its access logs to S3.
            let logs = aws_sdk_cloudwatchlogs::Client::new(conf);
            logs.put_delivery_source()
                .name("cf-locked-access")
                .resource_arn(d.arn())
                .log_type("ACCESS_LOGS")
                .send()
                .await
                .unwrap();
            let destination = logs
                .put_delivery_destination()
                .name("cf-logs-bucket")
                .delivery_destination_configuration(
                    aws_sdk_cloudwatchlogs::types::DeliveryDestinationConfiguration::builder()
                        .destination_resource_arn(format!("arn:aws:s3:::cf-logs-{account}"))
                        .build()
                        .unwrap(),
                )
                .send()
                .await
                .unwrap();
            logs.create_delivery()
                .delivery_source_name("cf-locked-access")
                .delivery_destination_arn(
                    destination.delivery_destination().unwrap().arn().unwrap(),
                )
                .send()
                .await
                .unwrap();
        }
    }
}

/// API Gateway: REST API `api-open` (edge-optimized) whose stage `prod` has no logging of
/// either kind, no web ACL and an unencrypted cache; `api-locked` (regional) whose stage logs
/// errors and access, caches encrypted, behind the regional web ACL.
async fn apis(conf: &SdkConfig, account: &str, ids: &mut Seeded) {
    use aws_sdk_apigateway::types::*;
    let ag = aws_sdk_apigateway::Client::new(conf);
    let wafv2 = aws_sdk_wafv2::Client::new(conf);
    for name in ["api-open", "api-locked"] {
        let locked = name == "api-locked";
        let mut api = ag.create_rest_api().name(name);
        if locked {
            api = api.endpoint_configuration(
                EndpointConfiguration::builder()
                    .types(EndpointType::Regional)
                    .build(),
            );
        }
        let id = api.send().await.unwrap().id().unwrap().to_string();
        ids.put(name, &id);
        let resources = ag.get_resources().rest_api_id(&id).send().await.unwrap();
        let root = resources
            .items()
            .iter()
            .find(|r| r.path() == Some("/"))
            .and_then(|r| r.id())
            .unwrap()
            .to_string();
        ag.put_method()
            .rest_api_id(&id)
            .resource_id(&root)
            .http_method("GET")
            .authorization_type("NONE")
            .send()
            .await
            .unwrap();
        ag.put_integration()
            .rest_api_id(&id)
            .resource_id(&root)
            .http_method("GET")
            .r#type(IntegrationType::Mock)
            .send()
            .await
            .unwrap();
        ag.create_deployment()
            .rest_api_id(&id)
            .stage_name("prod")
            .send()
            .await
            .unwrap();
        let patch = |path: &str, value: &str| {
            PatchOperation::builder()
                .op(Op::Replace)
                .path(path)
                .value(value)
                .build()
        };
        let mut update = ag
            .update_stage()
            .rest_api_id(&id)
            .stage_name("prod")
            .patch_operations(patch("/*/*/caching/enabled", "true"))
            .patch_operations(patch(
                "/*/*/caching/dataEncrypted",
                if locked { "true" } else { "false" },
            ));
        if locked {
            update = update
                .patch_operations(patch("/*/*/logging/loglevel", "ERROR"))
                .patch_operations(patch(
                    "/accessLogSettings/destinationArn",
                    &format!("arn:aws:logs:{HOME}:{account}:log-group:api-access"),
                ))
                .patch_operations(patch("/accessLogSettings/format", "$context.requestId"));
        }
        update.send().await.unwrap();
        if locked {
            wafv2
                .associate_web_acl()
                .web_acl_arn(ids.id("waf-empty"))
                .resource_arn(format!(
                    "arn:aws:apigateway:{HOME}::/restapis/{id}/stages/prod"
                ))
                .send()
                .await
                .unwrap();
        }
    }
}
