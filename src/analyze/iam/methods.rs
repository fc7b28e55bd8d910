//! The privilege-escalation methods Palisade models, as data.
//!
//! *Self* methods change the caller's own permissions (rewrite a policy attached to it, attach
//! or put a policy on itself or its group, join a group). *Edge* methods let the caller act as
//! another principal: assume a role, pass a role to a compute service it can then run code in,
//! take over code that already runs as a role, or mint credentials for another user. Edges
//! build the "can become" graph; a path through it to an admin-equivalent or self-escalating
//! principal is an escalation path.
//!
//! Sources: Rhino Security Labs' 21 classic methods, and the service-based ones documented
//! since (ECS, SageMaker, CodeBuild, SSM).

/// What a self method's actions must be allowed on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SelfTarget {
    /// The principal's own ARN (AttachUserPolicy on oneself).
    Itself,
    /// A group the user belongs to.
    OwnGroup,
    /// A customer-managed policy attached to the principal or its groups.
    OwnPolicy,
    /// Any group in the account (AddUserToGroup).
    AnyGroup,
}

#[derive(Debug)]
pub struct SelfMethod {
    pub name: &'static str,
    pub users: bool,
    pub roles: bool,
    pub action: &'static str,
    pub target: SelfTarget,
    pub how: &'static str,
}

pub const SELF_METHODS: &[SelfMethod] = &[
    SelfMethod {
        name: "CreatePolicyVersion",
        users: true,
        roles: true,
        action: "iam:CreatePolicyVersion",
        target: SelfTarget::OwnPolicy,
        how: "write a new default version of a policy attached to itself",
    },
    SelfMethod {
        name: "SetDefaultPolicyVersion",
        users: true,
        roles: true,
        action: "iam:SetDefaultPolicyVersion",
        target: SelfTarget::OwnPolicy,
        how: "make any stored version of a policy attached to itself the default",
    },
    SelfMethod {
        name: "AttachUserPolicy",
        users: true,
        roles: false,
        action: "iam:AttachUserPolicy",
        target: SelfTarget::Itself,
        how: "attach any managed policy (AdministratorAccess) to itself",
    },
    SelfMethod {
        name: "AttachGroupPolicy",
        users: true,
        roles: false,
        action: "iam:AttachGroupPolicy",
        target: SelfTarget::OwnGroup,
        how: "attach any managed policy to its own group",
    },
    SelfMethod {
        name: "AttachRolePolicy",
        users: false,
        roles: true,
        action: "iam:AttachRolePolicy",
        target: SelfTarget::Itself,
        how: "attach any managed policy to itself",
    },
    SelfMethod {
        name: "PutUserPolicy",
        users: true,
        roles: false,
        action: "iam:PutUserPolicy",
        target: SelfTarget::Itself,
        how: "write an inline policy granting anything to itself",
    },
    SelfMethod {
        name: "PutGroupPolicy",
        users: true,
        roles: false,
        action: "iam:PutGroupPolicy",
        target: SelfTarget::OwnGroup,
        how: "write an inline policy granting anything to its own group",
    },
    SelfMethod {
        name: "PutRolePolicy",
        users: false,
        roles: true,
        action: "iam:PutRolePolicy",
        target: SelfTarget::Itself,
        how: "write an inline policy granting anything to itself",
    },
    SelfMethod {
        name: "AddUserToGroup",
        users: true,
        roles: false,
        action: "iam:AddUserToGroup",
        target: SelfTarget::AnyGroup,
        how: "add itself to any group, with that group's permissions",
    },
];

/// Who an edge method reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EdgeTarget {
    /// Roles whose trust policy lets the caller assume them.
    TrustedRole,
    /// Any role in the account: the caller rewrites its trust policy first.
    AnyRole,
    /// Other users of the account (credentials minted for them).
    OtherUser,
    /// Roles trusting this service principal, which the caller passes to a new resource.
    PassedTo(&'static str),
    /// Roles trusting this service principal that existing resources (functions, dev
    /// endpoints, instances) may already run as: conditional, since Palisade does not see
    /// which resource uses which role.
    RunningAs(&'static str),
}

#[derive(Debug)]
pub struct EdgeMethod {
    pub name: &'static str,
    /// Actions on the target principal's ARN.
    pub on_target: &'static [&'static str],
    /// Actions on new or unnamed resources.
    pub on_any: &'static [&'static str],
    pub target: EdgeTarget,
    /// EC2: the role must have an instance profile.
    pub needs_instance_profile: bool,
}

