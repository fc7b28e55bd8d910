//! Escalation methods, paths and neutralisation on small accounts written as
//! authorization-details JSON: for every method a case where it works and one where it must not.

use super::{analyze, IamFacts, PrincipalFacts};
use crate::inventory::auth_details;
use serde_json::{json, Value};

const ACCT: &str = "111122223333";

fn arn(kind: &str, name: &str) -> String {
    format!("arn:aws:iam::{ACCT}:{kind}/{name}")
}

fn doc(statements: Value) -> Value {
    json!({"Version": "2012-10-17", "Statement": statements})
}

fn allow(actions: &[&str], resource: &str) -> Value {
    json!({"Effect": "Allow", "Action": actions, "Resource": resource})
}

fn deny(actions: &[&str], resource: &str) -> Value {
    json!({"Effect": "Deny", "Action": actions, "Resource": resource})
}

fn trust(principal: Value) -> Value {
    doc(json!([{"Effect": "Allow", "Principal": principal, "Action": "sts:AssumeRole"}]))
}

/// An account: users, groups, roles and managed policies as the CLI prints them.
#[derive(Default)]
struct Account {
    users: Vec<Value>,
    groups: Vec<Value>,
    roles: Vec<Value>,
    policies: Vec<Value>,
}

impl Account {
    fn user(mut self, name: &str, statements: Vec<Value>) -> Self {
        self.users.push(json!({"UserName": name, "Arn": arn("user", name),
            "UserPolicyList": [{"PolicyName": "inline", "PolicyDocument": doc(Value::Array(statements))}]}));
        self
    }

    fn user_with(mut self, name: &str, extra: Value) -> Self {
        let mut u = json!({"UserName": name, "Arn": arn("user", name)});
        u.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        self.users.push(u);
        self
    }

    fn group(mut self, name: &str, statements: Vec<Value>) -> Self {
        self.groups.push(json!({"GroupName": name, "Arn": arn("group", name),
            "GroupPolicyList": [{"PolicyName": "inline", "PolicyDocument": doc(Value::Array(statements))}]}));
        self
    }

    fn role(self, name: &str, trust_doc: Value, statements: Vec<Value>) -> Self {
        self.role_with(name, trust_doc, statements, false)
    }

    fn role_with(
        mut self,
        name: &str,
        trust_doc: Value,
        statements: Vec<Value>,
        instance_profile: bool,
    ) -> Self {
        let profiles = if instance_profile {
            json!([{"InstanceProfileName": name, "Arn": arn("instance-profile", name)}])
        } else {
            json!([])
        };
        self.roles.push(json!({"RoleName": name, "Arn": arn("role", name),
            "AssumeRolePolicyDocument": trust_doc, "InstanceProfileList": profiles,
            "RolePolicyList": [{"PolicyName": "inline", "PolicyDocument": doc(Value::Array(statements))}]}));
        self
    }

    fn policy(mut self, name: &str, statements: Vec<Value>) -> Self {
        self.policies
            .push(json!({"PolicyName": name, "Arn": arn("policy", name),
            "DefaultVersionId": "v1", "AttachmentCount": 1,
            "PolicyVersionList": [{"VersionId": "v1", "IsDefaultVersion": true,
                "Document": doc(Value::Array(statements))}]}));
        self
    }

    fn analyze(&self) -> IamFacts {
        let file = json!({"UserDetailList": self.users, "GroupDetailList": self.groups,
            "RoleDetailList": self.roles, "Policies": self.policies});
        let inv = auth_details::parse(
            &file.to_string(),
            std::path::Path::new("test.json"),
            chrono::Utc::now(),
        )
        .unwrap();
        analyze(&inv)
    }
}

fn admin_role(a: Account) -> Account {
    a.role(
        "admin",
        trust(json!({"AWS": format!("arn:aws:iam::{ACCT}:root")})),
        vec![allow(&["*"], "*")],
    )
}

fn facts<'a>(f: &'a IamFacts, who: &str) -> &'a PrincipalFacts {
    let (kind, name) = who.split_once('/').unwrap();
    &f.principals[&arn(kind, name)]
}

fn methods(p: &PrincipalFacts) -> Vec<&str> {
    p.escalations.iter().map(|e| e.method.as_str()).collect()
}

