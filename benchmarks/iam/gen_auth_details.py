#!/usr/bin/env python3
"""Synthetic `aws iam get-account-authorization-details` output for the IAM-analysis benchmark.

    python3 gen_auth_details.py --users 10000 --roles 10000 --policies 5000 --groups 500 --seed 1 -o FILE
    python3 gen_auth_details.py --small --seed 1 -o FILE      # 50 users, 50 roles, 30 policies, 10 groups

Writes one JSON file shaped exactly like the CLI's output (UserDetailList, GroupDetailList,
RoleDetailList, Policies; 4-space indent like the CLI) for account 111122223333. Everything is
drawn from one random.Random(seed): the same arguments give the same bytes.

Policy documents are mostly JSON objects (what the CLI prints); a fraction (--encoded-fraction,
default 0.1) are URL-encoded JSON strings, as the raw API returns them. --objects-copy FILE also
writes the same account with every document as an object (tools that cannot decode strings).

What is in it (see README.md): mostly read-only and service-scoped policies on specific ARNs; a
minority of Resource "*" writes; some admin; policies prone to privilege escalation covering the
classic methods (and a few Cloudsplaining does not list), written with exact names, wildcards and
odd case; Deny statements that neutralise some of them (same policy, another policy, a group's
policy; with and without conditions); NotAction allows; conditions; permissions boundaries on
about 5% of users and roles; trust policies of every common shape; group-only privileges; roles
that others can assume or pass; AWS-managed AdministratorAccess, PowerUserAccess, ReadOnlyAccess,
IAMFullAccess, AWSLambdaBasicExecutionRole and a service-linked role's policy.

The first policies and principals are built from a fixed list of scenarios (one of each), so
even --small has every case; the rest are drawn at random with the weights below.
"""

import argparse
import bisect
import json
import random
import sys
import urllib.parse

ACCOUNT = "111122223333"
OTHER_ACCOUNTS = ["444455556666", "777788889999", "210987654321"]
IAM = f"arn:aws:iam::{ACCOUNT}"
REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2"]
ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"

TEAMS = ["payments", "identity", "search", "data", "ml", "platform", "web", "mobile", "billing",
         "growth", "infra", "security", "analytics", "ops", "support", "media", "ads", "catalog"]
FIRST = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy",
         "mallory", "niaj", "olivia", "peggy", "rupert", "sybil", "trent", "victor", "walter",
         "xena", "yusuf", "zoe", "amir", "bea", "chen", "dmitri", "elif", "farah", "goran", "hana",
         "ines", "jonas", "kenji", "lena", "mateo", "nora", "oskar", "priya", "quinn", "rosa"]
LAST = ["smith", "jones", "garcia", "muller", "rossi", "silva", "kim", "nguyen", "ivanova",
        "cohen", "okafor", "haddad", "tanaka", "larsen", "novak", "kowalski", "dubois", "singh",
        "walsh", "moreau", "berg", "costa", "yilmaz", "sato", "fischer", "lopez", "meyer", "park"]
SVC_USERS = ["svc-ci", "terraform", "backup-agent", "jenkins", "datadog", "deploy-bot",
             "legacy-app", "etl-runner", "monitoring", "sftp-gw"]

# --- AWS-managed policies: real documents (ReadOnlyAccess and the service-linked role's policy
# shortened to a realistic subset). ----------------------------------------------------------
AWS_MANAGED = {
    "AdministratorAccess": dict(
        id="ANPAIWMBCKSKIEE64ZLYK", path="/", version="v1", created="2015-02-06T18:39:46+00:00",
        updated="2015-02-06T18:39:46+00:00",
        doc={"Version": "2012-10-17",
             "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}),
    "PowerUserAccess": dict(
        id="ANPAJYRXTHIB4FOVS3ZXS", path="/", version="v5", created="2015-02-06T18:39:47+00:00",
        updated="2023-07-06T22:04:00+00:00",
        doc={"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "NotAction": ["iam:*", "organizations:*", "account:*"],
             "Resource": "*"},
            {"Effect": "Allow", "Action": [
                "account:GetAccountInformation", "account:GetPrimaryEmail", "account:ListRegions",
                "iam:CreateServiceLinkedRole", "iam:DeleteServiceLinkedRole", "iam:ListRoles",
                "organizations:DescribeOrganization"], "Resource": "*"}]}),
    "ReadOnlyAccess": dict(
        id="ANPAILL3HVNFSB6DCOWYQ", path="/", version="v121", created="2015-02-06T18:39:48+00:00",
        updated="2025-10-02T17:12:09+00:00",
        doc={"Version": "2012-10-17", "Statement": [{
            "Sid": "ReadOnlyActions", "Effect": "Allow", "Action": [
                "acm:Describe*", "acm:Get*", "acm:List*", "apigateway:GET",
                "autoscaling:Describe*", "cloudformation:Describe*", "cloudformation:Get*",
                "cloudformation:List*", "cloudfront:Get*", "cloudfront:List*",
                "cloudtrail:Describe*", "cloudtrail:Get*", "cloudtrail:List*",
                "cloudtrail:LookupEvents", "cloudwatch:Describe*", "cloudwatch:Get*",
                "cloudwatch:List*", "codebuild:BatchGet*", "codebuild:List*",
                "config:Describe*", "config:Get*", "config:List*", "dynamodb:BatchGet*",
                "dynamodb:Describe*", "dynamodb:Get*", "dynamodb:List*", "dynamodb:Query",
                "dynamodb:Scan", "ec2:Describe*", "ec2:Get*", "ecr:BatchGet*", "ecr:Describe*",
                "ecr:Get*", "ecr:List*", "ecs:Describe*", "ecs:List*", "eks:Describe*",
                "eks:List*", "elasticloadbalancing:Describe*", "events:Describe*",
                "events:List*", "glue:BatchGet*", "glue:Get*", "glue:List*",
                "guardduty:Get*", "guardduty:List*", "iam:Generate*", "iam:Get*", "iam:List*",
                "iam:Simulate*", "kms:Describe*", "kms:Get*", "kms:List*", "lambda:Get*",
                "lambda:List*", "logs:Describe*", "logs:FilterLogEvents", "logs:Get*",
                "logs:ListTagsLogGroup", "logs:StartQuery", "organizations:Describe*",
                "organizations:List*", "rds:Describe*", "rds:List*", "route53:Get*",
                "route53:List*", "s3:DescribeJob", "s3:Get*", "s3:List*",
                "secretsmanager:Describe*", "secretsmanager:GetResourcePolicy",
                "secretsmanager:List*", "sns:Get*", "sns:List*", "sqs:Get*", "sqs:List*",
                "ssm:Describe*", "ssm:Get*", "ssm:List*", "sts:GetCallerIdentity",
                "tag:Get*"], "Resource": "*"}]}),
    "IAMFullAccess": dict(
        id="ANPAI7XKCFMBPM3QQRRVQ", path="/", version="v2", created="2015-02-06T18:40:38+00:00",
        updated="2019-06-21T19:40:00+00:00",
        doc={"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": [
            "iam:*", "organizations:DescribeAccount", "organizations:DescribeOrganization",
            "organizations:DescribeOrganizationalUnit", "organizations:DescribePolicy",
            "organizations:ListChildren", "organizations:ListParents",
            "organizations:ListPoliciesForTarget", "organizations:ListRoots",
            "organizations:ListPolicies", "organizations:ListTargetsForPolicy"],
            "Resource": "*"}]}),
    "AWSLambdaBasicExecutionRole": dict(
        id="ANPAJNCQGXC42545SKXIK", path="/service-role/", version="v1",
        created="2015-04-09T15:03:43+00:00", updated="2015-04-09T15:03:43+00:00",
        doc={"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": [
            "logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
            "Resource": "*"}]}),
    "AWSSupportServiceRolePolicy": dict(
        id="ANPAJ7W6266ELXF5MISDS", path="/aws-service-role/", version="v32",
        created="2018-04-19T18:04:44+00:00", updated="2024-10-01T20:13:50+00:00",
        doc={"Version": "2012-10-17", "Statement": [{
            "Sid": "AWSSupportAPIGatewayAccess", "Effect": "Allow",
            "Action": ["apigateway:GET"], "Resource": ["arn:aws:apigateway:*::/account",
                                                       "arn:aws:apigateway:*::/apis"]}, {
            "Sid": "AWSSupportActions", "Effect": "Allow", "Action": [
                "autoscaling:DescribeAutoScalingGroups", "cloudtrail:DescribeTrails",
                "ec2:DescribeInstances", "iam:GetAccountSummary", "iam:ListRoles",
                "iam:ListUsers", "iam:GetRole", "lambda:ListFunctions", "rds:DescribeDBInstances",
                "s3:GetBucketPolicy", "s3:ListAllMyBuckets"], "Resource": "*"}]}),
}