const fn pass(
    name: &'static str,
    service: &'static str,
    on_any: &'static [&'static str],
) -> EdgeMethod {
    EdgeMethod {
        name,
        on_target: &["iam:PassRole"],
        on_any,
        target: EdgeTarget::PassedTo(service),
        needs_instance_profile: false,
    }
}

const fn hijack(
    name: &'static str,
    service: &'static str,
    on_any: &'static [&'static str],
    needs_instance_profile: bool,
) -> EdgeMethod {
    EdgeMethod {
        name,
        on_target: &[],
        on_any,
        target: EdgeTarget::RunningAs(service),
        needs_instance_profile,
    }
}

pub const EDGE_METHODS: &[EdgeMethod] = &[
    EdgeMethod {
        name: "AssumeRole",
        on_target: &["sts:AssumeRole"],
        on_any: &[],
        target: EdgeTarget::TrustedRole,
        needs_instance_profile: false,
    },
    // The caller rewrites the trust policy to name itself; a trust policy naming the caller
    // needs no identity allow for sts:AssumeRole in the same account (an explicit deny on it
    // still stops it).
    EdgeMethod {
        name: "UpdateAssumeRolePolicy+AssumeRole",
        on_target: &["iam:UpdateAssumeRolePolicy", "sts:AssumeRole"],
        on_any: &[],
        target: EdgeTarget::AnyRole,
        needs_instance_profile: false,
    },
    EdgeMethod {
        name: "CreateAccessKey",
        on_target: &["iam:CreateAccessKey"],
        on_any: &[],
        target: EdgeTarget::OtherUser,
        needs_instance_profile: false,
    },
    EdgeMethod {
        name: "CreateLoginProfile",
        on_target: &["iam:CreateLoginProfile"],
        on_any: &[],
        target: EdgeTarget::OtherUser,
        needs_instance_profile: false,
    },
    EdgeMethod {
        name: "UpdateLoginProfile",
        on_target: &["iam:UpdateLoginProfile"],
        on_any: &[],
        target: EdgeTarget::OtherUser,
        needs_instance_profile: false,
    },
    EdgeMethod {
        name: "PassRole+EC2:RunInstances",
        on_target: &["iam:PassRole"],
        on_any: &["ec2:RunInstances"],
        target: EdgeTarget::PassedTo("ec2.amazonaws.com"),
        needs_instance_profile: true,
    },
    pass(
        "PassRole+Lambda:CreateFunction+InvokeFunction",
        "lambda.amazonaws.com",
        &["lambda:CreateFunction", "lambda:InvokeFunction"],
    ),
    pass(
        "PassRole+Lambda:CreateFunction+CreateEventSourceMapping",
        "lambda.amazonaws.com",
        &["lambda:CreateFunction", "lambda:CreateEventSourceMapping"],
    ),
    pass(
        "PassRole+Glue:CreateDevEndpoint",
        "glue.amazonaws.com",
        &["glue:CreateDevEndpoint"],
    ),
    pass(
        "PassRole+CloudFormation:CreateStack",
        "cloudformation.amazonaws.com",
        &["cloudformation:CreateStack"],
    ),
    pass(
        "PassRole+DataPipeline:CreatePipeline",
        "datapipeline.amazonaws.com",
        &[
            "datapipeline:CreatePipeline",
            "datapipeline:PutPipelineDefinition",
        ],
    ),
    pass(
        "PassRole+ECS:RunTask",
        "ecs-tasks.amazonaws.com",
        &["ecs:RegisterTaskDefinition", "ecs:RunTask"],
    ),
    pass(
        "PassRole+SageMaker:CreateNotebookInstance",
        "sagemaker.amazonaws.com",
        &[
            "sagemaker:CreateNotebookInstance",
            "sagemaker:CreatePresignedNotebookInstanceUrl",
        ],
    ),
    pass(
        "PassRole+CodeBuild:CreateProject",
        "codebuild.amazonaws.com",
        &["codebuild:CreateProject", "codebuild:StartBuild"],
    ),
    hijack(
        "Lambda:UpdateFunctionCode",
        "lambda.amazonaws.com",
        &["lambda:UpdateFunctionCode"],
        false,
    ),
    hijack(
        "Glue:UpdateDevEndpoint",
        "glue.amazonaws.com",
        &["glue:UpdateDevEndpoint"],
        false,
    ),
    hijack(
        "SSM:SendCommand",
        "ec2.amazonaws.com",
        &["ssm:SendCommand"],
        true,
    ),
    hijack(
        "SSM:StartSession",
        "ec2.amazonaws.com",
        &["ssm:StartSession"],
        true,
    ),
    hijack(
        "EC2:ModifyInstanceAttribute(user data)",
        "ec2.amazonaws.com",
        &[
            "ec2:ModifyInstanceAttribute",
            "ec2:StopInstances",
            "ec2:StartInstances",
        ],
        true,
    ),
    hijack(
        "EC2:ModifyLaunchTemplate",
        "ec2.amazonaws.com",
        &[
            "ec2:CreateLaunchTemplateVersion",
            "ec2:ModifyLaunchTemplate",
        ],
        true,
    ),
    hijack(
        "CloudFormation:ExecuteChangeSet",
        "cloudformation.amazonaws.com",
        &[
            "cloudformation:CreateChangeSet",
            "cloudformation:ExecuteChangeSet",
        ],
        false,
    ),
    hijack(
        "ECS:ExecuteCommand",
        "ecs-tasks.amazonaws.com",
        &["ecs:ExecuteCommand"],
        false,
    ),
];

