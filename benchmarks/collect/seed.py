#!/usr/bin/env python3
"""Seeds a running moto server with a large account for the collection benchmark.

Usage: seed.py [ENDPOINT]   (default: $AWS_ENDPOINT_URL)

2,000 IAM users, 2,000 roles and 2,000 security groups, plus the usual mix of groups,
policies, volumes, snapshots, instances, buckets, keys, databases and logging services, and
hundreds of Lambda functions, ECR repositories, ECS task definitions, DynamoDB tables,
secrets, queues, topics, CloudFront distributions, WAF web ACLs and API Gateway REST APIs, and tens of EKS,
Redshift, ElastiCache, OpenSearch and EFS resources, all in moto's default
account (123456789012), region us-east-1. About a third of everything is misconfigured, so
both scanners have findings to produce.

Calls go one at a time: moto is not safe for parallel writes. Randomness comes from a fixed
seed, so every run seeds the same account.
"""

import json
import os
import random
import sys
import time
from contextlib import contextmanager
from urllib.parse import urlparse

import boto3
from botocore.config import Config

USERS, ROLES, SECURITY_GROUPS = 2000, 2000, 2000
GROUPS, POLICIES, VOLUMES, SNAPSHOTS, INSTANCES = 50, 20, 200, 50, 20
BUCKETS, KEYS, DATABASES = 50, 20, 3
# The services added for coverage: a few hundred of each of the cheap kinds, tens of the heavy.
FUNCTIONS, REPOSITORIES, TABLES, SECRETS, QUEUES, TOPICS = 300, 300, 200, 300, 200, 200
CLUSTERS, WAREHOUSES, CACHES, DOMAINS, FILE_SYSTEMS = 30, 30, 100, 30, 50
TASK_DEFINITIONS, DISTRIBUTIONS, WEB_ACLS, REST_APIS = 300, 200, 100, 100
REGION, ACCOUNT = "us-east-1", "123456789012"

rng = random.Random(20261128)
calls = 0


def endpoint():
    url = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("AWS_ENDPOINT_URL", "")
    # The benchmark must never talk to anything but a local emulator.
    if urlparse(url).hostname not in ("127.0.0.1", "localhost"):
        sys.exit(f"seed.py: endpoint must be a loopback moto server, got {url!r}")
    return url


ENDPOINT = endpoint()


def client(service):
    c = boto3.client(
        service,
        region_name=REGION,
        endpoint_url=ENDPOINT,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        config=Config(retries={"max_attempts": 2}),
    )

    def count(**_):
        global calls
        calls += 1

    c.meta.events.register("before-send", count)
    return c


@contextmanager
def section(name):
    start, before = time.monotonic(), calls
    yield
    took = time.monotonic() - start
    print(f"  {name:<28} {calls - before:6d} calls {took:7.1f} s", flush=True)


def doc(*statements):
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def allow(action, resource="*"):
    return {"Effect": "Allow", "Action": action, "Resource": resource}


def chance(p):
    return rng.random() < p


iam, ec2, s3 = client("iam"), client("ec2"), client("s3")
kms, rds = client("kms"), client("rds")
cloudtrail, guardduty, config = client("cloudtrail"), client("guardduty"), client("config")
lam, ecr, eks, ddb = client("lambda"), client("ecr"), client("eks"), client("dynamodb")
sm, sqs, sns, efs = client("secretsmanager"), client("sqs"), client("sns"), client("efs")
redshift, elasticache, opensearch = client("redshift"), client("elasticache"), client("opensearch")
ecs, cloudfront, wafv2 = client("ecs"), client("cloudfront"), client("wafv2")
apigateway = client("apigateway")


def seed_iam_shared():
    """Customer managed policies (some admin-like), groups, password policy."""
    iam.update_account_password_policy(MinimumPasswordLength=8, RequireSymbols=False)
    arns = []
    for i in range(POLICIES):
        # One in four grants everything: the classic "admin in disguise".
        statement = allow("*") if i % 4 == 0 else allow(["s3:GetObject", "ec2:Describe*"])
        p = iam.create_policy(PolicyName=f"bench-policy-{i:02d}", PolicyDocument=doc(statement))
        arns.append(p["Policy"]["Arn"])
    groups = [f"bench-group-{i:02d}" for i in range(GROUPS)]
    for i, g in enumerate(groups):
        iam.create_group(GroupName=g)
        iam.attach_group_policy(GroupName=g, PolicyArn=arns[i % POLICIES])
        if i % 5 == 0:
            iam.put_group_policy(GroupName=g, PolicyName="inline", PolicyDocument=doc(allow("iam:*")))
    return arns, groups