def aws_policy_arn(name):
    return f"arn:aws:iam::aws:policy{AWS_MANAGED[name]['path']}{name}"


# --- Escalation methods: the classic ones (all in Cloudsplaining's list) and a few it lacks. --
CLASSIC = {
    "CreatePolicyVersion": ["iam:CreatePolicyVersion"],
    "SetDefaultPolicyVersion": ["iam:SetDefaultPolicyVersion"],
    "CreateAccessKey": ["iam:CreateAccessKey"],
    "CreateLoginProfile": ["iam:CreateLoginProfile"],
    "UpdateLoginProfile": ["iam:UpdateLoginProfile"],
    "AttachUserPolicy": ["iam:AttachUserPolicy"],
    "AttachGroupPolicy": ["iam:AttachGroupPolicy"],
    "AttachRolePolicy": ["iam:AttachRolePolicy"],
    "PutUserPolicy": ["iam:PutUserPolicy"],
    "PutGroupPolicy": ["iam:PutGroupPolicy"],
    "PutRolePolicy": ["iam:PutRolePolicy"],
    "AddUserToGroup": ["iam:AddUserToGroup"],
    "UpdateAssumeRolePolicy": ["iam:UpdateAssumeRolePolicy", "sts:AssumeRole"],
    "PassRoleEC2": ["iam:PassRole", "ec2:RunInstances"],
    "PassRoleLambdaInvoke": ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"],
    "PassRoleLambdaEventSource": ["iam:PassRole", "lambda:CreateFunction",
                                  "lambda:CreateEventSourceMapping"],
    "PassRoleGlue": ["iam:PassRole", "glue:CreateDevEndpoint"],
    "PassRoleCloudFormation": ["iam:PassRole", "cloudformation:CreateStack"],
    "PassRoleDataPipeline": ["iam:PassRole", "datapipeline:CreatePipeline",
                             "datapipeline:PutPipelineDefinition"],
    "UpdateFunctionCode": ["lambda:UpdateFunctionCode"],
    "UpdateDevEndpoint": ["glue:UpdateDevEndpoint"],
}
EXTRA = {  # not in Cloudsplaining 0.9.1's PRIVILEGE_ESCALATION_METHODS
    "DeleteUserPermissionsBoundary": ["iam:DeleteUserPermissionsBoundary"],
    "DeleteRolePermissionsBoundary": ["iam:DeleteRolePermissionsBoundary"],
    "PutUserPermissionsBoundary": ["iam:PutUserPermissionsBoundary"],
    "PassRoleAutoScaling": ["iam:PassRole", "autoscaling:CreateLaunchConfiguration",
                            "autoscaling:CreateAutoScalingGroup"],
    "UpdateFunctionConfiguration": ["lambda:UpdateFunctionConfiguration"],
    "PassRoleCloudFormationUpdate": ["iam:PassRole", "cloudformation:UpdateStack"],
    "SSMSendCommand": ["ssm:SendCommand"],
}
# Wildcard spellings of escalation actions (each still matches the action).
WILDCARDS = {
    "iam:CreatePolicyVersion": ["iam:Create*", "iam:*PolicyVersion", "iam:*"],
    "iam:SetDefaultPolicyVersion": ["iam:Set*", "iam:*PolicyVersion"],
    "iam:CreateAccessKey": ["iam:Create*", "iam:*AccessKey*"],
    "iam:CreateLoginProfile": ["iam:*LoginProfile", "iam:Create*"],
    "iam:UpdateLoginProfile": ["iam:*LoginProfile", "iam:Update*"],
    "iam:AttachUserPolicy": ["iam:Attach*", "iam:Attach*Policy"],
    "iam:AttachGroupPolicy": ["iam:Attach*"],
    "iam:AttachRolePolicy": ["iam:Attach*", "iam:*RolePolicy"],
    "iam:PutUserPolicy": ["iam:Put*", "iam:Put*Policy"],
    "iam:PutGroupPolicy": ["iam:Put*"],
    "iam:PutRolePolicy": ["iam:Put*", "iam:*RolePolicy"],
    "iam:AddUserToGroup": ["iam:Add*"],
    "iam:UpdateAssumeRolePolicy": ["iam:Update*"],
    "iam:PassRole": ["iam:Pass*", "iam:*"],
    "sts:AssumeRole": ["sts:*", "sts:Assume*"],
    "ec2:RunInstances": ["ec2:*", "ec2:Run*"],
    "lambda:CreateFunction": ["lambda:*", "lambda:Create*"],
    "lambda:InvokeFunction": ["lambda:*", "lambda:Invoke*"],
    "lambda:CreateEventSourceMapping": ["lambda:*", "lambda:Create*"],
    "lambda:UpdateFunctionCode": ["lambda:*", "lambda:Update*"],
    "glue:CreateDevEndpoint": ["glue:*", "glue:*DevEndpoint"],
    "glue:UpdateDevEndpoint": ["glue:*", "glue:*DevEndpoint"],
    "cloudformation:CreateStack": ["cloudformation:*", "cloudformation:Create*"],
    "datapipeline:CreatePipeline": ["datapipeline:*"],
    "datapipeline:PutPipelineDefinition": ["datapipeline:*", "datapipeline:Put*"],
}

READ_ACTIONS = {
    "s3": ["s3:GetObject", "s3:ListBucket", "s3:GetObjectVersion", "s3:GetBucketLocation"],
    "dynamodb": ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:BatchGetItem",
                 "dynamodb:DescribeTable"],
    "sqs": ["sqs:ReceiveMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"],
    "sns": ["sns:GetTopicAttributes", "sns:ListSubscriptionsByTopic"],
    "logs": ["logs:GetLogEvents", "logs:FilterLogEvents", "logs:DescribeLogStreams"],
    "kms": ["kms:Decrypt", "kms:DescribeKey"],
    "secretsmanager": ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
    "ssm": ["ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath"],
    "lambda": ["lambda:GetFunction", "lambda:GetFunctionConfiguration"],
}
WRITE_ACTIONS = {
    "s3": ["s3:PutObject", "s3:DeleteObject", "s3:PutObjectTagging", "s3:AbortMultipartUpload"],
    "dynamodb": ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
                 "dynamodb:BatchWriteItem"],
    "sqs": ["sqs:SendMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility"],
    "sns": ["sns:Publish"],
    "logs": ["logs:CreateLogStream", "logs:PutLogEvents"],
    "kms": ["kms:Encrypt", "kms:GenerateDataKey"],
    "secretsmanager": ["secretsmanager:PutSecretValue", "secretsmanager:UpdateSecret"],
    "ssm": ["ssm:PutParameter"],
    "lambda": ["lambda:InvokeFunction"],
}
STAR_READS = [["ec2:Describe*"], ["cloudwatch:Get*", "cloudwatch:List*", "cloudwatch:Describe*"],
              ["logs:Describe*", "logs:Get*"], ["s3:ListAllMyBuckets", "s3:GetBucketLocation"],
              ["rds:Describe*"], ["ecr:GetAuthorizationToken"], ["sts:GetCallerIdentity"],
              ["tag:GetResources"], ["xray:PutTraceSegments", "xray:PutTelemetryRecords"],
              ["autoscaling:Describe*", "elasticloadbalancing:Describe*"],
              ["iam:Get*", "iam:List*"], ["ec2:Get*", "ec2:Describe*", "ec2:Search*"]]
STAR_WRITES = [["sqs:SendMessage"], ["sns:Publish"], ["ec2:CreateTags", "ec2:DeleteTags"],
               ["s3:PutObject"], ["dynamodb:PutItem", "dynamodb:UpdateItem"],
               ["cloudwatch:PutMetricData"], ["logs:CreateLogGroup", "logs:PutRetentionPolicy"],
               ["ec2:StartInstances", "ec2:StopInstances"], ["kms:Encrypt", "kms:Decrypt"],
               ["ecs:UpdateService"], ["ec2:CreateSnapshot"], ["route53:ChangeResourceRecordSets"],
               ["ssm:PutParameter"], ["events:PutEvents"], ["states:StartExecution"]]