/// Edge methods whose last action the caller does not need an identity allow for, because
/// the method itself makes the target's trust policy name the caller.
pub const IMPLIED: &[(&str, &str)] = &[("UpdateAssumeRolePolicy+AssumeRole", "sts:AssumeRole")];

/// Actions that read data out of the account when allowed without resource constraints.
pub const EXFILTRATION: &[&str] = &[
    "s3:GetObject",
    "s3:GetObjectVersion",
    "secretsmanager:GetSecretValue",
    "ssm:GetParameter",
    "ssm:GetParameters",
    "ssm:GetParametersByPath",
    "kms:Decrypt",
    "dynamodb:GetItem",
    "dynamodb:BatchGetItem",
    "dynamodb:Query",
    "dynamodb:Scan",
    "ec2:GetPasswordData",
    "rds:DownloadDBLogFilePortion",
    "lambda:GetFunction",
    "ecr:GetDownloadUrlForLayer",
    "sqs:ReceiveMessage",
    "kinesis:GetRecords",
    "logs:GetLogEvents",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::iam::catalog::Catalog;

    #[test]
    fn every_action_named_is_in_the_catalog() {
        let c = Catalog::get();
        let named = SELF_METHODS
            .iter()
            .map(|m| m.action)
            .chain(
                EDGE_METHODS
                    .iter()
                    .flat_map(|m| m.on_target.iter().chain(m.on_any))
                    .copied(),
            )
            .chain(EXFILTRATION.iter().copied());
        for a in named {
            assert!(c.id(a).is_some(), "{a} is not in the catalog");
        }
    }

    #[test]
    fn the_classic_methods_are_all_modelled() {
        let names: Vec<&str> = SELF_METHODS
            .iter()
            .map(|m| m.name)
            .chain(EDGE_METHODS.iter().map(|m| m.name))
            .collect();
        // Rhino Security Labs' 21.
        for classic in [
            "CreatePolicyVersion",
            "SetDefaultPolicyVersion",
            "CreateAccessKey",
            "CreateLoginProfile",
            "UpdateLoginProfile",
            "AttachUserPolicy",
            "AttachGroupPolicy",
            "AttachRolePolicy",
            "PutUserPolicy",
            "PutGroupPolicy",
            "PutRolePolicy",
            "AddUserToGroup",
            "UpdateAssumeRolePolicy+AssumeRole",
            "PassRole+EC2:RunInstances",
            "PassRole+Lambda:CreateFunction+InvokeFunction",
            "PassRole+Lambda:CreateFunction+CreateEventSourceMapping",
            "PassRole+Glue:CreateDevEndpoint",
            "PassRole+CloudFormation:CreateStack",
            "PassRole+DataPipeline:CreatePipeline",
            "Lambda:UpdateFunctionCode",
            "Glue:UpdateDevEndpoint",
        ] {
            assert!(names.contains(&classic), "{classic}");
        }
    }
}