def seed_users(policy_arns, groups):
    for i in range(USERS):
        name = f"bench-user-{i:04d}"
        iam.create_user(UserName=name, Tags=[{"Key": "team", "Value": f"t{i % 12}"}])
        if chance(0.4):  # console users, most without MFA
            iam.create_login_profile(UserName=name, Password=f"Bench-pass-{i:04d}-xyz")
            if chance(0.25):
                serial = iam.create_virtual_mfa_device(VirtualMFADeviceName=f"mfa-{name}")
                iam.enable_mfa_device(
                    UserName=name,
                    SerialNumber=serial["VirtualMFADevice"]["SerialNumber"],
                    AuthenticationCode1="123456",
                    AuthenticationCode2="654321",
                )
        for _ in range(rng.choice([0, 1, 1, 2])):  # access keys; two keys on some users
            iam.create_access_key(UserName=name)
        if chance(0.25):  # inline policies, some wildcard
            action = "*" if chance(0.2) else ["s3:*", "sqs:SendMessage"]
            iam.put_user_policy(UserName=name, PolicyName="inline", PolicyDocument=doc(allow(action)))
        if chance(0.15):  # directly attached policies
            iam.attach_user_policy(UserName=name, PolicyArn=rng.choice(policy_arns))
        for g in rng.sample(groups, rng.choice([0, 1, 1, 2])):
            iam.add_user_to_group(UserName=name, GroupName=g)


TRUSTS = [
    # Services, the bulk of real roles.
    lambda: {"Effect": "Allow", "Principal": {"Service": rng.choice(
        ["ec2.amazonaws.com", "lambda.amazonaws.com", "ecs-tasks.amazonaws.com"])},
        "Action": "sts:AssumeRole"},
    # Another account, with and without an external id.
    lambda: {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::210987654321:root"},
             "Action": "sts:AssumeRole"},
    lambda: {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::210987654321:root"},
             "Action": "sts:AssumeRole",
             "Condition": {"StringEquals": {"sts:ExternalId": "bench-external-id"}}},
    # Same account.
    lambda: {"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"},
             "Action": "sts:AssumeRole"},
    # Anyone: the dangerous one.
    lambda: {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"},
    # Web identity (GitHub Actions), with and without a subject condition.
    lambda: {"Effect": "Allow",
             "Principal": {"Federated": f"arn:aws:iam::{ACCOUNT}:oidc-provider/token.actions.githubusercontent.com"},
             "Action": "sts:AssumeRoleWithWebIdentity",
             "Condition": rng.choice([
                 {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}},
                 {"StringLike": {"token.actions.githubusercontent.com:sub": "repo:bench/app:*"}}])},
]


def seed_roles(policy_arns):
    aws_managed = ["arn:aws:iam::aws:policy/AdministratorAccess",
                   "arn:aws:iam::aws:policy/ReadOnlyAccess",
                   "arn:aws:iam::aws:policy/AmazonS3FullAccess"]
    for i in range(ROLES):
        name = f"bench-role-{i:04d}"
        trust = doc(rng.choice(TRUSTS)())
        iam.create_role(RoleName=name, AssumeRolePolicyDocument=trust, Path=rng.choice(["/", "/app/"]))
        if chance(0.3):
            iam.attach_role_policy(RoleName=name, PolicyArn=rng.choice(aws_managed + policy_arns))
        if chance(0.2):
            action = "*" if chance(0.1) else ["dynamodb:GetItem", "logs:PutLogEvents"]
            iam.put_role_policy(RoleName=name, PolicyName="inline", PolicyDocument=doc(allow(action)))


def seed_network():
    """Four VPCs beside the default one, subnets, two with internet gateways, a flow log."""
    vpcs = [v["VpcId"] for v in ec2.describe_vpcs()["Vpcs"]]  # moto's default VPC
    subnets = []
    for i in range(4):
        vpc = ec2.create_vpc(CidrBlock=f"10.{i + 10}.0.0/16")["Vpc"]["VpcId"]
        vpcs.append(vpc)
        for z, az in enumerate(["us-east-1a", "us-east-1b"]):
            s = ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.{i + 10}.{z}.0/24", AvailabilityZone=az)
            subnets.append(s["Subnet"]["SubnetId"])
        if i < 2:
            igw = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
            ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
            rt = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
            ec2.create_route(RouteTableId=rt, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw)
    return vpcs, subnets