/// Self methods: each works on its own target and not on another.
#[test]
fn self_escalation_methods() {
    let own_policy = arn("policy", "mine");
    let other_policy = arn("policy", "theirs");
    for (method, action, works_on, fails_on) in [
        (
            "CreatePolicyVersion",
            "iam:CreatePolicyVersion",
            own_policy.clone(),
            other_policy.clone(),
        ),
        (
            "SetDefaultPolicyVersion",
            "iam:SetDefaultPolicyVersion",
            own_policy.clone(),
            other_policy.clone(),
        ),
        (
            "AttachUserPolicy",
            "iam:AttachUserPolicy",
            arn("user", "dev"),
            arn("user", "someone"),
        ),
        (
            "PutUserPolicy",
            "iam:PutUserPolicy",
            arn("user", "dev"),
            arn("user", "someone"),
        ),
        (
            "AttachGroupPolicy",
            "iam:AttachGroupPolicy",
            arn("group", "devs"),
            arn("group", "admins"),
        ),
        (
            "PutGroupPolicy",
            "iam:PutGroupPolicy",
            arn("group", "devs"),
            arn("group", "admins"),
        ),
        (
            "AddUserToGroup",
            "iam:AddUserToGroup",
            arn("group", "admins"),
            arn("group", "nonexistent"),
        ),
    ] {
        for (resource, expect) in [(&works_on, true), (&fails_on, false)] {
            let f = Account::default()
                .policy("mine", vec![allow(&["s3:ListAllMyBuckets"], "*")])
                .policy("theirs", vec![allow(&["s3:ListAllMyBuckets"], "*")])
                .user_with(
                    "dev",
                    json!({"GroupList": ["devs"],
                        "AttachedManagedPolicies": [{"PolicyName": "mine", "PolicyArn": own_policy}],
                        "UserPolicyList": [{"PolicyName": "p", "PolicyDocument": doc(json!([allow(&[action], resource)]))}]}),
                )
                .group("devs", vec![])
                .group("admins", vec![allow(&["*"], "*")])
                .analyze();
            let dev = facts(&f, "user/dev");
            assert_eq!(
                methods(dev).contains(&method),
                expect,
                "{method} on {resource}: {:?}",
                dev.escalations
            );
            assert!(dev.admin.is_none());
        }
    }
    for (method, action) in [
        ("AttachRolePolicy", "iam:AttachRolePolicy"),
        ("PutRolePolicy", "iam:PutRolePolicy"),
    ] {
        for (resource, expect) in [(arn("role", "app"), true), (arn("role", "other"), false)] {
            let f = Account::default()
                .role(
                    "app",
                    trust(json!({"Service": "ec2.amazonaws.com"})),
                    vec![allow(&[action], &resource)],
                )
                .analyze();
            assert_eq!(
                methods(facts(&f, "role/app")).contains(&method),
                expect,
                "{method} on {resource}"
            );
        }
    }
}