SERVICE_ADMIN = ["s3:*", "dynamodb:*", "sqs:*", "sns:*", "cloudwatch:*", "logs:*", "ec2:*",
                 "rds:*", "ecs:*", "kinesis:*", "athena:*", "elasticache:*"]

# Customer-managed policy kinds and their weights in the random part of the pool.
KIND_WEIGHTS = [
    ("read_scoped", 30), ("service_scoped", 24), ("describe_star", 10), ("write_star", 8),
    ("conditional", 4), ("service_admin", 2.5), ("notaction", 1), ("admin", 0.4),
    ("privesc", 5), ("privesc_scoped", 2.5), ("privesc_conditional", 1.5),
    ("privesc_denied", 2.5), ("split", 2.5), ("assume_role", 2), ("extra_method", 1.5),
    ("deny_guardrail", 1.5),
]
RISKY_KINDS = {"admin", "notaction", "privesc", "privesc_scoped", "privesc_conditional",
               "privesc_denied", "split", "assume_role", "extra_method"}


class Doc:
    """A policy document: written as an object or as a URL-encoded string."""
    __slots__ = ("obj", "encoded", "pretty")

    def __init__(self, obj, encoded, pretty):
        self.obj, self.encoded, self.pretty = obj, encoded, pretty


class Gen:
    def __init__(self, args):
        self.a = args
        self.rng = random.Random(args.seed)
        # Encoding choices come from their own stream, so --encoded-fraction changes nothing else.
        self.enc_rng = random.Random(args.seed * 7919 + 17)
        self.ids = set()
        self.day = 0
        self.n_docs = 0
        self.n_encoded = 0

    # --- small helpers ------------------------------------------------------------------
    def uid(self, prefix):
        while True:
            v = prefix + "".join(self.rng.choice(ID_CHARS) for _ in range(17))
            if v not in self.ids:
                self.ids.add(v)
                return v

    def date(self, lo=2016, hi=2025):
        r = self.rng
        return (f"{r.randint(lo, hi)}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}"
                f"T{r.randint(0, 23):02d}:{r.randint(0, 59):02d}:{r.randint(0, 59):02d}+00:00")

    def doc(self, statements, single_ok=True):
        """A policy document; Statement as an object when there is one statement (sometimes)."""
        r = self.rng
        body = {"Version": "2012-10-17"}
        if r.random() < 0.06:
            body["Id"] = f"policy-{r.randint(1000, 9999)}"
        if single_ok and len(statements) == 1 and r.random() < 0.3:
            body["Statement"] = statements[0]
        else:
            body["Statement"] = statements
        return self.wrap(body)

    def wrap(self, body):
        self.n_docs += 1
        enc = self.enc_rng.random() < self.a.encoded_fraction
        self.n_encoded += enc
        return Doc(body, enc, self.enc_rng.random() < 0.5)

    def mangle(self, action):
        """Odd case, as people write it: S3:getobject, iam:passrole, IAM:PassRole."""
        svc, name = action.split(":", 1)
        c = self.rng.randrange(4)
        if c == 0:
            return f"{svc.upper()}:{name.lower()}"
        if c == 1:
            return action.lower()
        if c == 2:
            return f"{svc.upper()}:{name}"
        return f"{svc.capitalize()}:{name}"

    def spell(self, action, wildcard_p=0.25, case_p=0.06):
        r = self.rng
        if action in WILDCARDS and r.random() < wildcard_p:
            action = r.choice(WILDCARDS[action])
        if r.random() < case_p:
            action = self.mangle(action)
        return action

    def stmt(self, effect, actions, resources, cond=None, sid=None, not_action=False):
        r = self.rng
        s = {}
        if sid or r.random() < 0.35:
            s["Sid"] = sid or f"Stmt{r.randint(10**9, 10**10)}"
        s["Effect"] = effect
        actions = list(dict.fromkeys(actions))
        key = "NotAction" if not_action else "Action"
        s[key] = actions[0] if len(actions) == 1 and r.random() < 0.5 else actions
        if isinstance(resources, str):
            resources = [resources]
        s["Resource"] = resources[0] if len(resources) == 1 and r.random() < 0.7 else resources
        if cond:
            s["Condition"] = cond
        return s

    # --- resources -----------------------------------------------------------------------
    def resource(self, svc):
        r = self.rng
        team, n, reg = r.choice(TEAMS), r.randint(1, 999), r.choice(REGIONS)
        if svc == "s3":
            b = f"{team}-{r.choice(['data', 'logs', 'assets', 'exports', 'backups'])}-{n:03d}"
            return [f"arn:aws:s3:::{b}", f"arn:aws:s3:::{b}/*"]
        if svc == "dynamodb":
            t = f"arn:aws:dynamodb:{reg}:{ACCOUNT}:table/{team}-{n}"
            return [t, t + "/index/*"] if r.random() < 0.4 else [t]
        if svc == "sqs":
            return [f"arn:aws:sqs:{reg}:{ACCOUNT}:{team}-queue-{n}"]
        if svc == "sns":
            return [f"arn:aws:sns:{reg}:{ACCOUNT}:{team}-events-{n}"]
        if svc == "logs":
            return [f"arn:aws:logs:{reg}:{ACCOUNT}:log-group:/aws/lambda/{team}-{n}:*"]
        if svc == "kms":
            return [f"arn:aws:kms:{reg}:{ACCOUNT}:key/{self.uuid()}"]
        if svc == "secretsmanager":
            return [f"arn:aws:secretsmanager:{reg}:{ACCOUNT}:secret:{team}/db-{n}-??????"]
        if svc == "ssm":
            return [f"arn:aws:ssm:{reg}:{ACCOUNT}:parameter/{team}/*"]
        if svc == "lambda":
            return [f"arn:aws:lambda:{reg}:{ACCOUNT}:function:{team}-{n}"]
        raise ValueError(svc)

    def uuid(self):
        h = "".join(self.rng.choice("0123456789abcdef") for _ in range(32))
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"

    def condition(self, kind=None):
        r = self.rng
        kind = kind or r.choice(["mfa", "ip", "region", "mfa_age"])
        if kind == "mfa":
            return {"Bool": {"aws:MultiFactorAuthPresent": "true"}}
        if kind == "mfa_age":
            return {"NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}}
        if kind == "ip":
            nets = ["203.0.113.0/24", "198.51.100.0/24", "192.0.2.0/24", "10.0.0.0/8"]
            return {"IpAddress": {"aws:SourceIp": r.sample(nets, r.randint(1, 2))}}
        return {"StringEquals": {"aws:RequestedRegion": r.sample(REGIONS, r.randint(1, 2))}}

    def benign_stmts(self, k):
        r = self.rng
        out = []
        for _ in range(k):
            svc = r.choice(list(READ_ACTIONS))
            acts = r.sample(READ_ACTIONS[svc], r.randint(1, len(READ_ACTIONS[svc])))
            if r.random() < 0.5:
                acts += r.sample(WRITE_ACTIONS[svc], r.randint(1, len(WRITE_ACTIONS[svc])))
            out.append(self.stmt("Allow", [self.spell(a, 0, 0.04) for a in acts],
                                 self.resource(svc)))
        return out

    # --- policy kinds ----------------------------------------------------------------------
    def method_stmts(self, actions, resource="*", cond=None):
        """Allow statements granting every action of a method (one or two statements)."""
        acts = [self.spell(a) for a in actions]
        if len(acts) > 1 and self.rng.random() < 0.3:
            k = self.rng.randint(1, len(acts) - 1)
            return [self.stmt("Allow", acts[:k], resource, cond),
                    self.stmt("Allow", acts[k:], resource, cond)]
        return [self.stmt("Allow", acts, resource, cond)]

    def build(self, kind, variant=None):
        """Statements for one policy of this kind; returns (statements, label)."""
        r = self.rng
        if kind == "read_scoped":
            out = []
            for _ in range(r.randint(1, 3)):
                svc = r.choice(list(READ_ACTIONS))
                acts = r.sample(READ_ACTIONS[svc], r.randint(1, len(READ_ACTIONS[svc])))
                out.append(self.stmt("Allow", [self.spell(a, 0, 0.05) for a in acts],
                                     self.resource(svc)))
            if r.random() < 0.3:
                out.append(self.stmt("Allow", r.choice(STAR_READS), "*"))
            return out, kind
        if kind == "service_scoped":
            return self.benign_stmts(r.randint(1, 3)), kind
        if kind == "describe_star":
            pats = r.choice(STAR_READS)
            return [self.stmt("Allow", [self.spell(a, 0, 0.05) for a in pats], "*")], kind
        if kind == "write_star":
            out = [self.stmt("Allow", r.choice(STAR_WRITES), "*")]
            if r.random() < 0.5:
                out += self.benign_stmts(1)
            return out, kind
        if kind == "conditional":
            svc = r.choice(list(WRITE_ACTIONS))
            return [self.stmt("Allow", WRITE_ACTIONS[svc], "*", self.condition())], kind
        if kind == "service_admin":
            return [self.stmt("Allow", r.sample(SERVICE_ADMIN, r.randint(1, 3)), "*")], kind
        if kind == "admin":
            v = variant or r.choice(["star", "star", "star_list", "iam_star", "mixed_case"])
            if v == "star":
                return [self.stmt("Allow", ["*"], "*")], "admin:star"
            if v == "star_list":
                return [self.stmt("Allow", ["*"], ["*"])] + self.benign_stmts(1), "admin:star"
            if v == "iam_star":
                return [self.stmt("Allow", ["iam:*"], "*")], "admin:iam_star"
            return [self.stmt("Allow", ["IAM:*", "S3:*", "EC2:*"], "*")], "admin:mixed_case"
        if kind == "notaction":
            v = variant or r.choice(["no_iam", "no_iam", "scoped", "almost_all"])
            if v == "no_iam":  # like PowerUserAccess: still lambda/glue/ec2 escalation
                return [self.stmt("Allow", ["iam:*", "organizations:*"], "*", not_action=True)], \
                    "notaction:no_iam"
            if v == "almost_all":  # everything but a couple of deletes: admin-equivalent
                return [self.stmt("Allow", ["s3:DeleteBucket", "rds:DeleteDBInstance"], "*",
                                  not_action=True)], "notaction:almost_all"
            res = self.resource("s3")
            return [self.stmt("Allow", ["s3:DeleteBucket", "s3:PutBucketPolicy"], res,
                              not_action=True)], "notaction:scoped"
        if kind == "privesc":
            m = variant or r.choice(list(CLASSIC))
            out = self.method_stmts(CLASSIC[m])
            if r.random() < 0.6:
                out = self.benign_stmts(r.randint(1, 2)) + out
            return out, f"privesc:{m}"
        if kind == "privesc_scoped":
            v = variant or r.choice(["self_key", "self_policy", "passrole_admin",
                                     "passrole_allroles", "passrole_app", "group_admins",
                                     "policy_arn"])
            if v == "self_key":  # self-service keys: not an escalation
                return [self.stmt("Allow", ["iam:CreateAccessKey", "iam:DeleteAccessKey",
                                            "iam:ListAccessKeys", "iam:UpdateAccessKey"],
                                  f"{IAM}:user/${{aws:username}}")], "scoped:self_key"
            if v == "self_policy":  # a user who can edit their own policies: is one
                return [self.stmt("Allow", [self.spell("iam:PutUserPolicy"),
                                            "iam:AttachUserPolicy"],
                                  f"{IAM}:user/${{aws:username}}")], "scoped:self_policy"
            if v == "passrole_admin":
                return [self.stmt("Allow", ["iam:PassRole"], f"{IAM}:role/admin-*"),
                        self.stmt("Allow", ["ec2:RunInstances"], "*")], "scoped:passrole_admin"
            if v == "passrole_allroles":  # role/* is every role, but not the string "*"
                return [self.stmt("Allow", ["iam:PassRole"], f"{IAM}:role/*"),
                        self.stmt("Allow", ["lambda:CreateFunction", "lambda:InvokeFunction"],
                                  "*")], "scoped:passrole_allroles"
            if v == "passrole_app":  # passes only low-privilege app roles
                team = r.choice(TEAMS)
                return [self.stmt("Allow", ["iam:PassRole"], f"{IAM}:role/{team}-lambda-*",
                                  {"StringEquals": {"iam:PassedToService":
                                                    "lambda.amazonaws.com"}}),
                        self.stmt("Allow", ["lambda:CreateFunction", "lambda:UpdateFunctionCode"],
                                  f"arn:aws:lambda:*:{ACCOUNT}:function:{team}-*")], \
                    "scoped:passrole_app"
            if v == "group_admins":
                return [self.stmt("Allow", ["iam:AddUserToGroup"], f"{IAM}:group/Admins")], \
                    "scoped:group_admins"
            # policy_arn: can publish new versions of one shared policy
            return [self.stmt("Allow", ["iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion"],
                              f"{IAM}:policy/shared/*")], "scoped:policy_arn"
        if kind == "privesc_conditional":
            m = variant or r.choice(["CreateAccessKey", "AttachUserPolicy", "PassRoleEC2",
                                     "CreatePolicyVersion", "UpdateLoginProfile"])
            return self.method_stmts(CLASSIC[m], "*", self.condition()), f"conditional:{m}"
        if kind == "privesc_denied":
            m = r.choice(list(CLASSIC))
            v = variant or r.choice(["deny_same", "deny_same", "deny_wildcard", "deny_mfa",
                                     "deny_ip", "deny_resource"])
            acts = CLASSIC[m]
            out = self.method_stmts(acts)
            if v == "deny_same":  # neutralised for good
                out.append(self.stmt("Deny", [acts[0]], "*", sid="DenyEscalation"))
            elif v == "deny_wildcard":
                svc = acts[0].split(":")[0]
                out.append(self.stmt("Deny", [f"{svc}:*"], "*", sid="DenyService"))
            elif v == "deny_mfa":  # only without MFA: with MFA the escalation remains
                out.append(self.stmt("Deny", [acts[0]], "*",
                                     {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}},
                                     sid="DenyWithoutMFA"))
            elif v == "deny_ip":
                out.append(self.stmt("Deny", [acts[0]], "*",
                                     {"NotIpAddress": {"aws:SourceIp": ["203.0.113.0/24"]}},
                                     sid="DenyOffNetwork"))
            else:  # deny_resource: only some targets are protected
                tgt = {"iam:PassRole": f"{IAM}:role/admin-*",
                       "iam:AttachRolePolicy": f"{IAM}:role/admin-*",
                       "iam:PutRolePolicy": f"{IAM}:role/admin-*",
                       "iam:UpdateAssumeRolePolicy": f"{IAM}:role/admin-*"}.get(
                    acts[0], f"{IAM}:user/break-glass")
                out.append(self.stmt("Deny", [acts[0]], tgt, sid="ProtectAdmins"))
            return out, f"denied:{v}:{m}"
        if kind == "split":  # half of a multi-action method; the other half is elsewhere
            v = variant or r.choice(["passrole", "passrole", "ec2_run", "lambda_create",
                                     "glue_dev", "cfn_create", "sts_assume", "uarp"])
            acts = {"passrole": ["iam:PassRole"], "ec2_run": ["ec2:RunInstances"],
                    "lambda_create": ["lambda:CreateFunction", "lambda:InvokeFunction"],
                    "glue_dev": ["glue:CreateDevEndpoint"],
                    "cfn_create": ["cloudformation:CreateStack",
                                   "cloudformation:DescribeStacks"],
                    "sts_assume": ["sts:AssumeRole"],
                    "uarp": ["iam:UpdateAssumeRolePolicy", "iam:GetRole"]}[v]
            return [self.stmt("Allow", [self.spell(a) for a in acts], "*")], f"split:{v}"
        if kind == "assume_role":
            v = variant or r.choice(["admin_role", "admin_role", "all_roles", "cross_account",
                                     "app_role"])
            if v == "admin_role":
                res = [f"{IAM}:role/{r.choice(self.admin_roles)}"]
            elif v == "all_roles":
                res = [f"{IAM}:role/*"]
            elif v == "cross_account":
                res = [f"arn:aws:iam::{r.choice(OTHER_ACCOUNTS)}:role/deploy"]
            else:
                res = [f"{IAM}:role/{r.choice(TEAMS)}-ec2-*"]
            return [self.stmt("Allow", ["sts:AssumeRole"], res)], f"assume:{v}"
        if kind == "extra_method":
            m = variant or r.choice(list(EXTRA))
            return self.method_stmts(EXTRA[m]), f"extra:{m}"
        if kind == "deny_guardrail":
            v = variant or r.choice(["deny_privesc", "deny_iam_write", "deny_no_mfa",
                                     "deny_regions", "deny_compute"])
            return self.guardrail(v), f"guardrail:{v}"
        raise ValueError(kind)

    def guardrail(self, v):
        if v == "deny_privesc":
            return [self.stmt("Deny", [
                "iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion", "iam:CreateAccessKey",
                "iam:CreateLoginProfile", "iam:UpdateLoginProfile", "iam:Attach*Policy",
                "iam:Put*Policy", "iam:AddUserToGroup", "iam:UpdateAssumeRolePolicy",
                "iam:PassRole", "iam:Delete*PermissionsBoundary"], "*", sid="DenyPrivEsc")]
        if v == "deny_iam_write":
            return [self.stmt("Deny", ["iam:Create*", "iam:Delete*", "iam:Put*", "iam:Attach*",
                                       "iam:Update*", "iam:Set*", "iam:Add*", "iam:PassRole"],
                              "*", sid="DenyIamWrite")]
        if v == "deny_no_mfa":  # conditional: does not remove the capability
            return [self.stmt("Deny", ["iam:*", "sts:AssumeRole"], "*",
                              {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}},
                              sid="DenyIamWithoutMFA")]
        if v == "deny_regions":
            return [self.stmt("Deny", ["iam:*", "sts:*", "cloudfront:*", "route53:*",
                                       "support:*", "organizations:*"], "*",
                              {"StringNotEquals": {"aws:RequestedRegion": ["us-east-1",
                                                                           "eu-west-1"]}},
                              sid="DenyOutsideRegions", not_action=True)]
        return [self.stmt("Deny", ["lambda:CreateFunction", "lambda:UpdateFunctionCode",
                                   "lambda:UpdateFunctionConfiguration", "glue:*DevEndpoint",
                                   "ec2:RunInstances", "ssm:SendCommand",
                                   "cloudformation:CreateStack", "cloudformation:UpdateStack"],
                          "*", sid="DenyComputeChanges")]

    def boundary_doc(self, v):
        """Permissions-boundary policies: each caps admin."""
        if v == "data":
            return [self.stmt("Allow", ["s3:*", "dynamodb:*", "sqs:*", "sns:*", "logs:*",
                                        "cloudwatch:*", "kms:Decrypt", "kms:GenerateDataKey"],
                              "*", sid="BoundaryData")]
        if v == "compute":
            return [self.stmt("Allow", ["ec2:Describe*", "ecs:*", "ecr:*", "logs:*",
                                        "cloudwatch:*", "s3:Get*", "s3:List*"], "*",
                              sid="BoundaryCompute")]
        if v == "no_iam":
            return [self.stmt("Allow", ["iam:*", "organizations:*", "account:*"], "*",
                              sid="BoundaryNoIam", not_action=True),
                    self.stmt("Allow", ["iam:Get*", "iam:List*"], "*")]
        return [self.stmt("Allow", ["*"], "*", sid="BoundaryAll"),  # "developer": deny iam
                self.stmt("Deny", ["iam:*", "lambda:UpdateFunctionCode", "glue:*DevEndpoint",
                                   "ec2:RunInstances"], "*", sid="BoundaryDenyEscalation")]