def rule(port, cidr="0.0.0.0/0", proto="tcp"):
    p = {"IpProtocol": proto, "IpRanges": [{"CidrIp": cidr}]}
    if proto != "-1":
        p.update(FromPort=port, ToPort=port)
    return p


def seed_security_groups(vpcs):
    groups = {v: [] for v in vpcs}
    for i in range(SECURITY_GROUPS):
        vpc = vpcs[i % len(vpcs)]
        sg = ec2.create_security_group(GroupName=f"bench-sg-{i:04d}", Description="bench", VpcId=vpc)["GroupId"]
        r = rng.random()
        if r < 0.10:
            perms = [rule(22)]  # SSH from anywhere
        elif r < 0.15:
            perms = [rule(3389)]  # RDP from anywhere
        elif r < 0.20:
            perms = [rule(0, proto="-1")]  # everything from anywhere
        elif r < 0.40:
            perms = [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
                      "IpRanges": [{"CidrIp": "0.0.0.0/0"}], "Ipv6Ranges": [{"CidrIpv6": "::/0"}]}]
        elif r < 0.70 and groups[vpc]:
            perms = [{"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432,
                      "UserIdGroupPairs": [{"GroupId": rng.choice(groups[vpc])}]}]
        else:
            perms = [{"IpProtocol": "tcp", "FromPort": 8000, "ToPort": 8999,
                      "IpRanges": [{"CidrIp": "10.0.0.0/8"}]}]
        ec2.authorize_security_group_ingress(GroupId=sg, IpPermissions=perms)
        if chance(0.1):  # narrow egress instead of the default allow-all
            ec2.revoke_security_group_egress(GroupId=sg, IpPermissions=[rule(0, proto="-1")])
            ec2.authorize_security_group_egress(GroupId=sg, IpPermissions=[rule(443, "10.0.0.0/8")])
        groups[vpc].append(sg)
    return groups


def seed_compute(subnets, groups_by_vpc):
    volumes = []
    for i in range(VOLUMES):
        v = ec2.create_volume(AvailabilityZone=rng.choice(["us-east-1a", "us-east-1b"]),
                              Size=rng.choice([8, 20, 100]), Encrypted=chance(0.6))
        volumes.append(v["VolumeId"])
    for i in range(SNAPSHOTS):
        s = ec2.create_snapshot(VolumeId=volumes[i], Description=f"bench-snap-{i:02d}")
        if i % 10 == 0:  # public snapshots
            ec2.modify_snapshot_attribute(SnapshotId=s["SnapshotId"], Attribute="createVolumePermission",
                                          OperationType="add", GroupNames=["all"])
    # Instances with no AMI validation (MOTO_EC2_LOAD_DEFAULT_AMIS=false): any image id works.
    subnet_vpc = {s["SubnetId"]: s["VpcId"] for s in ec2.describe_subnets(SubnetIds=subnets)["Subnets"]}
    for i in range(INSTANCES):
        subnet = subnets[i % len(subnets)]
        ec2.run_instances(
            ImageId="ami-0bench0000000000", InstanceType="t3.micro", MinCount=1, MaxCount=1,
            SubnetId=subnet, SecurityGroupIds=rng.sample(groups_by_vpc[subnet_vpc[subnet]], 2),
            MetadataOptions={"HttpTokens": rng.choice(["optional", "required"])},
        )


