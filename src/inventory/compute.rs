//! Compute and containers: Lambda functions, ECR repositories, EKS clusters and ECS task
//! definitions.

use super::tags::Tags;
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct Compute {
    #[serde(default)]
    pub lambda_functions: Vec<LambdaFunction>,
    #[serde(default)]
    pub ecr_repositories: Vec<EcrRepository>,
    #[serde(default)]
    pub eks_clusters: Vec<EksCluster>,
    #[serde(default)]
    pub ecs_task_definitions: Vec<EcsTaskDefinition>,
}

/// A Lambda function (its `$LATEST` configuration).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct LambdaFunction {
    pub arn: String,
    pub account_id: String,
    pub region: String,
    pub name: String,
    /// `python3.12`, `nodejs20.x`, ...; `None` for container images.
    #[serde(default)]
    pub runtime: Option<String>,
    /// `Zip` or `Image`.
    #[serde(default)]
    pub package_type: Option<String>,
    /// Set when the function is attached to a VPC.
    #[serde(default)]
    pub vpc_id: Option<String>,
    #[serde(default)]
    pub subnet_ids: Vec<String>,
    #[serde(default)]
    pub security_group_ids: Vec<String>,
    /// The environment variables' names and what their values look like. Values themselves
    /// are never stored.
    #[serde(default)]
    pub environment: Vec<EnvironmentVariable>,
    /// The function's resource policy (parsed); `None` when it has none or (with a gap) it
    /// could not be read.
    #[serde(default)]
    pub policy: Option<Json>,
    /// The function URLs (of `$LATEST` and its aliases); `None` when they could not be listed
    /// (a gap names the function).
    #[serde(default)]
    pub urls: Option<Vec<FunctionUrl>>,
}

/// One environment variable: its name and the kind of value it holds, never the value.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EnvironmentVariable {
    pub name: String,
    /// `empty`; `reference` (a Secrets Manager or SSM ARN or path); `kms_ciphertext`
    /// (encrypted with the Lambda encryption helpers); `aws_access_key_id` (`AKIA`/`ASIA` and
    /// 16 more characters); `private_key` (a PEM private key); `literal` (anything else).
    pub value: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct FunctionUrl {
    pub url: String,
    /// `NONE` (anyone on the internet may invoke it) or `AWS_IAM`.
    pub auth_type: String,
    /// The alias or version the URL serves, when not `$LATEST`.
    #[serde(default)]
    pub qualifier: Option<String>,
}

/// A private ECR repository.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EcrRepository {
    pub arn: String,
    pub account_id: String,
    pub region: String,
    pub name: String,
    /// `MUTABLE` or `IMMUTABLE` (or one of the `..._WITH_EXCLUSION` forms).
    #[serde(default)]
    pub image_tag_mutability: Option<String>,
    /// The repository's own (basic) scan-on-push setting.
    pub scan_on_push: bool,
    /// How the registry's scanning configuration treats this repository: `SCAN_ON_PUSH`,
    /// `CONTINUOUS_SCAN` or `MANUAL` from the first rule whose filter matches it, `NONE` when
    /// no rule does; `None` when the configuration could not be read (a gap).
    #[serde(default)]
    pub registry_scan_frequency: Option<String>,
    /// `BASIC` or `ENHANCED` (Amazon Inspector); `None` when unread.
    #[serde(default)]
    pub registry_scan_type: Option<String>,
    /// `AES256`, `KMS` or `KMS_DSSE`.
    #[serde(default)]
    pub encryption_type: Option<String>,
    #[serde(default)]
    pub kms_key: Option<String>,
    /// The repository policy (parsed); `None` when it has none or (with a gap) it could not
    /// be read.
    #[serde(default)]
    pub policy: Option<Json>,
    /// Has a lifecycle policy; `None` when that could not be read (a gap).
    #[serde(default)]
    pub has_lifecycle_policy: Option<bool>,
}

/// An EKS cluster's control plane.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EksCluster {
    pub arn: String,
    pub account_id: String,
    pub region: String,
    pub name: String,
    /// Kubernetes `MAJOR.MINOR`.
    #[serde(default)]
    pub version: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
    /// The Kubernetes API endpoint answers from the internet (for `public_access_cidrs`).
    pub endpoint_public_access: bool,
    pub endpoint_private_access: bool,
    /// Who may reach the public endpoint; `0.0.0.0/0` is anyone.
    #[serde(default)]
    pub public_access_cidrs: Vec<String>,
    /// The KMS key of yours that envelope-encrypts Kubernetes secrets (and, on current EKS,
    /// all Kubernetes API data); `None` when EKS uses its own AWS owned key.
    #[serde(default)]
    pub secrets_kms_key: Option<String>,
    /// Control-plane log types sent to CloudWatch Logs (`api`, `audit`, `authenticator`,
    /// `controllerManager`, `scheduler`).
    #[serde(default)]
    pub enabled_log_types: Vec<String>,
    #[serde(default)]
    pub vpc_id: Option<String>,
    #[serde(default)]
    pub subnet_ids: Vec<String>,
    #[serde(default)]
    pub security_group_ids: Vec<String>,
    #[serde(default)]
    pub tags: Tags,
}

/// The latest `ACTIVE` revision of one ECS task definition family.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EcsTaskDefinition {
    /// The revision's ARN (`...:task-definition/web:7`).
    pub arn: String,
    pub account_id: String,
    pub region: String,
    pub family: String,
    pub revision: i32,
    /// `awsvpc`, `bridge`, `host` or `none`.
    #[serde(default)]
    pub network_mode: Option<String>,
    /// `host` when the containers share the host's process namespace.
    #[serde(default)]
    pub pid_mode: Option<String>,
    /// `EC2`, `FARGATE`, `EXTERNAL`, ...
    #[serde(default)]
    pub requires_compatibilities: Vec<String>,
    #[serde(default)]
    pub task_role_arn: Option<String>,
    #[serde(default)]
    pub containers: Vec<EcsContainer>,
    #[serde(default)]
    pub tags: Tags,
}

/// One container definition.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EcsContainer {
    pub name: String,
    #[serde(default)]
    pub image: Option<String>,
    /// `privileged: true`: root on the host, all devices.
    pub privileged: bool,
    /// `user` as given (`1000`, `app:app`, `root`); `None` when unset (the image's user,
    /// root for most images).
    #[serde(default)]
    pub user: Option<String>,
    pub readonly_root_filesystem: bool,
    /// Plain environment variables: names and the kind of value each holds, never the value
    /// (the same classes as Lambda's).
    #[serde(default)]
    pub environment: Vec<EnvironmentVariable>,
    /// Names of the variables injected from Secrets Manager or Parameter Store (`secrets`).
    #[serde(default)]
    pub secret_names: Vec<String>,
    /// The log driver (`awslogs`, `awsfirelens`, `splunk`, ...); `None` when the container
    /// has no log configuration.
    #[serde(default)]
    pub log_driver: Option<String>,
}
