//! The CIS AWS Foundations 3.0 section 4 event patterns, as the CloudTrail events each one
//! must catch. A metric filter covers a pattern when it matches every one of those events and
//! not an unrelated read of the same service (a filter that counts every API call cannot tell
//! anyone that a trail was stopped).
//!
//! Events are cut-down CloudTrail records with the fields the CIS filters and common variants
//! of them read. ClassicLink calls (retired in 2022) are left out of 4.14.

use serde_json::{json, Value};

/// One CIS monitoring recommendation.
pub struct EventPattern {
    /// Short id the policies use (`unauthorized-api-calls`).
    pub slug: &'static str,
    /// The CIS recommendation (`4.1`).
    pub cis: &'static str,
    /// What the events are, for messages.
    pub title: &'static str,
    /// Events a covering filter must match, each with a label for messages.
    pub events: Vec<(String, Value)>,
    /// An event it must not match.
    pub unrelated: (String, Value),
}

/// A CloudTrail record of a call by an IAM user, with `extra` fields merged in.
fn record(source: &str, name: &str, extra: Value) -> Value {
    let mut event = json!({
        "eventVersion": "1.09",
        "userIdentity": {"type": "IAMUser", "principalId": "AIDAEXAMPLE", "arn": "arn:aws:iam::111122223333:user/alice", "accountId": "111122223333", "userName": "alice"},
        "eventTime": "2026-11-20T12:00:00Z",
        "eventSource": source,
        "eventName": name,
        "awsRegion": "us-east-1",
        "sourceIPAddress": "203.0.113.10",
        "userAgent": "aws-cli/2.15.0",
        "eventType": "AwsApiCall",
        "managementEvent": true,
        "readOnly": false,
        "recipientAccountId": "111122223333"
    });
    if let (Some(base), Value::Object(extra)) = (event.as_object_mut(), extra) {
        base.extend(extra);
    }
    event
}

/// One event per call name, all from `source`.
fn calls(source: &str, names: &[&str]) -> Vec<(String, Value)> {
    names
        .iter()
        .map(|n| (n.to_string(), record(source, n, json!({}))))
        .collect()
}

fn read(source: &str, name: &str) -> (String, Value) {
    (
        format!("{name} (a read)"),
        record(source, name, json!({"readOnly": true})),
    )
}

fn console_login(extra: Value) -> Value {
    let mut e = record(
        "signin.amazonaws.com",
        "ConsoleLogin",
        json!({"eventType": "AwsConsoleSignIn", "readOnly": false}),
    );
    if let (Some(base), Value::Object(extra)) = (e.as_object_mut(), extra) {
        base.extend(extra);
    }
    e
}

fn root() -> Value {
    json!({"type": "Root", "principalId": "111122223333", "arn": "arn:aws:iam::111122223333:root", "accountId": "111122223333"})
}

fn denied(source: &str, name: &str, code: &str) -> (String, Value) {
    (
        format!("{code} on {name}"),
        record(
            source,
            name,
            json!({"errorCode": code, "errorMessage": "not authorized"}),
        ),
    )
}