def seed_storage():
    names = [f"bench-bucket-{i:02d}" for i in range(BUCKETS)]
    for i, b in enumerate(names):
        s3.create_bucket(Bucket=b)
        if i % 2 == 0:
            s3.put_bucket_encryption(Bucket=b, ServerSideEncryptionConfiguration={"Rules": [
                {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms"}}]})
        if i % 3 == 0:
            s3.put_bucket_versioning(Bucket=b, VersioningConfiguration={"Status": "Enabled"})
        if i % 4 == 0:
            s3.put_public_access_block(Bucket=b, PublicAccessBlockConfiguration={
                "BlockPublicAcls": True, "IgnorePublicAcls": True,
                "BlockPublicPolicy": True, "RestrictPublicBuckets": True})
        if i % 5 == 1:  # public read by policy
            s3.put_bucket_policy(Bucket=b, Policy=doc({"Effect": "Allow", "Principal": "*",
                                                      "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::{b}/*"}))
        if i % 5 == 2:  # TLS-only policy
            s3.put_bucket_policy(Bucket=b, Policy=doc({"Effect": "Deny", "Principal": "*", "Action": "s3:*",
                                                      "Resource": [f"arn:aws:s3:::{b}", f"arn:aws:s3:::{b}/*"],
                                                      "Condition": {"Bool": {"aws:SecureTransport": "false"}}}))
        if i % 7 == 0:
            s3.put_bucket_tagging(Bucket=b, Tagging={"TagSet": [{"Key": "data", "Value": "internal"}]})
    # Access logging into the last bucket, which must let the log delivery group write.
    logs = names[-1]
    s3.put_bucket_acl(Bucket=logs, GrantWrite="uri=http://acs.amazonaws.com/groups/s3/LogDelivery",
                      GrantReadACP="uri=http://acs.amazonaws.com/groups/s3/LogDelivery",
                      GrantFullControl=f"id={s3.list_buckets()['Owner']['ID']}")
    for b in names[:10]:
        s3.put_bucket_logging(Bucket=b, BucketLoggingStatus={
            "LoggingEnabled": {"TargetBucket": logs, "TargetPrefix": f"{b}/"}})
    return logs


def seed_keys():
    for i in range(KEYS):
        k = kms.create_key(Description=f"bench-key-{i:02d}")["KeyMetadata"]["KeyId"]
        kms.create_alias(AliasName=f"alias/bench-{i:02d}", TargetKeyId=k)
        if i % 2 == 0:
            kms.enable_key_rotation(KeyId=k)


def seed_databases():
    for i in range(DATABASES):
        name = f"bench-db-{i}"
        rds.create_db_instance(
            DBInstanceIdentifier=name, Engine="postgres", DBInstanceClass="db.t3.micro",
            AllocatedStorage=20, MasterUsername="bench", MasterUserPassword="bench-password-1",
            PubliclyAccessible=i == 0, StorageEncrypted=i != 1, BackupRetentionPeriod=7 * (i != 2),
        )
        rds.create_db_snapshot(DBInstanceIdentifier=name, DBSnapshotIdentifier=f"{name}-snap")


def seed_logging(vpcs, log_bucket):
    cloudtrail.create_trail(Name="bench-trail", S3BucketName=log_bucket, IsMultiRegionTrail=True)
    cloudtrail.start_logging(Name="bench-trail")
    guardduty.create_detector(Enable=True)
    config.put_configuration_recorder(ConfigurationRecorder={
        "name": "default", "roleARN": f"arn:aws:iam::{ACCOUNT}:role/bench-role-0000",
        "recordingGroup": {"allSupported": True, "includeGlobalResourceTypes": True}})
    config.put_delivery_channel(DeliveryChannel={"name": "default", "s3BucketName": log_bucket})
    config.start_configuration_recorder(ConfigurationRecorderName="default")
    ec2.create_flow_logs(ResourceIds=vpcs[1:2], ResourceType="VPC", TrafficType="ALL",
                         LogDestinationType="s3", LogDestination=f"arn:aws:s3:::{log_bucket}")


RUNTIMES = ["python3.13", "python3.12", "nodejs22.x", "python3.8", "nodejs16.x", "java21"]


def seed_functions(subnets):
    role = iam.create_role(RoleName="bench-lambda", AssumeRolePolicyDocument=doc({
        "Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
        "Action": "sts:AssumeRole"}))["Role"]["Arn"]
    for i in range(FUNCTIONS):
        name = f"bench-fn-{i:03d}"
        env = {"LOG_LEVEL": "info"}
        if chance(0.2):
            env["DB_PASSWORD"] = "not-a-real-password"
        lam.create_function(
            FunctionName=name, Runtime=rng.choice(RUNTIMES), Role=role, Handler="main.handler",
            Code={"ZipFile": b"bench"}, Environment={"Variables": env},
            VpcConfig={"SubnetIds": rng.sample(subnets, 2), "SecurityGroupIds": []} if chance(0.3) else {},
        )
        if chance(0.1):
            lam.add_permission(FunctionName=name, StatementId="anyone",
                               Action="lambda:InvokeFunction", Principal="*")


def seed_containers(subnets):
    for i in range(REPOSITORIES):
        name = f"bench-repo-{i:03d}"
        ecr.create_repository(
            repositoryName=name, imageTagMutability=rng.choice(["MUTABLE", "IMMUTABLE"]),
            imageScanningConfiguration={"scanOnPush": chance(0.5)})
        if chance(0.5):
            ecr.put_lifecycle_policy(repositoryName=name, lifecyclePolicyText=json.dumps({"rules": [{
                "rulePriority": 1, "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed",
                                                 "countUnit": "days", "countNumber": 14},
                "action": {"type": "expire"}}]}))
        if chance(0.1):
            ecr.set_repository_policy(repositoryName=name, policyText=doc({
                "Effect": "Allow", "Principal": "*", "Action": "ecr:BatchGetImage"}))
    role = f"arn:aws:iam::{ACCOUNT}:role/bench-lambda"
    for i in range(CLUSTERS):
        public = chance(0.5)
        eks.create_cluster(
            name=f"bench-eks-{i:02d}", roleArn=role, version=rng.choice(["1.29", "1.33", "1.34"]),
            resourcesVpcConfig={"subnetIds": rng.sample(subnets, 2), "endpointPublicAccess": public,
                                "endpointPrivateAccess": not public,
                                **({"publicAccessCidrs": ["0.0.0.0/0"]} if public else {})},
            logging={"clusterLogging": [{"types": ["api", "audit"], "enabled": chance(0.5)}]})


def seed_task_definitions():
    for i in range(TASK_DEFINITIONS):
        bad = chance(0.3)
        container = {"name": "app", "image": "example/app:1", "memory": 128,
                     "environment": [{"name": "LOG_LEVEL", "value": "info"}]}
        if bad:
            container["privileged"] = chance(0.5)
            container["environment"].append({"name": "DB_PASSWORD", "value": "not-a-real-password"})
        else:
            container.update(user="10001", readonlyRootFilesystem=True,
                             logConfiguration={"logDriver": "awslogs", "options": {}})
        ecs.register_task_definition(
            family=f"bench-task-{i:03d}", networkMode="host" if bad and chance(0.5) else "awsvpc",
            containerDefinitions=[container])


def seed_edge():
    visibility = {"SampledRequestsEnabled": True, "CloudWatchMetricsEnabled": True, "MetricName": "m"}
    acls = []
    for i in range(WEB_ACLS):
        rules = [] if chance(0.3) else [{
            "Name": "core", "Priority": 0, "OverrideAction": {"None": {}}, "VisibilityConfig": visibility,
            "Statement": {"ManagedRuleGroupStatement": {"VendorName": "AWS", "Name": "AWSManagedRulesCommonRuleSet"}}}]
        arn = wafv2.create_web_acl(
            Name=f"bench-acl-{i:03d}", Scope="CLOUDFRONT" if i % 2 else "REGIONAL",
            DefaultAction={"Allow": {}}, VisibilityConfig=visibility, Rules=rules)["Summary"]["ARN"]
        if i % 2:
            acls.append(arn)
        if chance(0.5):
            wafv2.put_logging_configuration(LoggingConfiguration={
                "ResourceArn": arn,
                "LogDestinationConfigs": [f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:aws-waf-logs-{i}"]})
    for i in range(DISTRIBUTIONS):
        secure = chance(0.5)
        origin = {"Id": "app", "DomainName": f"app-{i}.example.com", "CustomOriginConfig": {
            "HTTPPort": 80, "HTTPSPort": 443,
            "OriginProtocolPolicy": "https-only" if secure else "http-only",
            "OriginSslProtocols": {"Quantity": 1, "Items": ["TLSv1.2" if secure else "TLSv1"]}}}
        config = {
            "CallerReference": f"bench-{i}", "Comment": "bench", "Enabled": True,
            "Origins": {"Quantity": 1, "Items": [origin]},
            "DefaultCacheBehavior": {"TargetOriginId": "app",
                                     "ViewerProtocolPolicy": "redirect-to-https" if secure else "allow-all"},
            "WebACLId": rng.choice(acls) if secure and acls else "",
        }
        cloudfront.create_distribution(DistributionConfig=config)


def seed_apis():
    for i in range(REST_APIS):
        api = apigateway.create_rest_api(name=f"bench-api-{i:03d}")["id"]
        root = [r for r in apigateway.get_resources(restApiId=api)["items"] if r["path"] == "/"][0]["id"]
        apigateway.put_method(restApiId=api, resourceId=root, httpMethod="GET", authorizationType="NONE")
        apigateway.put_integration(restApiId=api, resourceId=root, httpMethod="GET", type="MOCK")
        apigateway.create_deployment(restApiId=api, stageName="prod")
        if chance(0.5):
            apigateway.update_stage(restApiId=api, stageName="prod", patchOperations=[
                {"op": "replace", "path": "/*/*/logging/loglevel", "value": "ERROR"}])


def seed_data_stores():
    for i in range(TABLES):
        name = f"bench-table-{i:03d}"
        ddb.create_table(TableName=name, BillingMode="PAY_PER_REQUEST",
                         AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                         KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                         DeletionProtectionEnabled=chance(0.5))
        if chance(0.5):
            ddb.update_continuous_backups(TableName=name, PointInTimeRecoverySpecification={
                "PointInTimeRecoveryEnabled": True})
    for i in range(SECRETS):
        sm.create_secret(Name=f"bench-secret-{i:03d}", SecretString="not-a-real-secret")
    for i in range(QUEUES):
        attrs = {"SqsManagedSseEnabled": "true"} if chance(0.5) else {}
        sqs.create_queue(QueueName=f"bench-queue-{i:03d}", Attributes=attrs)
    for i in range(TOPICS):
        sns.create_topic(Name=f"bench-topic-{i:03d}")
    for i in range(FILE_SYSTEMS):
        efs.create_file_system(CreationToken=f"bench-fs-{i:02d}", Encrypted=chance(0.5))
    for i in range(WAREHOUSES):
        redshift.create_cluster(
            ClusterIdentifier=f"bench-wh-{i:02d}", NodeType="ra3.xlplus", MasterUsername="admin",
            MasterUserPassword="Not-a-real-passw0rd", PubliclyAccessible=chance(0.3),
            Encrypted=chance(0.5))
    for i in range(CACHES):
        secure = chance(0.5)
        elasticache.create_replication_group(
            ReplicationGroupId=f"bench-cache-{i:03d}", ReplicationGroupDescription="bench",
            Engine="redis", CacheNodeType="cache.t3.micro", AtRestEncryptionEnabled=secure,
            TransitEncryptionEnabled=secure,
            **({"AuthToken": "not-a-real-auth-token-0123"} if secure else {}))
    for i in range(DOMAINS):
        secure = chance(0.5)
        opensearch.create_domain(
            DomainName=f"bench-search-{i:02d}",
            EncryptionAtRestOptions={"Enabled": secure},
            NodeToNodeEncryptionOptions={"Enabled": secure},
            DomainEndpointOptions={"EnforceHTTPS": secure})


def main():
    started = time.monotonic()
    print(f"seeding {ENDPOINT}", flush=True)
    with section("IAM policies and groups"):
        policy_arns, groups = seed_iam_shared()
    with section(f"IAM users ({USERS})"):
        seed_users(policy_arns, groups)
    with section(f"IAM roles ({ROLES})"):
        seed_roles(policy_arns)
    with section("VPCs and subnets"):
        vpcs, subnets = seed_network()
    with section(f"security groups ({SECURITY_GROUPS})"):
        groups_by_vpc = seed_security_groups(vpcs)
    with section("volumes, snapshots, instances"):
        seed_compute(subnets, groups_by_vpc)
    with section(f"S3 buckets ({BUCKETS})"):
        log_bucket = seed_storage()
    with section(f"KMS keys ({KEYS})"):
        seed_keys()
    with section(f"RDS instances ({DATABASES})"):
        seed_databases()
    with section("CloudTrail, GuardDuty, Config"):
        seed_logging(vpcs, log_bucket)
    with section(f"Lambda functions ({FUNCTIONS})"):
        seed_functions(subnets)
    with section(f"ECR ({REPOSITORIES}), EKS ({CLUSTERS})"):
        seed_containers(subnets)
    with section("DynamoDB, secrets, SQS, SNS, EFS, Redshift, ElastiCache, OpenSearch"):
        seed_data_stores()
    with section(f"ECS task definitions ({TASK_DEFINITIONS})"):
        seed_task_definitions()
    with section(f"WAF web ACLs ({WEB_ACLS}), CloudFront distributions ({DISTRIBUTIONS})"):
        seed_edge()
    with section(f"API Gateway REST APIs ({REST_APIS})"):
        seed_apis()
    print(f"seeded in {time.monotonic() - started:.1f} s ({calls} calls)", flush=True)


if __name__ == "__main__":
    main()