# Policies the first slots get, one each, so every case exists in any file.
COVERAGE = ([("privesc", m) for m in CLASSIC]
            + [("extra_method", m) for m in EXTRA]
            + [("admin", v) for v in ["star", "iam_star", "mixed_case"]]
            + [("notaction", v) for v in ["no_iam", "almost_all", "scoped"]]
            + [("privesc_scoped", v) for v in ["self_key", "self_policy", "passrole_admin",
                                               "passrole_allroles", "passrole_app",
                                               "group_admins", "policy_arn"]]
            + [("privesc_conditional", v) for v in ["CreateAccessKey", "PassRoleEC2"]]
            + [("privesc_denied", v) for v in ["deny_same", "deny_wildcard", "deny_mfa",
                                               "deny_ip", "deny_resource"]]
            + [("split", v) for v in ["passrole", "ec2_run", "sts_assume", "uarp"]]
            + [("assume_role", v) for v in ["admin_role", "all_roles", "cross_account"]]
            + [("deny_guardrail", v) for v in ["deny_privesc", "deny_iam_write", "deny_no_mfa",
                                               "deny_regions", "deny_compute"]]
            + [("read_scoped", None), ("service_scoped", None), ("describe_star", None),
               ("write_star", None), ("conditional", None), ("service_admin", None)])
