//! Amazon API Gateway in one region: every stage of every REST API, with its method settings
//! (execution logging, caching), access logging, web ACL and client certificate. HTTP and
//! WebSocket APIs (API Gateway v2) are not collected yet.
//!
//! An API whose stages cannot be read is left out with a gap on the API's ARN, so its
//! policies are `not-evaluated`, never pass.

use super::call::{non_empty, At};
use super::session::Session;
use crate::inventory::collections::op;
use crate::inventory::edge::{ApiGatewayStage, ApiMethodSetting};
use crate::inventory::Inventory;
use aws_sdk_apigateway::types::{RestApi, Stage};
use aws_sdk_apigateway::Client;
use futures::future::join_all;

pub async fn collect(s: &Session, region: &str) -> Inventory {
    let client = crate::client!(s, aws_sdk_apigateway, region);
    let mut inv = Inventory::empty(chrono::Utc::now());
    let at = At::new(op::apigateway::GET_REST_APIS, region);
    let Some(apis) = s
        .paginate(at, || {
            client
                .get_rest_apis()
                .limit(500)
                .into_paginator()
                .items()
                .send()
        })
        .await
    else {
        return inv;
    };
    let client = &client;
    inv.edge.api_gateway_stages = join_all(apis.iter().map(|api| stages(s, client, region, api)))
        .await
        .into_iter()
        .flatten()
        .collect();
    inv
}

async fn stages(s: &Session, client: &Client, region: &str, api: &RestApi) -> Vec<ApiGatewayStage> {
    let Some(id) = api.id() else {
        return Vec::new();
    };
    let api_arn = format!("arn:{}:apigateway:{region}::/restapis/{id}", s.partition);
    let at = At::new(op::apigateway::GET_STAGES, region).on(&api_arn);
    let Some(out) = s
        .call(at, || client.get_stages().rest_api_id(id).send())
        .await
    else {
        return Vec::new();
    };
    let endpoint_types: Vec<String> = api
        .endpoint_configuration()
        .map(|e| e.types().iter().map(|t| t.as_str().to_string()).collect())
        .unwrap_or_default();
    out.item()
        .iter()
        .filter_map(|stage| {
            let name = stage.stage_name()?;
            Some(describe(
                s,
                region,
                api,
                &api_arn,
                name,
                &endpoint_types,
                stage,
            ))
        })
        .collect()
}

fn describe(
    s: &Session,
    region: &str,
    api: &RestApi,
    api_arn: &str,
    name: &str,
    endpoint_types: &[String],
    stage: &Stage,
) -> ApiGatewayStage {
    let mut method_settings: Vec<ApiMethodSetting> = stage
        .method_settings()
        .map(|m| {
            m.iter()
                .map(|(path, x)| ApiMethodSetting {
                    path: path.clone(),
                    logging_level: x.logging_level().map(str::to_string),
                    data_trace_enabled: x.data_trace_enabled(),
                    caching_enabled: x.caching_enabled(),
                    cache_data_encrypted: x.cache_data_encrypted(),
                })
                .collect()
        })
        .unwrap_or_default();
    method_settings.sort_by(|a, b| a.path.cmp(&b.path));
    ApiGatewayStage {
        arn: format!("{api_arn}/stages/{name}"),
        account_id: s.account_id.clone(),
        region: region.to_string(),
        api_id: api.id().unwrap_or_default().to_string(),
        api_name: api.name().unwrap_or_default().to_string(),
        stage_name: name.to_string(),
        endpoint_types: endpoint_types.to_vec(),
        method_settings,
        access_log_destination: non_empty(
            stage
                .access_log_settings()
                .and_then(|a| a.destination_arn()),
        ),
        web_acl_arn: non_empty(stage.web_acl_arn()),
        client_certificate_id: non_empty(stage.client_certificate_id()),
        tracing_enabled: stage.tracing_enabled(),
        cache_cluster_enabled: stage.cache_cluster_enabled(),
        tags: stage
            .tags()
            .map(|t| t.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
            .unwrap_or_default(),
    }
}
