//! AWS Lambda in one region: every function's configuration from `ListFunctions`, its resource
//! policy and its function URLs. Environment variable values are classified here and dropped:
//! the inventory keeps each variable's name and the kind of value it held, never the value.
//!
//! A function whose policy or URLs cannot be read keeps `null` there with a gap on its ARN, so
//! only the policies that read them are `not-evaluated` for it.

use super::call::{At, Outcome};
use super::s3::parse_policy;
use super::session::Session;
use crate::inventory::collections::op;
use crate::inventory::compute::{EnvironmentVariable, FunctionUrl, LambdaFunction};
use crate::inventory::Inventory;
use aws_sdk_lambda::types::FunctionConfiguration;
use aws_sdk_lambda::Client;
use futures::future::join_all;

pub async fn collect(s: &Session, region: &str) -> Inventory {
    let client = crate::client!(s, aws_sdk_lambda, region);
    let mut inv = Inventory::empty(chrono::Utc::now());
    let at = At::new(op::lambda::LIST_FUNCTIONS, region);
    let Some(listed) = s
        .paginate(at, || {
            client.list_functions().into_paginator().items().send()
        })
        .await
    else {
        return inv;
    };
    let client = &client;
    inv.compute.lambda_functions = join_all(
        listed
            .iter()
            .filter_map(|f| Some((f, f.function_arn()?)))
            .map(|(f, arn)| async move {
                let (policy, urls) =
                    futures::join!(policy(s, client, region, arn), urls(s, client, region, arn));
                function(s, region, f, arn, policy, urls)
            }),
    )
    .await;
    inv
}

fn function(
    s: &Session,
    region: &str,
    f: &FunctionConfiguration,
    arn: &str,
    policy: Option<serde_json::Value>,
    urls: Option<Vec<FunctionUrl>>,
) -> LambdaFunction {
    let vpc = f.vpc_config().filter(|v| !v.subnet_ids().is_empty());
    let mut environment: Vec<EnvironmentVariable> = f
        .environment()
        .and_then(|e| e.variables())
        .map(|vars| {
            vars.iter()
                .map(|(name, value)| EnvironmentVariable {
                    name: name.clone(),
                    value: value_kind(value).to_string(),
                })
                .collect()
        })
        .unwrap_or_default();
    environment.sort_by(|a, b| a.name.cmp(&b.name));
    LambdaFunction {
        arn: arn.to_string(),
        account_id: s.account_id.clone(),
        region: region.to_string(),
        name: f.function_name().unwrap_or_default().to_string(),
        runtime: f.runtime().map(|r| r.as_str().to_string()),
        package_type: f.package_type().map(|p| p.as_str().to_string()),
        vpc_id: vpc.and_then(|v| v.vpc_id()).map(str::to_string),
        subnet_ids: vpc.map(|v| v.subnet_ids().to_vec()).unwrap_or_default(),
        security_group_ids: vpc
            .map(|v| v.security_group_ids().to_vec())
            .unwrap_or_default(),
        environment,
        policy,
        urls,
    }
}

/// What an environment variable's value is, so that the value itself need not be kept.
pub(crate) fn value_kind(value: &str) -> &'static str {
    let v = value.trim();
    let upper = v.to_ascii_uppercase();
    if v.is_empty() {
        "empty"
    } else if v.starts_with("arn:") && (v.contains(":secretsmanager:") || v.contains(":ssm:"))
        || v.starts_with("{{resolve:")
        || v.starts_with("/aws/reference/secretsmanager/")
    {
        "reference"
    } else if upper.contains("-----BEGIN") && upper.contains("PRIVATE KEY") {
        "private_key"
    } else if v.len() == 20
        && (v.starts_with("AKIA") || v.starts_with("ASIA"))
        && v.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    {
        "aws_access_key_id"
    } else if v.len() > 100 && (v.starts_with("AQICAH") || v.starts_with("AQECAH")) {
        // The base64 of a KMS ciphertext blob, as Lambda's encryption helpers leave it.
        "kms_ciphertext"
    } else {
        "literal"
    }
}

/// The function's resource policy, parsed; `None` when it has none (`ResourceNotFound`) or,
/// with a gap, when it cannot be read.
async fn policy(
    s: &Session,
    client: &Client,
    region: &str,
    arn: &str,
) -> Option<serde_json::Value> {
    let at = At::new(op::lambda::GET_POLICY, region).on(arn);
    match s
        .call_absent(at, &["ResourceNotFoundException"], || {
            client.get_policy().function_name(arn).send()
        })
        .await
    {
        Outcome::Found(out) => out
            .policy()
            .filter(|p| !p.trim().is_empty())
            .map(parse_policy),
        Outcome::Absent | Outcome::Failed => None,
    }
}

/// The function's URLs; `None` (and a gap on the function) when they cannot be listed.
async fn urls(s: &Session, client: &Client, region: &str, arn: &str) -> Option<Vec<FunctionUrl>> {
    let at = At::new(op::lambda::LIST_FUNCTION_URL_CONFIGS, region).on(arn);
    let configs = s
        .paginate(at, || {
            client
                .list_function_url_configs()
                .function_name(arn)
                .into_paginator()
                .items()
                .send()
        })
        .await?;
    Some(
        configs
            .iter()
            .map(|c| FunctionUrl {
                url: c.function_url().to_string(),
                auth_type: c.auth_type().as_str().to_string(),
                // `arn:aws:lambda:REGION:ACCOUNT:function:NAME:QUALIFIER`
                qualifier: c
                    .function_arn()
                    .split(':')
                    .nth(7)
                    .filter(|q| !q.is_empty() && *q != "$LATEST")
                    .map(str::to_string),
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::value_kind;

    #[test]
    fn values_are_classified_not_kept() {
        assert_eq!(value_kind(""), "empty");
        assert_eq!(
            value_kind("arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf"),
            "reference"
        );
        assert_eq!(value_kind("{{resolve:ssm:/app/db}}"), "reference");
        assert_eq!(value_kind("AKIAIOSFODNN7EXAMPLE"), "aws_access_key_id");
        assert_eq!(value_kind("AKIAIOSFODNN7EXAMPL"), "literal");
        assert_eq!(
            value_kind("-----BEGIN RSA PRIVATE KEY-----\nMIIB..."),
            "private_key"
        );
        assert_eq!(
            value_kind(&format!("AQICAH{}", "x".repeat(120))),
            "kms_ciphertext"
        );
        assert_eq!(value_kind("hunter2"), "literal");
        assert_eq!(value_kind("https://example.com"), "literal");
    }
}
