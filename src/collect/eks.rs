//! Amazon EKS in one region: every cluster's control plane (version, endpoint access,
//! secrets encryption, control-plane logging, network placement, tags).
//!
//! A cluster whose description cannot be read is left out with a gap on its ARN, so its
//! policies are `not-evaluated`, never pass.

use super::call::At;
use super::session::Session;
use crate::inventory::collections::op;
use crate::inventory::compute::EksCluster;
use crate::inventory::Inventory;
use aws_sdk_eks::types::Cluster;
use aws_sdk_eks::Client;
use futures::future::join_all;

pub async fn collect(s: &Session, region: &str) -> Inventory {
    let client = crate::client!(s, aws_sdk_eks, region);
    let mut inv = Inventory::empty(chrono::Utc::now());
    let at = At::new(op::eks::LIST_CLUSTERS, region);
    let Some(names) = s
        .paginate(at, || {
            client.list_clusters().into_paginator().items().send()
        })
        .await
    else {
        return inv;
    };
    let client = &client;
    inv.compute.eks_clusters = join_all(names.iter().map(|n| cluster(s, client, region, n)))
        .await
        .into_iter()
        .flatten()
        .collect();
    inv
}

async fn cluster(s: &Session, client: &Client, region: &str, name: &str) -> Option<EksCluster> {
    // The ARN EKS would give the cluster, so that a failed description is a gap on it.
    let guessed = s.arn("eks", region, &format!("cluster/{name}"));
    let at = At::new(op::eks::DESCRIBE_CLUSTER, region).on(&guessed);
    let out = s
        .call(at, || client.describe_cluster().name(name).send())
        .await?;
    let c = out.cluster()?;
    Some(describe(s, region, name, c, guessed))
}

fn describe(s: &Session, region: &str, name: &str, c: &Cluster, guessed: String) -> EksCluster {
    let vpc = c.resources_vpc_config();
    let secrets_kms_key = c
        .encryption_config()
        .iter()
        // EKS once let the key cover only the listed resources; it now envelope-encrypts all
        // Kubernetes API data (secrets included) with the key given here.
        .find_map(|e| e.provider())
        .and_then(|p| p.key_arn())
        .map(str::to_string);
    let mut enabled_log_types: Vec<String> = c
        .logging()
        .map(|l| l.cluster_logging())
        .unwrap_or_default()
        .iter()
        .filter(|setup| setup.enabled() == Some(true))
        .flat_map(|setup| setup.types().iter().map(|t| t.as_str().to_string()))
        .collect();
    enabled_log_types.sort();
    enabled_log_types.dedup();
    let mut security_group_ids: Vec<String> = vpc
        .map(|v| v.security_group_ids().to_vec())
        .unwrap_or_default();
    if let Some(cluster_sg) = vpc.and_then(|v| v.cluster_security_group_id()) {
        security_group_ids.push(cluster_sg.to_string());
    }
    EksCluster {
        arn: c.arn().map(str::to_string).unwrap_or(guessed),
        account_id: s.account_id.clone(),
        region: region.to_string(),
        name: name.to_string(),
        version: c.version().map(str::to_string),
        status: c.status().map(|x| x.as_str().to_string()),
        // EKS's defaults when the API leaves them out: public on, private off.
        endpoint_public_access: vpc.is_none_or(|v| v.endpoint_public_access()),
        endpoint_private_access: vpc.is_some_and(|v| v.endpoint_private_access()),
        public_access_cidrs: vpc
            .map(|v| v.public_access_cidrs().to_vec())
            .unwrap_or_default(),
        secrets_kms_key,
        enabled_log_types,
        vpc_id: vpc.and_then(|v| v.vpc_id()).map(str::to_string),
        subnet_ids: vpc.map(|v| v.subnet_ids().to_vec()).unwrap_or_default(),
        security_group_ids,
        tags: c
            .tags()
            .map(|t| t.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
            .unwrap_or_default(),
    }
}