/// Edge methods: a path to an admin-equivalent principal through each, and no path when the
/// one thing the method needs is missing.
#[test]
fn edge_methods_make_paths() {
    let admin = arn("role", "admin");
    let pass = |svc_actions: &[&str]| {
        let mut v = vec![allow(&["iam:PassRole"], &arn("role", "admin"))];
        v.push(allow(svc_actions, "*"));
        v
    };
    let svc_trust = |svc: &str| trust(json!({"Service": svc}));
    struct Case {
        name: &'static str,
        account: Account,
        path: Option<&'static str>,
    }
    let with_admin_user = |a: Account| a.user("boss", vec![allow(&["*"], "*")]);
    let cases = vec![
        Case {
            name: "AssumeRole through a trust to the account root",
            account: admin_role(Account::default())
                .user("dev", vec![allow(&["sts:AssumeRole"], &admin)]),
            path: Some("user/dev → role/admin (sts:AssumeRole) → admin-equivalent"),
        },
        Case {
            name: "AssumeRole allowed but the trust names another account",
            account: Account::default()
                .role("admin", trust(json!({"AWS": "arn:aws:iam::999999999999:root"})), vec![allow(&["*"], "*")])
                .user("dev", vec![allow(&["sts:AssumeRole"], "*")]),
            path: None,
        },
        Case {
            name: "a trust naming the user needs no identity allow",
            account: Account::default()
                .role("admin", trust(json!({"AWS": arn("user", "dev")})), vec![allow(&["*"], "*")])
                .user("dev", vec![allow(&["s3:ListAllMyBuckets"], "*")]),
            path: Some("user/dev → role/admin (sts:AssumeRole) → admin-equivalent"),
        },
        Case {
            name: "a trust naming the user, whose own policy allows that one role",
            account: Account::default()
                .role("admin", trust(json!({"AWS": arn("user", "dev")})), vec![allow(&["*"], "*")])
                .user("dev", vec![allow(&["sts:AssumeRole"], &admin)]),
            path: Some("user/dev → role/admin (sts:AssumeRole) → admin-equivalent"),
        },
        Case {
            name: "a trust naming the user, whose own policy denies assuming roles",
            account: Account::default()
                .role("admin", trust(json!({"AWS": arn("user", "dev")})), vec![allow(&["*"], "*")])
                .user("dev", vec![allow(&["s3:ListAllMyBuckets"], "*"), deny(&["sts:AssumeRole"], "*")]),
            path: None,
        },
        Case {
            name: "a trust to the root needs an identity allow",
            account: admin_role(Account::default())
                .user("dev", vec![allow(&["s3:ListAllMyBuckets"], "*")]),
            path: None,
        },
        Case {
            name: "UpdateAssumeRolePolicy then AssumeRole",
            account: Account::default()
                .role("admin", svc_trust("ec2.amazonaws.com"), vec![allow(&["*"], "*")])
                .user("dev", vec![allow(&["iam:UpdateAssumeRolePolicy", "sts:AssumeRole"], &admin)]),
            path: Some("user/dev → role/admin (iam:UpdateAssumeRolePolicy + sts:AssumeRole) → admin-equivalent"),
        },
        Case {
            name: "UpdateAssumeRolePolicy alone: the new trust names the caller",
            account: Account::default()
                .role("admin", svc_trust("ec2.amazonaws.com"), vec![allow(&["*"], "*")])
                .user("dev", vec![allow(&["iam:UpdateAssumeRolePolicy"], &admin)]),
            path: Some("user/dev → role/admin (iam:UpdateAssumeRolePolicy + sts:AssumeRole) → admin-equivalent"),
        },
        Case {
            name: "UpdateAssumeRolePolicy with AssumeRole explicitly denied",
            account: Account::default()
                .role("admin", svc_trust("ec2.amazonaws.com"), vec![allow(&["*"], "*")])
                .user("dev", vec![
                    allow(&["iam:UpdateAssumeRolePolicy"], &admin),
                    deny(&["sts:AssumeRole"], "*"),
                ]),
            path: None,
        },
        Case {
            name: "a change set on stacks that may run as an admin role",
            account: Account::default()
                .role("admin", svc_trust("cloudformation.amazonaws.com"), vec![allow(&["*"], "*")])
                .user("dev", vec![allow(&["cloudformation:CreateChangeSet", "cloudformation:ExecuteChangeSet"], "*")]),
            path: Some("(cloudformation:CreateChangeSet + cloudformation:ExecuteChangeSet) → admin-equivalent"),
        },
        Case {
            name: "a change set that can be created but not executed",
            account: Account::default()
                .role("admin", svc_trust("cloudformation.amazonaws.com"), vec![allow(&["*"], "*")])
                .user("dev", vec![allow(&["cloudformation:CreateChangeSet"], "*")]),
            path: None,
        },
        Case {
            name: "ECS ExecuteCommand into tasks that may run as an admin role",
            account: Account::default()
                .role("admin", svc_trust("ecs-tasks.amazonaws.com"), vec![allow(&["*"], "*")])
                .user("dev", vec![allow(&["ecs:ExecuteCommand"], "*")]),
            path: Some("(ecs:ExecuteCommand) → admin-equivalent"),
        },
        Case {
            name: "ECS ExecuteCommand when no role trusts ECS tasks",
            account: admin_role(Account::default())
                .user("dev", vec![allow(&["ecs:ExecuteCommand"], "*")]),
            path: None,
        },
        Case {
            name: "EC2 user data rewritten on instances with an admin profile",
            account: Account::default()
                .role_with("admin", svc_trust("ec2.amazonaws.com"), vec![allow(&["*"], "*")], true)
                .user("dev", vec![allow(&["ec2:ModifyInstanceAttribute", "ec2:StopInstances", "ec2:StartInstances"], "*")]),
            path: Some("(ec2:ModifyInstanceAttribute + ec2:StopInstances + ec2:StartInstances) → admin-equivalent"),
        },
        Case {
            name: "EC2 user data without a restart",
            account: Account::default()
                .role_with("admin", svc_trust("ec2.amazonaws.com"), vec![allow(&["*"], "*")], true)
                .user("dev", vec![allow(&["ec2:ModifyInstanceAttribute"], "*")]),
            path: None,
        },
        Case {
            name: "EC2 launch template rewritten",
            account: Account::default()
                .role_with("admin", svc_trust("ec2.amazonaws.com"), vec![allow(&["*"], "*")], true)
                .user("dev", vec![allow(&["ec2:CreateLaunchTemplateVersion", "ec2:ModifyLaunchTemplate"], "*")]),
            path: Some("(ec2:CreateLaunchTemplateVersion + ec2:ModifyLaunchTemplate) → admin-equivalent"),
        },
        Case {
            name: "EC2 launch template when the role has no instance profile",
            account: Account::default()
                .role("admin", svc_trust("ec2.amazonaws.com"), vec![allow(&["*"], "*")])
                .user("dev", vec![allow(&["ec2:CreateLaunchTemplateVersion", "ec2:ModifyLaunchTemplate"], "*")]),
            path: None,
        },
        Case {
            name: "CreateAccessKey for an admin user",
            account: with_admin_user(Account::default())
                .user("dev", vec![allow(&["iam:CreateAccessKey"], &arn("user", "boss"))]),
            path: Some("user/dev → user/boss (iam:CreateAccessKey) → admin-equivalent"),
        },
        Case {
            name: "CreateAccessKey only for itself",
            account: with_admin_user(Account::default())
                .user("dev", vec![allow(&["iam:CreateAccessKey"], &arn("user", "dev"))]),
            path: None,
        },
        Case {
            name: "CreateLoginProfile for an admin user",
            account: with_admin_user(Account::default())
                .user("dev", vec![allow(&["iam:CreateLoginProfile"], "*")]),
            path: Some("user/dev → user/boss (iam:CreateLoginProfile) → admin-equivalent"),
        },
        Case {
            name: "CreateLoginProfile denied for admins",
            account: with_admin_user(Account::default()).user(
                "dev",
                vec![allow(&["iam:CreateLoginProfile"], "*"), deny(&["iam:*"], &arn("user", "boss"))],
            ),
            path: None,
        },
        Case {
            name: "UpdateLoginProfile for an admin user",
            account: with_admin_user(Account::default())
                .user("dev", vec![allow(&["iam:UpdateLoginProfile"], "*")]),
            path: Some("user/dev → user/boss (iam:UpdateLoginProfile) → admin-equivalent"),
        },
        Case {
            name: "UpdateLoginProfile on a non-admin user",
            account: Account::default()
                .user("peer", vec![allow(&["s3:ListAllMyBuckets"], "*")])
                .user("dev", vec![allow(&["iam:UpdateLoginProfile"], "*")]),
            path: None,
        },
        Case {
            name: "PassRole + RunInstances with an instance profile",
            account: Account::default()
                .role_with("admin", svc_trust("ec2.amazonaws.com"), vec![allow(&["*"], "*")], true)
                .user("dev", pass(&["ec2:RunInstances"])),
            path: Some("user/dev → role/admin (iam:PassRole + ec2:RunInstances) → admin-equivalent"),
        },
        Case {
            name: "PassRole + RunInstances, but the role has no instance profile",
            account: Account::default()
                .role("admin", svc_trust("ec2.amazonaws.com"), vec![allow(&["*"], "*")])
                .user("dev", pass(&["ec2:RunInstances"])),
            path: None,
        },
        Case {
            name: "PassRole + Lambda CreateFunction + InvokeFunction",
            account: Account::default()
                .role("admin", svc_trust("lambda.amazonaws.com"), vec![allow(&["*"], "*")])
                .user("dev", pass(&["lambda:CreateFunction", "lambda:InvokeFunction"])),
            path: Some("user/dev → role/admin (iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction) → admin-equivalent"),
        },
        Case {
            name: "PassRole + Lambda CreateFunction without a way to run it",
            account: Account::default()
                .role("admin", svc_trust("lambda.amazonaws.com"), vec![allow(&["*"], "*")])
                .user("dev", pass(&["lambda:CreateFunction"])),
            path: None,
        },
        Case {
            name: "PassRole + Lambda CreateFunction + CreateEventSourceMapping",
            account: Account::default()
                .role("admin", svc_trust("lambda.amazonaws.com"), vec![allow(&["*"], "*")])
                .user("dev", pass(&["lambda:CreateFunction", "lambda:CreateEventSourceMapping"])),
            path: Some("lambda:CreateEventSourceMapping) → admin-equivalent"),
        },
        Case {
            name: "PassRole + Glue CreateDevEndpoint",
            account: Account::default()
                .role("admin", svc_trust("glue.amazonaws.com"), vec![allow(&["*"], "*")])
                .user("dev", pass(&["glue:CreateDevEndpoint"])),
            path: Some("(iam:PassRole + glue:CreateDevEndpoint) → admin-equivalent"),
        },
        Case {
            name: "PassRole + Glue to a role that trusts Lambda only",
            account: Account::default()
                .role("admin", svc_trust("lambda.amazonaws.com"), vec![allow(&["*"], "*")])
                .user("dev", pass(&["glue:CreateDevEndpoint"])),
            path: None,
        },
        Case {
            name: "PassRole + CloudFormation CreateStack",
            account: Account::default()
                .role("admin", svc_trust("cloudformation.amazonaws.com"), vec![allow(&["*"], "*")])
                .user("dev", pass(&["cloudformation:CreateStack"])),
            path: Some("(iam:PassRole + cloudformation:CreateStack) → admin-equivalent"),
        },
        Case {
            name: "CloudFormation with PassRole on another role only",
            account: Account::default()
                .role("admin", svc_trust("cloudformation.amazonaws.com"), vec![allow(&["*"], "*")])
                .user("dev", vec![
                    allow(&["iam:PassRole"], &arn("role", "deployer")),
                    allow(&["cloudformation:CreateStack"], "*"),
                ]),
            path: None,
        },
        Case {
            name: "PassRole + Data Pipeline",
            account: Account::default()
                .role("admin", svc_trust("datapipeline.amazonaws.com"), vec![allow(&["*"], "*")])
                .user("dev", pass(&["datapipeline:CreatePipeline", "datapipeline:PutPipelineDefinition"])),
            path: Some("(iam:PassRole + datapipeline:CreatePipeline + datapipeline:PutPipelineDefinition) → admin-equivalent"),
        },
        Case {
            name: "Data Pipeline without PutPipelineDefinition",
            account: Account::default()
                .role("admin", svc_trust("datapipeline.amazonaws.com"), vec![allow(&["*"], "*")])
                .user("dev", pass(&["datapipeline:CreatePipeline"])),
            path: None,
        },
        Case {
            name: "PassRole + ECS RunTask",
            account: Account::default()
                .role("admin", svc_trust("ecs-tasks.amazonaws.com"), vec![allow(&["*"], "*")])
                .user("dev", pass(&["ecs:RegisterTaskDefinition", "ecs:RunTask"])),
            path: Some("(iam:PassRole + ecs:RegisterTaskDefinition + ecs:RunTask) → admin-equivalent"),
        },
        Case {
            name: "ECS RunTask without PassRole",
            account: Account::default()
                .role("admin", svc_trust("ecs-tasks.amazonaws.com"), vec![allow(&["*"], "*")])
                .user("dev", vec![allow(&["ecs:RegisterTaskDefinition", "ecs:RunTask"], "*")]),
            path: None,
        },
        Case {
            name: "PassRole + SageMaker notebook",
            account: Account::default()
                .role("admin", svc_trust("sagemaker.amazonaws.com"), vec![allow(&["*"], "*")])
                .user("dev", pass(&["sagemaker:CreateNotebookInstance", "sagemaker:CreatePresignedNotebookInstanceUrl"])),
            path: Some("sagemaker:CreatePresignedNotebookInstanceUrl) → admin-equivalent"),
        },
        Case {
            name: "SageMaker notebook without a presigned URL",
            account: Account::default()
                .role("admin", svc_trust("sagemaker.amazonaws.com"), vec![allow(&["*"], "*")])
                .user("dev", pass(&["sagemaker:CreateNotebookInstance"])),
            path: None,
        },
        Case {
            name: "PassRole + CodeBuild",
            account: Account::default()
                .role("admin", svc_trust("codebuild.amazonaws.com"), vec![allow(&["*"], "*")])
                .user("dev", pass(&["codebuild:CreateProject", "codebuild:StartBuild"])),
            path: Some("(iam:PassRole + codebuild:CreateProject + codebuild:StartBuild) → admin-equivalent"),
        },
        Case {
            name: "CodeBuild with StartBuild denied",
            account: Account::default()
                .role("admin", svc_trust("codebuild.amazonaws.com"), vec![allow(&["*"], "*")])
                .user("dev", {
                    let mut v = pass(&["codebuild:CreateProject", "codebuild:StartBuild"]);
                    v.push(deny(&["codebuild:StartBuild"], "*"));
                    v
                }),
            path: None,
        },
        Case {
            name: "UpdateFunctionCode on functions that may run as an admin role",
            account: Account::default()
                .role("admin", svc_trust("lambda.amazonaws.com"), vec![allow(&["*"], "*")])
                .user("dev", vec![allow(&["lambda:UpdateFunctionCode"], "*")]),
            path: Some("user/dev → role/admin (lambda:UpdateFunctionCode) → admin-equivalent"),
        },
        Case {
            name: "UpdateFunctionCode when no role trusts Lambda",
            account: admin_role(Account::default())
                .user("dev", vec![allow(&["lambda:UpdateFunctionCode"], "*")]),
            path: None,
        },
        Case {
            name: "UpdateDevEndpoint on endpoints that may run as an admin role",
            account: Account::default()
                .role("admin", svc_trust("glue.amazonaws.com"), vec![allow(&["*"], "*")])
                .user("dev", vec![allow(&["glue:UpdateDevEndpoint"], "*")]),
            path: Some("(glue:UpdateDevEndpoint) → admin-equivalent"),
        },
        Case {
            name: "UpdateDevEndpoint when no role trusts Glue",
            account: admin_role(Account::default())
                .user("dev", vec![allow(&["glue:UpdateDevEndpoint"], "*")]),
            path: None,
        },
        Case {
            name: "SSM SendCommand to instances with an admin profile",
            account: Account::default()
                .role_with("admin", svc_trust("ec2.amazonaws.com"), vec![allow(&["*"], "*")], true)
                .user("dev", vec![allow(&["ssm:SendCommand"], "*")]),
            path: Some("(ssm:SendCommand) → admin-equivalent"),
        },
        Case {
            name: "SSM SendCommand when the EC2 role has no instance profile",
            account: Account::default()
                .role("admin", svc_trust("ec2.amazonaws.com"), vec![allow(&["*"], "*")])
                .user("dev", vec![allow(&["ssm:SendCommand"], "*")]),
            path: None,
        },
    ];
    for c in cases {
        let f = c.account.analyze();
        let dev = facts(&f, "user/dev");
        assert!(
            dev.admin.is_none() && dev.escalations.is_empty(),
            "{}",
            c.name
        );
        match (c.path, &dev.path) {
            (None, None) => {}
            (Some(want), Some(got)) => {
                assert!(got.text.contains(want), "{}: {}", c.name, got.text);
                assert_eq!(got.reaches, "admin", "{}", c.name);
            }
            (want, got) => panic!("{}: expected {want:?}, got {got:?}", c.name),
        }
    }
}