BOUNDARY_KINDS = ["data", "compute", "no_iam", "developer"]


def trust_doc(g, kind, principal_arn=None):
    r = g.rng
    st = []
    if kind.startswith("service:"):
        svcs = kind.split(":", 1)[1].split(",")
        p = {"Service": svcs[0] if len(svcs) == 1 else svcs}
        s = {"Effect": "Allow", "Principal": p, "Action": "sts:AssumeRole"}
        if r.random() < 0.15:
            s["Condition"] = {"StringEquals": {"aws:SourceAccount": ACCOUNT}}
        st.append(s)
    elif kind == "account_root":
        s = {"Effect": "Allow", "Principal": {"AWS": f"{IAM}:root"}, "Action": "sts:AssumeRole"}
        if r.random() < 0.3:
            s["Condition"] = {"Bool": {"aws:MultiFactorAuthPresent": "true"}}
        st.append(s)
    elif kind == "principal":
        st.append({"Effect": "Allow", "Principal": {"AWS": principal_arn},
                   "Action": ["sts:AssumeRole", "sts:TagSession"] if r.random() < 0.3
                   else "sts:AssumeRole"})
    elif kind == "cross_external_id":
        st.append({"Effect": "Allow",
                   "Principal": {"AWS": f"arn:aws:iam::{r.choice(OTHER_ACCOUNTS)}:root"},
                   "Action": "sts:AssumeRole",
                   "Condition": {"StringEquals": {"sts:ExternalId": g.uuid()}}})
    elif kind == "cross_account":
        acct = r.choice(OTHER_ACCOUNTS)
        who = f"arn:aws:iam::{acct}:root" if r.random() < 0.5 else \
            f"arn:aws:iam::{acct}:role/{r.choice(['ci', 'deploy', 'audit', 'backup'])}"
        st.append({"Effect": "Allow", "Principal": {"AWS": who}, "Action": "sts:AssumeRole"})
    elif kind == "anyone":
        st.append({"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"})
    elif kind == "anyone_org":
        st.append({"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole",
                   "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}})
    elif kind.startswith("github"):
        s = {"Effect": "Allow",
             "Principal": {"Federated":
                           f"{IAM}:oidc-provider/token.actions.githubusercontent.com"},
             "Action": "sts:AssumeRoleWithWebIdentity"}
        repo = f"repo:example-org/{r.choice(TEAMS)}-service"
        if kind == "github_full":
            s["Condition"] = {
                "StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"},
                "StringLike": {"token.actions.githubusercontent.com:sub":
                               r.choice([f"{repo}:ref:refs/heads/main",
                                         f"{repo}:environment:production", f"{repo}:*"])}}
        elif kind == "github_aud":  # any repository on GitHub can assume it
            s["Condition"] = {"StringEquals": {
                "token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}}
        elif kind == "github_wild_sub":
            s["Condition"] = {"StringLike": {
                "token.actions.githubusercontent.com:sub": "repo:*"}}
        st.append(s)  # github_none: no condition at all
    elif kind == "saml":
        st.append({"Effect": "Allow",
                   "Principal": {"Federated": f"{IAM}:saml-provider/Okta"},
                   "Action": ["sts:AssumeRoleWithSAML", "sts:TagSession"],
                   "Condition": {"StringEquals": {
                       "SAML:aud": "https://signin.aws.amazon.com/saml"}}})
    else:
        raise ValueError(kind)
    return g.doc(st, single_ok=False)


TRUST_WEIGHTS = [
    ("service:lambda.amazonaws.com", 22), ("service:ec2.amazonaws.com", 12),
    ("service:ecs-tasks.amazonaws.com", 10), ("service:glue.amazonaws.com", 3),
    ("service:states.amazonaws.com", 3), ("service:cloudformation.amazonaws.com", 2),
    ("service:datapipeline.amazonaws.com,elasticmapreduce.amazonaws.com", 1),
    ("service:codebuild.amazonaws.com", 3), ("service:events.amazonaws.com", 2),
    ("account_root", 9), ("principal", 6), ("cross_external_id", 8), ("cross_account", 5),
    ("anyone", 0.4), ("anyone_org", 0.8), ("github_full", 3), ("github_aud", 1),
    ("github_wild_sub", 0.5), ("github_none", 0.3), ("saml", 3),
]


def weighted(rng, pairs):
    total = sum(w for _, w in pairs)
    x = rng.random() * total
    for k, w in pairs:
        x -= w
        if x < 0:
            return k
    return pairs[-1][0]


def generate(a):
    g = Gen(a)
    r = g.rng

    # --- names first (policies refer to roles and groups) ---------------------------------
    n_admin_roles = max(3, a.roles // 200)
    g.admin_roles = [f"admin-{x}" for x in
                     (["breakglass", "terraform", "platform"] +
                      [f"{t}-{i}" for i, t in enumerate(TEAMS * 100)])[:n_admin_roles]]

    # --- customer-managed policies ----------------------------------------------------------
    policies = []  # dicts: name, arn, path, versions [(doc, id, default)], kind, label, weight...

    def new_policy(kind, variant, boundary=None):
        i = len(policies)
        if boundary:
            name, path = f"boundary-{boundary}-{i}", "/boundaries/"
            stmts, label = g.boundary_doc(boundary), f"boundary:{boundary}"
        else:
            stmts, label = g.build(kind, variant)
            base = {"read_scoped": "read", "service_scoped": "app", "describe_star": "describe",
                    "write_star": "write", "conditional": "cond", "service_admin": "svc-admin",
                    "admin": "full-access", "notaction": "broad", "deny_guardrail": "guardrail",
                    }.get(kind, r.choice(["ops", "deploy", "ci", "automation", "tooling"]))
            name = f"{r.choice(TEAMS)}-{base}-{i}"
            path = "/"
            x = r.random()
            if x < 0.03 and variant is None:
                # As the Lambda console creates them (Cloudsplaining skips this path).
                path, name = "/service-role/", f"AWSLambdaBasicExecutionRole-{g.uuid()}"
            elif x < 0.15:
                path = f"/{r.choice(TEAMS)}/"
            elif label.startswith("scoped:policy_arn") or x < 0.18:
                path = "/shared/"
        created = g.date(2017, 2023)
        versions = []
        n_old = 0 if r.random() < 0.8 else r.randint(1, 3)
        for v in range(n_old):  # older versions, sometimes broader than the default
            if kind in RISKY_KINDS and r.random() < 0.3:
                old, _ = g.build("admin", "star")
            else:
                old, _ = g.build(r.choice(["read_scoped", "service_scoped", "write_star"]))
            versions.append((g.doc(old), f"v{v + 1}", False))
        vid = f"v{n_old + 1}"
        versions.append((g.doc(stmts), vid, True))
        risky = kind in RISKY_KINDS
        policies.append(dict(
            name=name, id=g.uid("ANPA"), arn=f"{IAM}:policy{path}{name}", path=path,
            versions=versions[::-1], default=vid, created=created,
            updated=g.date(int(created[:4]), 2025) if n_old else created,
            kind=kind, label=label, boundary=boundary, attach=0, bound=0,
            weight=(r.lognormvariate(0, 1.2) * (0.25 if risky else 1.0)) if not boundary else 0,
            risky=risky))

    n_boundaries = min(len(BOUNDARY_KINDS) * 3, max(len(BOUNDARY_KINDS), a.policies // 250))
    n_regular = max(0, a.policies - n_boundaries)
    for i in range(n_regular):
        if i < len(COVERAGE):
            new_policy(*COVERAGE[i])
        else:
            new_policy(weighted(r, KIND_WEIGHTS), None)
    for i in range(min(n_boundaries, a.policies)):
        new_policy(None, None, boundary=BOUNDARY_KINDS[i % len(BOUNDARY_KINDS)])
    regular = [p for p in policies if not p["boundary"]]
    boundaries = [p for p in policies if p["boundary"]]
    # Principals pick policies by weight (lognormal popularity, risky ones less popular).
    guardrails = [p for p in regular if p["kind"] == "deny_guardrail"]
    splits = {}
    for p in regular:
        if p["kind"] == "split":
            splits.setdefault(p["label"], []).append(p)
    cum, tot = [], 0.0
    for p in regular:
        tot += p["weight"]
        cum.append(tot)

    def pick_policy():
        return regular[min(bisect.bisect(cum, r.random() * tot), len(regular) - 1)]

    aws_used = {}

    def aws(name):
        aws_used[name] = aws_used.get(name, 0) + 1
        return {"PolicyName": name, "PolicyArn": aws_policy_arn(name)}

    def cust(p):
        p["attach"] += 1
        return {"PolicyName": p["name"], "PolicyArn": p["arn"]}

    inline_queue = list(COVERAGE)  # inline policies continue the coverage list

    def inline(prefix, risky_p=0.35):
        if inline_queue:
            kind, variant = inline_queue.pop(0)
        elif r.random() < risky_p:
            kind, variant = weighted(r, [kp for kp in KIND_WEIGHTS if kp[0] in RISKY_KINDS
                                         or kp[0] == "deny_guardrail"]), None
        else:
            kind, variant = weighted(r, [kp for kp in KIND_WEIGHTS
                                         if kp[0] not in RISKY_KINDS]), None
        stmts, label = g.build(kind, variant)
        return {"PolicyName": f"{prefix}-{label.split(':')[0]}-{r.randint(1, 9999)}",
                "PolicyDocument": g.doc(stmts)}, kind

    def managed_list(k, must=()):
        chosen = list(must)
        for _ in range(k):
            p = pick_policy()
            if p not in chosen:
                chosen.append(p)
        return chosen

    def pol(label_prefix):
        pool = [p for p in regular if p["label"].startswith(label_prefix)]
        return r.choice(pool) if pool else None

    label_kinds = {"privesc": "privesc", "conditional": "privesc_conditional",
                   "denied": "privesc_denied", "split": "split", "assume": "assume_role",
                   "extra": "extra_method", "guardrail": "deny_guardrail", "admin": "admin",
                   "notaction": "notaction", "scoped": "privesc_scoped"}

    def scenario_policies(owner, labels):
        """Managed policies with these labels; an inline one where the pool has none (--small)."""
        mp, inl = [], []
        for lp in labels:
            p = pol(lp)
            if p:
                mp.append(cust(p))
            else:
                prefix, variant = lp.split(":", 1)
                stmts, label = g.build(label_kinds[prefix], variant)
                inl.append({"PolicyName": f"{owner}-{prefix}-{len(inl) + 1}",
                            "PolicyDocument": g.doc(stmts)})
        return mp, inl

    # --- groups ------------------------------------------------------------------------------
    special = [("Admins", ["AdministratorAccess"], []), ("PowerUsers", ["PowerUserAccess"], []),
               ("ReadOnly", ["ReadOnlyAccess"], []), ("IAMAdmins", ["IAMFullAccess"], []),
               ("Guardrails", [], ["guardrail:deny_privesc"]),
               ("Developers", [], ["split:passrole"]),
               ("Contractors", ["ReadOnlyAccess"], ["guardrail:deny_iam_write"]),
               ("OnCall", [], ["privesc:"])]
    groups = []
    for i in range(a.groups):
        if i < len(special):
            name, aws_names, kinds = special[i]
        else:
            team = r.choice(TEAMS)
            kind = r.choice(["eng", "ops", "analysts", "oncall", "team"])
            name, aws_names, kinds = f"{team}-{kind}-{i}", [], []
        mp, inl = scenario_policies(name, kinds)
        mp = [aws(n) for n in aws_names] + mp + [cust(p) for p in managed_list(
            0 if aws_names or kinds else r.choice([1, 1, 2, 3]))]
        if not aws_names and r.random() < 0.02:
            mp.append(aws(r.choice(["ReadOnlyAccess", "PowerUserAccess"])))
        if i >= len(special) and r.random() < 0.3:
            inl.append(inline(name)[0])
        groups.append(dict(GroupName=name, GroupId=g.uid("AGPA"),
                           Arn=f"{IAM}:group/{name}", Path="/", CreateDate=g.date(),
                           GroupPolicyList=inl, AttachedManagedPolicies=mp, _members=0))
    group_names = [x["GroupName"] for x in groups]
    # Popularity: a few big groups, a long tail; Admins and IAMAdmins stay small.
    gcum, gtot = [], 0.0
    for n in group_names:
        gtot += 0.05 if n in ("Admins", "IAMAdmins", "OnCall") else r.lognormvariate(0, 1.0)
        gcum.append(gtot)

    def pick_groups(k):
        out = []
        for _ in range(k if group_names else 0):
            x = group_names[min(bisect.bisect(gcum, r.random() * gtot), len(group_names) - 1)]
            if x not in out:
                out.append(x)
        return out

    def boundary_for(risky):
        if not boundaries:
            return None
        if r.random() < (0.15 if risky else 0.035):
            p = r.choice(boundaries)
            p["bound"] += 1
            return {"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": p["arn"]}
        return None

    def tags():
        if r.random() < 0.5:
            return []
        return [{"Key": k, "Value": v} for k, v in
                r.sample([("team", r.choice(TEAMS)), ("env", r.choice(["prod", "staging", "dev"])),
                          ("owner", f"{r.choice(FIRST)}@example.com"),
                          ("cost-center", str(r.randint(1000, 9999)))], r.randint(1, 3))]

    # --- users -------------------------------------------------------------------------------
    # The first users are fixed scenarios; the rest are random.
    user_scenarios = [
        dict(groups=["Admins"]),                                  # admin only via a group
        dict(groups=["OnCall"]),                                  # escalation only via a group
        dict(managed=["privesc:CreatePolicyVersion"], groups=["Guardrails"]),  # group Deny
        dict(managed=["privesc:AttachUserPolicy", "guardrail:deny_privesc"]),  # other-policy Deny
        dict(managed=["privesc:PassRoleEC2"], boundary=True),     # boundary caps it
        dict(managed=["split:passrole", "split:ec2_run"]),        # method split over policies
        dict(managed=["assume:admin_role"]),                      # multi-hop to an admin role
        dict(aws=["AdministratorAccess"]),                        # Cloudsplaining excludes it
        dict(aws=["PowerUserAccess"]),
        dict(managed=["conditional:CreateAccessKey"]),            # MFA-conditioned escalation
        dict(managed=["denied:deny_mfa"]),                        # conditional same-policy Deny
        dict(managed=["scoped:self_policy"]),                     # edits own policies
        dict(managed=["scoped:self_key"]),                        # not an escalation
        dict(managed=["scoped:group_admins"]),                    # joins Admins
        dict(managed=["extra:DeleteUserPermissionsBoundary"], boundary=True),
        dict(managed=["privesc:CreateAccessKey", "guardrail:deny_no_mfa"]),  # conditional Deny
        dict(groups=["Developers", "OnCall"]),
        dict(managed=["admin:mixed_case"]),
        dict(aws=["IAMFullAccess"], groups=["Guardrails"]),
        dict(managed=["privesc:UpdateFunctionCode", "guardrail:deny_compute"]),
    ]
    users = []
    trusted_users = []  # users named in some role's trust policy
    for i in range(a.users):
        sc = user_scenarios[i] if i < len(user_scenarios) else None
        if sc or r.random() > 0.15:
            name = f"{r.choice(FIRST)}.{r.choice(LAST)}{i}"
        else:
            name = f"{r.choice(SVC_USERS)}-{i}"
        path = "/" if r.random() < 0.8 else r.choice(["/engineering/", "/contractors/",
                                                      "/service/"])
        if sc:
            gl = [x for x in sc.get("groups", []) if x in group_names]
            mp, inl = scenario_policies(name.split(".")[0], sc.get("managed", []))
            mp = [aws(n) for n in sc.get("aws", [])] + mp
            bnd = None
            if sc.get("boundary") and boundaries:
                p = next((b for b in boundaries if b["boundary"] == "developer"), boundaries[0])
                p["bound"] += 1
                bnd = {"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": p["arn"]}
        else:
            x = r.random()
            gl = pick_groups(0 if x < 0.15 else 1 if x < 0.6 else 2 if x < 0.9 else 3)
            x = r.random()
            k = 0 if x < 0.45 else 1 if x < 0.8 else 2 if x < 0.95 else 3
            chosen = managed_list(k)
            mp = [cust(p) for p in chosen]
            x = r.random()
            if x < 0.004:
                mp.append(aws("AdministratorAccess"))
            elif x < 0.008:
                mp.append(aws("PowerUserAccess"))
            elif x < 0.01:
                mp.append(aws("IAMFullAccess"))
            elif x < 0.04:
                mp.append(aws("ReadOnlyAccess"))
            inl, kinds = [], []
            if r.random() < 0.2 or (not gl and not mp):
                pl, kd = inline(name.split(".")[0], 0.3)
                inl.append(pl)
                kinds.append(kd)
            risky = any(p["risky"] for p in chosen) or any(kd in RISKY_KINDS for kd in kinds)
            # Some risky users also carry a guardrail (another policy's Deny).
            if risky and guardrails and r.random() < 0.15:
                mp.append(cust(r.choice(guardrails)))
            # Splits: the other half sometimes comes along.
            for p in chosen:
                if p["kind"] == "split" and r.random() < 0.5:
                    other = {"split:passrole": "split:ec2_run", "split:ec2_run": "split:passrole",
                             "split:lambda_create": "split:passrole",
                             "split:glue_dev": "split:passrole",
                             "split:cfn_create": "split:passrole",
                             "split:sts_assume": "split:uarp",
                             "split:uarp": "split:sts_assume"}[p["label"]]
                    if splits.get(other):
                        mp.append(cust(r.choice(splits[other])))
            bnd = boundary_for(risky or bool(set(gl) & {"Admins", "PowerUsers", "IAMAdmins"}))
        for gn in gl:
            groups[group_names.index(gn)]["_members"] += 1
        u = dict(Path=path, UserName=name, UserId=g.uid("AIDA"), Arn=f"{IAM}:user{path}{name}",
                 CreateDate=g.date(), UserPolicyList=inl, GroupList=gl,
                 AttachedManagedPolicies=mp)
        if bnd:
            u["PermissionsBoundary"] = bnd
        t = tags()
        if t:
            u["Tags"] = t
        users.append(u)
        if r.random() < 0.01 or i == 9:
            trusted_users.append(u["Arn"])

    # --- roles -------------------------------------------------------------------------------
    roles = []
    role_scenarios = [
        dict(name="admin-breakglass", trust="account_root", aws=["AdministratorAccess"]),
        dict(name="admin-terraform", trust="github_full", aws=["AdministratorAccess"]),
        dict(name="admin-platform", trust="service:ec2.amazonaws.com",
             aws=["AdministratorAccess"]),
        dict(trust="principal", managed=["privesc:AttachRolePolicy"]),  # trusts one user
        dict(trust="service:lambda.amazonaws.com", aws=["PowerUserAccess"]),
        dict(trust="account_root", managed=["admin:star"], boundary=True),
        dict(trust="github_aud", managed=["privesc:PassRoleCloudFormation"]),
        dict(trust="github_none", managed=["split:passrole"]),
        dict(trust="anyone", aws=["ReadOnlyAccess"]),
        dict(trust="anyone_org", managed=["privesc:PutRolePolicy"]),
        dict(trust="cross_account", managed=["privesc:PassRoleGlue"]),
        dict(trust="cross_external_id", aws=["ReadOnlyAccess"]),
        dict(trust="saml", aws=["PowerUserAccess"], managed=["guardrail:deny_compute"]),
        dict(trust="service:codebuild.amazonaws.com", managed=["notaction:almost_all"]),
        dict(trust="service:ecs-tasks.amazonaws.com", managed=["denied:deny_same"]),
        dict(trust="github_wild_sub", managed=["extra:PassRoleAutoScaling"]),
        dict(trust="account_root", managed=["assume:all_roles"]),
        dict(trust="service:glue.amazonaws.com", managed=["privesc:UpdateDevEndpoint"],
             boundary=True),
        dict(trust="service:ec2.amazonaws.com", managed=["extra:SSMSendCommand"]),
        dict(trust="service:lambda.amazonaws.com", managed=["denied:deny_resource"]),
    ]
    n_slr = max(1, a.roles // 500)
    admin_set = set(g.admin_roles)
    for i in range(a.roles):
        sc = role_scenarios[i] if i < len(role_scenarios) else None
        path = "/"
        if i >= len(role_scenarios) and i - len(role_scenarios) < n_slr:
            # service-linked roles: immutable, AWS-managed policy under /aws-service-role/
            name = "AWSServiceRoleForSupport" if i == len(role_scenarios) else \
                f"AWSServiceRoleForSupport_{i}"
            path = "/aws-service-role/support.amazonaws.com/"
            trust = trust_doc(g, "service:support.amazonaws.com")
            mp, inl, bnd = [aws("AWSSupportServiceRolePolicy")], [], None
        elif sc:
            name = sc.get("name") or f"{r.choice(TEAMS)}-scenario-{i}"
            kind = sc["trust"]
            trust = trust_doc(g, kind, r.choice(trusted_users) if trusted_users else f"{IAM}:root")
            mp, inl = scenario_policies(name.split(".")[0], sc.get("managed", []))
            mp = [aws(n) for n in sc.get("aws", [])] + mp
            bnd = None
            if sc.get("boundary") and boundaries:
                p = next((b for b in boundaries if b["boundary"] == "data"), boundaries[0])
                p["bound"] += 1
                bnd = {"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": p["arn"]}
        else:
            idx = i - len(role_scenarios) - n_slr
            if idx < len(g.admin_roles) and g.admin_roles[idx] not in [s.get("name") for s in
                                                                        role_scenarios]:
                name = g.admin_roles[idx]
                kind = r.choice(["account_root", "account_root", "principal", "github_full",
                                 "saml", "service:ec2.amazonaws.com"])
                mp = [aws("AdministratorAccess")] if r.random() < 0.7 else \
                    [cust(pol("admin:") or pick_policy())]
                inl = []
            else:
                kind = weighted(r, TRUST_WEIGHTS)
                svc = kind.split(":")[1].split(".")[0] if kind.startswith("service:") else \
                    {"account_root": "xacct", "principal": "assumable",
                     "cross_external_id": "vendor", "cross_account": "partner",
                     "saml": "sso"}.get(kind, "ci")
                team = r.choice(TEAMS)
                purpose = r.choice(["api", "worker", "ingest", "etl", "deploy", "batch",
                                    "reader", "sync"])
                name = f"{team}-{svc}-{purpose}-{i}"
                x = r.random()
                k = 1 if x < 0.5 else 2 if x < 0.85 else 3 if x < 0.97 else 0
                chosen = managed_list(k)
                mp = [cust(p) for p in chosen]
                if kind == "service:lambda.amazonaws.com" and r.random() < 0.7:
                    mp.append(aws("AWSLambdaBasicExecutionRole"))
                x = r.random()
                if x < 0.006:
                    mp.append(aws("AdministratorAccess"))
                elif x < 0.014:
                    mp.append(aws("PowerUserAccess"))
                elif x < 0.05:
                    mp.append(aws("ReadOnlyAccess"))
                inl, kinds = [], []
                for _ in range(0 if r.random() < 0.65 else r.choice([1, 1, 2])):
                    pl, kd = inline(name.split("-")[0], 0.3)
                    inl.append(pl)
                    kinds.append(kd)
                if not mp and not inl:
                    pl, kd = inline(name.split("-")[0], 0.3)
                    inl.append(pl)
                    kinds.append(kd)
                risky = any(p["risky"] for p in chosen) or any(kd in RISKY_KINDS for kd in kinds)
                if risky and guardrails and r.random() < 0.15:
                    if r.random() < 0.5:
                        mp.append(cust(r.choice(guardrails)))
                    else:
                        gp = r.choice(guardrails)
                        inl.append({"PolicyName": f"{name.split('-')[0]}-guardrail",
                                    "PolicyDocument": g.doc(g.guardrail(
                                        gp["label"].split(":")[1]))})
                bnd = boundary_for(risky)
            if name in admin_set:
                bnd = None
            trust = trust_doc(g, kind, r.choice(trusted_users) if trusted_users else f"{IAM}:root")
        arn = f"{IAM}:role{path}{name}"
        created = g.date()
        role = dict(Path=path, RoleName=name, RoleId=g.uid("AROA"), Arn=arn, CreateDate=created,
                    AssumeRolePolicyDocument=trust, InstanceProfileList=[],
                    RolePolicyList=inl, AttachedManagedPolicies=mp)
        if "ec2.amazonaws.com" in json.dumps(trust.obj) and r.random() < 0.9:
            role["InstanceProfileList"].append(dict(
                Path="/", InstanceProfileName=name, InstanceProfileId=g.uid("AIPA"),
                Arn=f"{IAM}:instance-profile/{name}", CreateDate=created,
                Roles=[dict(Path=path, RoleName=name, RoleId=role["RoleId"], Arn=arn,
                            CreateDate=created, AssumeRolePolicyDocument=trust)]))
        if bnd:
            role["PermissionsBoundary"] = bnd
        t = tags()
        if t:
            role["Tags"] = t
        role["RoleLastUsed"] = {} if r.random() < 0.25 else {
            "LastUsedDate": g.date(2024, 2025), "Region": r.choice(REGIONS)}
        roles.append(role)

    # Every coverage policy is attached to someone (a random principal past the scenarios).
    tail = users[len(user_scenarios):] + roles[len(role_scenarios) + n_slr:]
    for p in regular[:len(COVERAGE)]:
        if p["attach"] == 0 and tail:
            r.choice(tail)["AttachedManagedPolicies"].append(cust(p))

    # --- Policies section: customer-managed (incl. boundaries), then the AWS-managed in use --
    pol_out = []
    for p in policies:
        pol_out.append(dict(
            PolicyName=p["name"], PolicyId=p["id"], Arn=p["arn"], Path=p["path"],
            DefaultVersionId=p["default"], AttachmentCount=p["attach"],
            PermissionsBoundaryUsageCount=p["bound"], IsAttachable=True,
            CreateDate=p["created"], UpdateDate=p["updated"],
            PolicyVersionList=[dict(Document=d, VersionId=vid, IsDefaultVersion=dflt,
                                    CreateDate=p["created"] if vid == "v1" else p["updated"])
                               for d, vid, dflt in p["versions"]]))
    for name in sorted(aws_used):
        m = AWS_MANAGED[name]
        pol_out.append(dict(
            PolicyName=name, PolicyId=m["id"], Arn=aws_policy_arn(name), Path=m["path"],
            DefaultVersionId=m["version"], AttachmentCount=aws_used[name],
            PermissionsBoundaryUsageCount=0, IsAttachable=True, CreateDate=m["created"],
            UpdateDate=m["updated"],
            PolicyVersionList=[dict(Document=g.wrap(m["doc"]),
                                    VersionId=m["version"], IsDefaultVersion=True,
                                    CreateDate=m["updated"])]))

    for grp in groups:
        grp.pop("_members")
    out = dict(UserDetailList=users, GroupDetailList=groups, RoleDetailList=roles,
               Policies=pol_out)
    stats = dict(
        users=len(users), groups=len(groups), roles=len(roles),
        customer_policies=len(policies) - len(boundaries), boundary_policies=len(boundaries),
        aws_managed_policies=len(aws_used),
        unattached_customer_policies=sum(1 for p in regular if p["attach"] == 0),
        inline_policies=sum(len(u["UserPolicyList"]) for u in users)
        + sum(len(x["GroupPolicyList"]) for x in groups)
        + sum(len(x["RolePolicyList"]) for x in roles),
        principals_with_boundary=sum("PermissionsBoundary" in x for x in users + roles),
        documents=g.n_docs, url_encoded_documents=g.n_encoded)
    return out, stats


def write(data, path, encode):
    def default(o):
        if isinstance(o, Doc):
            if encode and o.encoded:
                text = json.dumps(o.obj, indent=4) if o.pretty else \
                    json.dumps(o.obj, separators=(",", ":"))
                return urllib.parse.quote(text, safe="")
            return o.obj
        raise TypeError(type(o))
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=4, default=default)
        f.write("\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--users", type=int)
    ap.add_argument("--roles", type=int)
    ap.add_argument("--policies", type=int, help="customer-managed policies, boundaries included")
    ap.add_argument("--groups", type=int)
    ap.add_argument("--small", action="store_true",
                    help="defaults of 50 users, 50 roles, 30 policies, 10 groups")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--encoded-fraction", type=float, default=0.1,
                    help="share of policy documents written as URL-encoded strings (default 0.1)")
    ap.add_argument("--objects-copy", metavar="FILE",
                    help="also write the same account with every document as a JSON object")
    ap.add_argument("-o", "--output", required=True)
    a = ap.parse_args()
    small = dict(users=50, roles=50, policies=30, groups=10)
    big = dict(users=10000, roles=10000, policies=5000, groups=500)
    for k, v in (small if a.small else big).items():
        if getattr(a, k) is None:
            setattr(a, k, v)
    data, stats = generate(a)
    write(data, a.output, encode=True)
    if a.objects_copy:
        write(data, a.objects_copy, encode=False)
    print(", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in stats.items()), file=sys.stderr)


if __name__ == "__main__":
    main()