/// Every pattern, in CIS order.
pub fn patterns() -> Vec<EventPattern> {
    let success = json!({"ConsoleLogin": "Success"});
    vec![
        EventPattern {
            slug: "unauthorized-api-calls",
            cis: "4.1",
            title: "unauthorized API calls",
            events: vec![
                denied("s3.amazonaws.com", "GetBucketPolicy", "AccessDenied"),
                denied("kms.amazonaws.com", "Decrypt", "AccessDeniedException"),
                denied(
                    "ec2.amazonaws.com",
                    "RunInstances",
                    "Client.UnauthorizedOperation",
                ),
            ],
            unrelated: read("ec2.amazonaws.com", "DescribeInstances"),
        },
        EventPattern {
            slug: "console-sign-in-without-mfa",
            cis: "4.2",
            title: "console sign-in without MFA",
            events: vec![(
                "ConsoleLogin with MFAUsed No".into(),
                console_login(
                    json!({"additionalEventData": {"MFAUsed": "No", "LoginTo": "https://console.aws.amazon.com/"}, "responseElements": success}),
                ),
            )],
            unrelated: (
                "ConsoleLogin with MFA".into(),
                console_login(
                    json!({"additionalEventData": {"MFAUsed": "Yes", "LoginTo": "https://console.aws.amazon.com/"}, "responseElements": success}),
                ),
            ),
        },
        EventPattern {
            slug: "root-account-usage",
            cis: "4.3",
            title: "root user activity",
            events: vec![
                (
                    "an API call by root".into(),
                    record(
                        "s3.amazonaws.com",
                        "ListBuckets",
                        json!({"userIdentity": root()}),
                    ),
                ),
                (
                    "a console sign-in by root".into(),
                    console_login(
                        json!({"userIdentity": root(), "additionalEventData": {"MFAUsed": "Yes"}, "responseElements": success}),
                    ),
                ),
            ],
            unrelated: read("s3.amazonaws.com", "ListBuckets"),
        },
        EventPattern {
            slug: "iam-policy-changes",
            cis: "4.4",
            title: "IAM policy changes",
            events: calls(
                "iam.amazonaws.com",
                &[
                    "DeleteGroupPolicy",
                    "DeleteRolePolicy",
                    "DeleteUserPolicy",
                    "PutGroupPolicy",
                    "PutRolePolicy",
                    "PutUserPolicy",
                    "CreatePolicy",
                    "DeletePolicy",
                    "CreatePolicyVersion",
                    "DeletePolicyVersion",
                    "AttachRolePolicy",
                    "DetachRolePolicy",
                    "AttachUserPolicy",
                    "DetachUserPolicy",
                    "AttachGroupPolicy",
                    "DetachGroupPolicy",
                ],
            ),
            unrelated: read("iam.amazonaws.com", "GetPolicy"),
        },
        EventPattern {
            slug: "cloudtrail-changes",
            cis: "4.5",
            title: "CloudTrail configuration changes",
            events: calls(
                "cloudtrail.amazonaws.com",
                &[
                    "CreateTrail",
                    "UpdateTrail",
                    "DeleteTrail",
                    "StartLogging",
                    "StopLogging",
                ],
            ),
            unrelated: read("cloudtrail.amazonaws.com", "DescribeTrails"),
        },
        EventPattern {
            slug: "console-authentication-failures",
            cis: "4.6",
            title: "console authentication failures",
            events: vec![(
                "a failed ConsoleLogin".into(),
                console_login(
                    json!({"errorMessage": "Failed authentication", "responseElements": {"ConsoleLogin": "Failure"}, "additionalEventData": {"MFAUsed": "No"}}),
                ),
            )],
            unrelated: (
                "a successful ConsoleLogin".into(),
                console_login(
                    json!({"additionalEventData": {"MFAUsed": "Yes"}, "responseElements": success}),
                ),
            ),
        },
        EventPattern {
            slug: "kms-key-disable-or-deletion",
            cis: "4.7",
            title: "disabling or scheduled deletion of KMS keys",
            events: calls("kms.amazonaws.com", &["DisableKey", "ScheduleKeyDeletion"]),
            unrelated: read("kms.amazonaws.com", "DescribeKey"),
        },
        EventPattern {
            slug: "s3-bucket-policy-changes",
            cis: "4.8",
            title: "S3 bucket policy changes",
            events: calls(
                "s3.amazonaws.com",
                &[
                    "PutBucketAcl",
                    "PutBucketPolicy",
                    "PutBucketCors",
                    "PutBucketLifecycle",
                    "PutBucketReplication",
                    "DeleteBucketPolicy",
                    "DeleteBucketCors",
                    "DeleteBucketLifecycle",
                    "DeleteBucketReplication",
                ],
            ),
            unrelated: read("s3.amazonaws.com", "GetBucketPolicy"),
        },
        EventPattern {
            slug: "config-changes",
            cis: "4.9",
            title: "AWS Config configuration changes",
            events: calls(
                "config.amazonaws.com",
                &[
                    "StopConfigurationRecorder",
                    "DeleteDeliveryChannel",
                    "PutDeliveryChannel",
                    "PutConfigurationRecorder",
                ],
            ),
            unrelated: read("config.amazonaws.com", "DescribeConfigurationRecorders"),
        },
        EventPattern {
            slug: "security-group-changes",
            cis: "4.10",
            title: "security group changes",
            events: calls(
                "ec2.amazonaws.com",
                &[
                    "AuthorizeSecurityGroupIngress",
                    "AuthorizeSecurityGroupEgress",
                    "RevokeSecurityGroupIngress",
                    "RevokeSecurityGroupEgress",
                    "CreateSecurityGroup",
                    "DeleteSecurityGroup",
                ],
            ),
            unrelated: read("ec2.amazonaws.com", "DescribeSecurityGroups"),
        },
        EventPattern {
            slug: "network-acl-changes",
            cis: "4.11",
            title: "network ACL changes",
            events: calls(
                "ec2.amazonaws.com",
                &[
                    "CreateNetworkAcl",
                    "CreateNetworkAclEntry",
                    "DeleteNetworkAcl",
                    "DeleteNetworkAclEntry",
                    "ReplaceNetworkAclEntry",
                    "ReplaceNetworkAclAssociation",
                ],
            ),
            unrelated: read("ec2.amazonaws.com", "DescribeNetworkAcls"),
        },
        EventPattern {
            slug: "network-gateway-changes",
            cis: "4.12",
            title: "network gateway changes",
            events: calls(
                "ec2.amazonaws.com",
                &[
                    "CreateCustomerGateway",
                    "DeleteCustomerGateway",
                    "AttachInternetGateway",
                    "CreateInternetGateway",
                    "DeleteInternetGateway",
                    "DetachInternetGateway",
                ],
            ),
            unrelated: read("ec2.amazonaws.com", "DescribeInternetGateways"),
        },
        EventPattern {
            slug: "route-table-changes",
            cis: "4.13",
            title: "route table changes",
            events: calls(
                "ec2.amazonaws.com",
                &[
                    "CreateRoute",
                    "CreateRouteTable",
                    "ReplaceRoute",
                    "ReplaceRouteTableAssociation",
                    "DeleteRouteTable",
                    "DeleteRoute",
                    "DisassociateRouteTable",
                ],
            ),
            unrelated: read("ec2.amazonaws.com", "DescribeRouteTables"),
        },
        EventPattern {
            slug: "vpc-changes",
            cis: "4.14",
            title: "VPC changes",
            events: calls(
                "ec2.amazonaws.com",
                &[
                    "CreateVpc",
                    "DeleteVpc",
                    "ModifyVpcAttribute",
                    "AcceptVpcPeeringConnection",
                    "CreateVpcPeeringConnection",
                    "DeleteVpcPeeringConnection",
                    "RejectVpcPeeringConnection",
                ],
            ),
            unrelated: read("ec2.amazonaws.com", "DescribeVpcs"),
        },
        EventPattern {
            slug: "organizations-changes",
            cis: "4.15",
            title: "AWS Organizations changes",
            events: calls(
                "organizations.amazonaws.com",
                &[
                    "AcceptHandshake",
                    "AttachPolicy",
                    "CreateAccount",
                    "CreateOrganizationalUnit",
                    "CreatePolicy",
                    "DeclineHandshake",
                    "DeleteOrganization",
                    "DeleteOrganizationalUnit",
                    "DeletePolicy",
                    "DetachPolicy",
                    "DisablePolicyType",
                    "EnablePolicyType",
                    "InviteAccountToOrganization",
                    "LeaveOrganization",
                    "MoveAccount",
                    "RemoveAccountFromOrganization",
                    "UpdatePolicy",
                    "UpdateOrganizationalUnit",
                ],
            ),
            unrelated: read("organizations.amazonaws.com", "DescribeOrganization"),
        },
    ]
}