#[test]
fn dead_ends_say_why() {
    let f = Account::default()
        .role(
            "worker",
            trust(json!({"Service": "lambda.amazonaws.com"})),
            vec![allow(&["s3:ListAllMyBuckets"], "*")],
        )
        .user(
            "dev",
            vec![allow(
                &[
                    "iam:PassRole",
                    "ec2:RunInstances",
                    "lambda:CreateFunction",
                    "lambda:InvokeFunction",
                ],
                "*",
            )],
        )
        .analyze();
    let dev = facts(&f, "user/dev");
    assert!(dev.path.is_none());
    let why = |m: &str| &dev.neutralised.iter().find(|n| n.method == m).unwrap().by;
    assert_eq!(
        why("PassRole+EC2:RunInstances"),
        "no target: no role in the account trusts ec2.amazonaws.com with an instance profile"
    );
    assert!(
        why("PassRole+Lambda:CreateFunction+InvokeFunction").starts_with("no privileged target")
    );
}

#[test]
fn hijacking_existing_resources_is_conditional() {
    let f = Account::default()
        .role(
            "admin",
            trust(json!({"Service": "lambda.amazonaws.com"})),
            vec![allow(&["*"], "*")],
        )
        .user("dev", vec![allow(&["lambda:UpdateFunctionCode"], "*")])
        .analyze();
    assert!(facts(&f, "user/dev").path.as_ref().unwrap().conditional);
}

