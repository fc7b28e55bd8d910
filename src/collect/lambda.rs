//! AWS Lambda in one region: every function's configuration from `ListFunctions`, its resource
//! policy and its function URLs. Environment variable values are classified here and dropped:
//! the inventory keeps each variable's name and the kind of value it held, never the value.
//!
//! A function whose policy or URLs cannot be read keeps `null` there with a gap on its ARN, so
//! only the policies that read them are `not-evaluated` for it.

use super::call::{At, Outcome};
use super::environment::classify;
use super::s3::parse_policy;
use super::session::Session;
use crate::inventory::collections::op;
use crate::inventory::compute::{FunctionUrl, LambdaFunction};
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
    let environment = classify(
        f.environment()
            .and_then(|e| e.variables())
            .into_iter()
            .flatten()
            .map(|(name, value)| (name.as_str(), value.as_str())),
    );
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
