#!/usr/bin/env python3
"""Seeds a running moto server with an AWS Organization for the organization benchmark.

Usage: seed.py ENDPOINT [--accounts N] [--ids FILE]

An Organization (all features) in moto's default account (123456789012, the management
account) with N member accounts (default 200) spread over five organizational units
(Workloads/Prod, Workloads/Dev, Sandbox, Security, Suspended) and the root, and three service
control policies (on Prod, on Sandbox, on one account). Each member account, entered through
`OrganizationAccountAccessRole` (moto lets any role be assumed), gets a small, ordinary amount
of state so that collecting it costs the calls a real account costs: two IAM users with an
access key each (one of them with an inline policy), one role with an inline policy, one
customer managed policy, one S3 bucket, and one security group in the default VPC (every tenth
account opens SSH to the world, so the scans have something to find).

Calls go one at a time: moto is not safe for parallel writes. moto's random generator is seeded
first (`/moto-api/seed`), so every run creates the same account ids on a fresh server. With
--ids, the member account ids are written to FILE, one a line, in creation order.
"""

import argparse
import json
import sys
import time
import urllib.request
from urllib.parse import urlparse

import boto3
from botocore.config import Config

REGION = "us-east-1"
MANAGEMENT = "123456789012"
ROLE = "OrganizationAccountAccessRole"
UNITS = [("Workloads", None), ("Prod", "Workloads"), ("Dev", "Workloads"), ("Sandbox", None),
         ("Security", None), ("Suspended", None)]
# Member i goes to UNITS_BY_INDEX[i % 6] (None: stays in the root).
UNITS_BY_INDEX = ["Prod", "Dev", "Sandbox", "Prod", "Security", None]

calls = 0


def doc(*statements):
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def client(endpoint, service, key="AKIAPALISADESEED0001", secret="moto-secret", token=None):
    c = boto3.client(
        service,
        region_name=REGION,
        endpoint_url=endpoint,
        aws_access_key_id=key,
        aws_secret_access_key=secret,
        aws_session_token=token,
        config=Config(retries={"max_attempts": 2}),
    )

    def count(**_):
        global calls
        calls += 1

    c.meta.events.register("before-send", count)
    return c


def organization(endpoint, members):
    """The organization, its units and SCPs; the member ids in creation order."""
    org = client(endpoint, "organizations")
    org.create_organization(FeatureSet="ALL")
    root = org.list_roots()["Roots"][0]["Id"]
    units = {}
    for name, parent in UNITS:
        units[name] = org.create_organizational_unit(
            ParentId=units[parent] if parent else root, Name=name
        )["OrganizationalUnit"]["Id"]
    ids = []
    for i in range(members):
        status = org.create_account(
            AccountName=f"member-{i:05d}", Email=f"member-{i:05d}@example.com"
        )["CreateAccountStatus"]
        account = status["AccountId"]
        unit = UNITS_BY_INDEX[i % len(UNITS_BY_INDEX)]
        if unit:
            org.move_account(AccountId=account, SourceParentId=root,
                             DestinationParentId=units[unit])
        ids.append(account)
    for name, action, target in [
        ("deny-iam-writes", "iam:Create*", units["Prod"]),
        ("sandbox-no-kms", "kms:*", units["Sandbox"]),
        ("one-account-no-s3-deletes", "s3:Delete*", ids[min(5, len(ids) - 1)]),
    ]:
        policy = org.create_policy(
            Name=name, Description=name, Type="SERVICE_CONTROL_POLICY",
            Content=doc({"Sid": "Guardrail", "Effect": "Deny", "Action": action, "Resource": "*"}),
        )["Policy"]["PolicySummary"]["Id"]
        org.attach_policy(PolicyId=policy, TargetId=target)
    return ids


def member_state(endpoint, sts, index, account):
    """A member account's IAM users, role, policy, bucket and security group."""
    creds = sts.assume_role(
        RoleArn=f"arn:aws:iam::{account}:role/{ROLE}", RoleSessionName="seed"
    )["Credentials"]
    as_member = dict(key=creds["AccessKeyId"], secret=creds["SecretAccessKey"],
                     token=creds["SessionToken"])
    iam = client(endpoint, "iam", **as_member)
    for user in ("deploy", "reporting"):
        iam.create_user(UserName=user)
        iam.create_access_key(UserName=user)
    iam.put_user_policy(
        UserName="deploy", PolicyName="deploy",
        PolicyDocument=doc({"Effect": "Allow", "Action": ["s3:PutObject", "s3:GetObject"],
                            "Resource": f"arn:aws:s3:::org-bench-{account}/*"}),
    )
    iam.create_role(
        RoleName="ops", AssumeRolePolicyDocument=doc({
            "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{MANAGEMENT}:root"},
            "Action": "sts:AssumeRole"}),
    )
    iam.put_role_policy(
        RoleName="ops", PolicyName="read",
        PolicyDocument=doc({"Effect": "Allow", "Action": ["ec2:Describe*", "s3:List*"],
                            "Resource": "*"}),
    )
    iam.create_policy(
        PolicyName="logs-read",
        PolicyDocument=doc({"Effect": "Allow", "Action": "logs:Get*", "Resource": "*"}),
    )
    client(endpoint, "s3", **as_member).create_bucket(Bucket=f"org-bench-{account}")
    ec2 = client(endpoint, "ec2", **as_member)
    group = ec2.create_security_group(GroupName="web", Description="web tier")["GroupId"]
    port = 22 if index % 10 == 0 else 443
    ec2.authorize_security_group_ingress(
        GroupId=group,
        IpPermissions=[{"IpProtocol": "tcp", "FromPort": port, "ToPort": port,
                        "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}],
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("endpoint", help="the moto server, http://127.0.0.1:PORT")
    parser.add_argument("--accounts", type=int, default=200, help="member accounts (200)")
    parser.add_argument("--ids", help="write the member account ids to this file")
    args = parser.parse_args()
    # The benchmark must never talk to anything but a local emulator.
    if urlparse(args.endpoint).hostname not in ("127.0.0.1", "localhost"):
        sys.exit(f"seed.py: endpoint must be a loopback moto server, got {args.endpoint!r}")
    if args.accounts < 1:
        sys.exit("seed.py: --accounts must be at least 1")

    global calls
    started = time.monotonic()
    urllib.request.urlopen(
        urllib.request.Request(f"{args.endpoint}/moto-api/seed?a=20261206", method="POST")
    ).read()
    calls += 1
    ids = organization(args.endpoint, args.accounts)
    org_calls, org_took = calls, time.monotonic() - started
    print(f"  organization: {len(ids)} member accounts, {len(UNITS)} units, 3 SCPs: "
          f"{org_calls} calls, {org_took:.1f} s", flush=True)

    sts = client(args.endpoint, "sts")
    for i, account in enumerate(ids):
        member_state(args.endpoint, sts, i, account)
        if (i + 1) % 50 == 0 or i + 1 == len(ids):
            print(f"  member state: {i + 1}/{len(ids)} accounts, "
                  f"{time.monotonic() - started:.1f} s", flush=True)
    took = time.monotonic() - started
    if args.ids:
        with open(args.ids, "w") as out:
            out.write("".join(f"{account}\n" for account in ids))
    print(f"seeded {len(ids)} member accounts (+ management {MANAGEMENT}): {calls} calls, "
          f"{took:.1f} s ({(calls - org_calls) / len(ids):.0f} calls, "
          f"{(took - org_took) / len(ids) * 1000:.0f} ms per member)", flush=True)


if __name__ == "__main__":
    main()