#[test]
fn multi_hop_paths_are_spelled_out() {
    let f = Account::default()
        .user("a", vec![allow(&["sts:AssumeRole"], &arn("role", "b"))])
        .role(
            "b",
            trust(json!({"AWS": format!("arn:aws:iam::{ACCT}:root")})),
            vec![
                allow(&["iam:PassRole"], &arn("role", "c")),
                allow(&["ec2:RunInstances"], "*"),
            ],
        )
        .role_with(
            "c",
            trust(json!({"Service": "ec2.amazonaws.com"})),
            vec![allow(&["iam:AttachRolePolicy"], &arn("role", "c"))],
            true,
        )
        .analyze();
    let c = facts(&f, "role/c");
    assert_eq!(methods(c), ["AttachRolePolicy"]);
    let a = facts(&f, "user/a").path.as_ref().unwrap();
    assert_eq!(
        a.text,
        "user/a → role/b (sts:AssumeRole) → role/c (iam:PassRole + ec2:RunInstances) → iam:AttachRolePolicy"
    );
    assert_eq!((a.hops, a.reaches, a.conditional), (2, "escalation", false));
    assert_eq!(a.target, arn("role", "c"));
    // b itself is one hop away.
    assert_eq!(facts(&f, "role/b").path.as_ref().unwrap().hops, 1);
}

#[test]
fn admin_neutralised_by_a_deny_or_a_boundary_is_not_admin() {
    let f = Account::default()
        .user("denied", vec![allow(&["*"], "*"), deny(&["iam:*"], "*")])
        .policy("boundary", vec![allow(&["s3:*", "ec2:*"], "*")])
        .user_with(
            "bounded",
            json!({"UserPolicyList": [{"PolicyName": "all", "PolicyDocument": doc(json!([allow(&["*"], "*")]))}],
                   "PermissionsBoundary": {"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": arn("policy", "boundary")}}),
        )
        .user("admin", vec![allow(&["*"], "*")])
        .analyze();
    for who in ["user/denied", "user/bounded"] {
        let p = facts(&f, who);
        assert!(p.admin.is_none(), "{who}");
        assert!(p.escalations.is_empty(), "{who}: {:?}", p.escalations);
        assert!(p.path.is_none(), "{who}");
        let admin = p.neutralised.iter().find(|n| n.method == "admin").unwrap();
        assert!(
            admin.by.contains("explicit deny") || admin.by.contains("permissions boundary"),
            "{who}: {}",
            admin.by
        );
        assert!(
            p.neutralised.iter().any(|n| n.method == "AttachUserPolicy"),
            "{who}"
        );
    }
    let admin = facts(&f, "user/admin");
    assert!(!admin.admin.as_ref().unwrap().conditional);
    assert!(admin.neutralised.is_empty());
}

#[test]
fn conditions_make_admin_and_escalation_conditional() {
    let mfa = json!({"Bool": {"aws:MultiFactorAuthPresent": "true"}});
    let f = Account::default()
        .user("mfa-admin", vec![json!({"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": mfa})])
        .user("mfa-attach", vec![json!({"Effect": "Allow", "Action": "iam:AttachUserPolicy", "Resource": "*", "Condition": mfa})])
        .analyze();
    assert!(
        facts(&f, "user/mfa-admin")
            .admin
            .as_ref()
            .unwrap()
            .conditional
    );
    let e = &facts(&f, "user/mfa-attach").escalations[0];
    assert!(e.conditional);
}

#[test]
fn full_iam_write_is_admin_equivalent() {
    let f = Account::default()
        .user("iam-admin", vec![allow(&["iam:*"], "*")])
        .user("power", vec![json!({"Effect": "Allow", "NotAction": ["iam:*", "organizations:*"], "Resource": "*"})])
        .analyze();
    assert!(facts(&f, "user/iam-admin").admin.is_some());
    let power = facts(&f, "user/power");
    assert!(power.admin.is_none());
    assert!(power.escalations.is_empty());
}

#[test]
fn unparsable_inline_policies_make_the_analysis_a_gap() {
    let f = Account::default()
        .user_with(
            "broken",
            json!({"UserPolicyList": [{"PolicyName": "bad", "PolicyDocument": {"Statement": [{"Effect": "Perhaps", "Action": "*"}]}}],
                   "AttachedManagedPolicies": [{"PolicyName": "gone", "PolicyArn": arn("policy", "gone")}]}),
        )
        .analyze();
    let p = facts(&f, "user/broken");
    assert_eq!(p.missing_policies.len(), 2, "{:?}", p.missing_policies);
    assert_eq!(f.gaps.len(), 2);
    assert!(f
        .gaps
        .iter()
        .all(|g| g.resource.as_deref() == Some(arn("user", "broken").as_str())));
    assert!(f
        .gaps
        .iter()
        .any(|g| g.message.as_deref().unwrap().contains("Effect")));
}

#[test]
fn document_checks() {
    let f = Account::default()
        .policy(
            "loose",
            vec![
                json!({"Sid": "NotIam", "Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}),
                json!({"Sid": "NotSecret", "Effect": "Allow", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::secret/*"}),
                json!({"Sid": "Writes", "Effect": "Allow", "Action": ["s3:PutObject", "ec2:DescribeInstances"], "Resource": "*"}),
            ],
        )
        .policy("tight", vec![allow(&["s3:PutObject"], "arn:aws:s3:::b/*")])
        .analyze();
    let loose = &f.documents[&arn("policy", "loose")];
    assert_eq!(loose.not_action_allows, ["NotIam"]);
    assert_eq!(loose.not_resource_allows, ["NotSecret"]);
    let writes: Vec<&str> = loose
        .write_on_all_resources
        .iter()
        .map(|w| w.statement.as_str())
        .collect();
    assert_eq!(writes, ["NotIam", "Writes"]);
    let w = &loose.write_on_all_resources[1];
    assert_eq!(
        (w.count, w.sample.as_slice()),
        (1, ["s3:PutObject".to_string()].as_slice())
    );
    let tight = &f.documents[&arn("policy", "tight")];
    assert!(tight.write_on_all_resources.is_empty() && tight.error.is_none());
}

/// An inline document gets the facts a customer-managed one gets, keyed by its owner's ARN
/// and its name: a NotAction allow in a user's, a group's or a role's own policy is no less
/// broad than in a managed policy.
#[test]
fn inline_document_checks() {
    let not_iam =
        json!({"Sid": "NotIam", "Effect": "Allow", "NotAction": "iam:*", "Resource": "*"});
    let not_secret = json!({"Sid": "NotSecret", "Effect": "Allow", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::secret/*"});
    let f = Account::default()
        .user("loose", vec![not_iam.clone()])
        .group("loose", vec![not_secret])
        .role(
            "loose",
            trust(json!({"Service": "lambda.amazonaws.com"})),
            vec![not_iam, allow(&["s3:PutObject"], "*")],
        )
        .user("tight", vec![allow(&["s3:PutObject"], "arn:aws:s3:::b/*")])
        .user_with(
            "broken",
            json!({"UserPolicyList": [{"PolicyName": "bad", "PolicyDocument": {"Statement": [{"Effect": "Perhaps", "Action": "*"}]}}]}),
        )
        .analyze();
    let inline =
        |kind: &str, name: &str, policy: &str| &f.inline_documents[&arn(kind, name)][policy];
    assert_eq!(
        inline("user", "loose", "inline").not_action_allows,
        ["NotIam"]
    );
    assert_eq!(
        inline("group", "loose", "inline").not_resource_allows,
        ["NotSecret"]
    );
    let role = inline("role", "loose", "inline");
    assert_eq!(role.not_action_allows, ["NotIam"]);
    let writes: Vec<&str> = role
        .write_on_all_resources
        .iter()
        .map(|w| w.statement.as_str())
        .collect();
    assert_eq!(writes, ["NotIam", "#1"]);
    let tight = inline("user", "tight", "inline");
    assert!(tight.not_action_allows.is_empty() && tight.write_on_all_resources.is_empty());
    assert!(inline("user", "broken", "bad")
        .error
        .as_deref()
        .is_some_and(|e| e.contains("Effect")));
    // Inline documents are not customer-managed policies.
    assert!(f.documents.is_empty());
}

mod properties {
    use super::super::catalog::Catalog;
    use super::super::condition::Context;
    use super::super::eval::{Compiler, PolicySet, Resource};
    use proptest::prelude::*;
    use serde_json::json;
    use std::sync::Arc;

    const ACTIONS: &[&str] = &[
        "*",
        "s3:*",
        "s3:Get*",
        "s3:GetObject",
        "iam:*",
        "iam:PassRole",
        "iam:Attach*",
        "ec2:RunInstances",
        "ec2:Describe*",
        "sts:AssumeRole",
        "kms:Decrypt",
        "lambda:*",
    ];
    const RESOURCES: &[&str] = &[
        "*",
        "arn:aws:s3:::b/*",
        "arn:aws:iam::1:role/r",
        "arn:aws:iam::1:*",
    ];
    const PROBES: &[(&str, Option<&str>)] = &[
        ("s3:GetObject", None),
        ("s3:GetObject", Some("arn:aws:s3:::b/k")),
        ("iam:PassRole", Some("arn:aws:iam::1:role/r")),
        ("iam:AttachUserPolicy", None),
        ("ec2:RunInstances", None),
        ("sts:AssumeRole", Some("arn:aws:iam::1:role/r")),
        ("kms:Decrypt", None),
        ("lambda:InvokeFunction", None),
    ];

    fn statement() -> impl Strategy<Value = serde_json::Value> {
        (
            prop::sample::subsequence(ACTIONS, 1..3),
            prop::sample::select(RESOURCES),
            any::<bool>(),
            any::<bool>(),
        )
            .prop_map(|(actions, resource, not_action, conditional)| {
                let mut s = json!({"Effect": "Allow", "Resource": resource});
                s[if not_action { "NotAction" } else { "Action" }] = json!(actions);
                if conditional {
                    s["Condition"] = json!({"Bool": {"aws:MultiFactorAuthPresent": "true"}});
                }
                s
            })
    }

    fn set(
        c: &mut Compiler,
        label: &str,
        statements: &[serde_json::Value],
    ) -> Arc<super::super::eval::Policy> {
        Arc::new(
            c.compile(label.into(), &json!({"Statement": statements}))
                .unwrap(),
        )
    }

    fn accesses(p: &PolicySet) -> Vec<super::super::eval::Access> {
        let catalog = Catalog::get();
        PROBES
            .iter()
            .map(|(a, r)| {
                let resource = r.map_or(Resource::Any, Resource::Arn);
                p.decide(catalog.id(a).unwrap(), resource, &Context::unknown())
                    .access
            })
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn adding_a_deny_never_adds_a_permission(
            allows in prop::collection::vec(statement(), 1..4),
            denied in statement(),
        ) {
            let mut c = Compiler::default();
            let before = PolicySet { identity: vec![set(&mut c, "p", &allows)], ..Default::default() };
            let mut deny = denied.clone();
            deny["Effect"] = json!("Deny");
            let mut with_deny = allows.clone();
            with_deny.push(deny);
            let after = PolicySet { identity: vec![set(&mut c, "p", &with_deny)], ..Default::default() };
            for (b, a) in accesses(&before).into_iter().zip(accesses(&after)) {
                prop_assert!(a <= b);
            }
            let (by, bm) = before.effective_on_any(&Context::unknown(), Catalog::get());
            let (ay, am) = after.effective_on_any(&Context::unknown(), Catalog::get());
            let (mut extra_y, mut extra_m) = (ay.clone(), am.clone());
            extra_y.difference_with(&by);
            extra_m.difference_with(&bm);
            prop_assert!(extra_y.is_empty() && extra_m.is_empty());
        }

        #[test]
        fn adding_a_boundary_never_adds_a_permission(
            allows in prop::collection::vec(statement(), 1..4),
            boundary in prop::collection::vec(statement(), 1..3),
        ) {
            let mut c = Compiler::default();
            let identity = vec![set(&mut c, "p", &allows)];
            let before = PolicySet { identity: identity.clone(), ..Default::default() };
            let after = PolicySet { identity, boundary: Some(set(&mut c, "b", &boundary)), ..Default::default() };
            for (b, a) in accesses(&before).into_iter().zip(accesses(&after)) {
                prop_assert!(a <= b);
            }
        }
    }
}

#[test]
fn service_control_policies_intersect() {
    use crate::inventory::account::{Organization, ServiceControlPolicy};
    let a = Account::default()
        .user(
            "dev",
            vec![allow(&["iam:AttachUserPolicy"], &arn("user", "dev"))],
        )
        .user("admin", vec![allow(&["*"], "*")]);
    let file = json!({"UserDetailList": a.users});
    let mut inv = auth_details::parse(
        &file.to_string(),
        std::path::Path::new("t.json"),
        chrono::Utc::now(),
    )
    .unwrap();
    assert!(!analyze(&inv).principals[&arn("user", "dev")]
        .escalations
        .is_empty());
    let scp = |name: &str, statements: Value| ServiceControlPolicy {
        id: format!("p-{name}"),
        name: name.into(),
        arn: None,
        document: doc(statements),
    };
    inv.accounts[0].organization = Some(Organization {
        id: "o-1".into(),
        management_account_id: Some("999999999999".into()),
        service_control_policies: Some(vec![
            vec![scp("FullAWSAccess", json!([allow(&["*"], "*")]))],
            vec![scp(
                "no-iam-writes",
                json!([allow(&["*"], "*"), deny(&["iam:Attach*", "iam:Put*"], "*")]),
            )],
        ]),
    });
    let f = analyze(&inv);
    let dev = &f.principals[&arn("user", "dev")];
    assert!(dev.escalations.is_empty());
    assert!(
        dev.neutralised
            .iter()
            .any(|n| n.method == "AttachUserPolicy" && n.by.contains("SCP no-iam-writes")),
        "{:?}",
        dev.neutralised
    );
    // An allow-list SCP at one level caps even admin.
    inv.accounts[0]
        .organization
        .as_mut()
        .unwrap()
        .service_control_policies = Some(vec![
        vec![scp("FullAWSAccess", json!([allow(&["*"], "*")]))],
        vec![scp("s3-only", json!([allow(&["s3:*"], "*")]))],
    ]);
    let f = analyze(&inv);
    let admin = &f.principals[&arn("user", "admin")];
    assert!(admin.admin.is_none());
    assert!(
        admin
            .neutralised
            .iter()
            .any(|n| n.method == "admin" && n.by.contains("service control policies SCP s3-only")),
        "{:?}",
        admin.neutralised
    );
}
