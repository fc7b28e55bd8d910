//! Amazon ECS in one region: the latest `ACTIVE` revision of every task definition family
//! (what a service or `run-task` without a revision starts). Container environment values
//! are classified here and dropped, as Lambda's are.
//!
//! A family whose latest revision cannot be described is left out with a gap naming it, so
//! its policies are `not-evaluated`, never pass.

use super::call::{non_empty, At};
use super::environment::classify;
use super::session::Session;
use super::tags::tag_map;
use crate::inventory::collections::op;
use crate::inventory::compute::{EcsContainer, EcsTaskDefinition};
use crate::inventory::Inventory;
use aws_sdk_ecs::types::{ContainerDefinition, TaskDefinitionFamilyStatus, TaskDefinitionField};
use aws_sdk_ecs::Client;
use futures::future::join_all;

pub async fn collect(s: &Session, region: &str) -> Inventory {
    let client = crate::client!(s, aws_sdk_ecs, region);
    let mut inv = Inventory::empty(chrono::Utc::now());
    let at = At::new(op::ecs::LIST_TASK_DEFINITION_FAMILIES, region);
    let Some(families) = s
        .paginate(at, || {
            client
                .list_task_definition_families()
                .status(TaskDefinitionFamilyStatus::Active)
                .into_paginator()
                .items()
                .send()
        })
        .await
    else {
        return inv;
    };
    let client = &client;
    inv.compute.ecs_task_definitions = join_all(
        families
            .iter()
            .map(|family| task_definition(s, client, region, family)),
    )
    .await
    .into_iter()
    .flatten()
    .collect();
    inv
}

async fn task_definition(
    s: &Session,
    client: &Client,
    region: &str,
    family: &str,
) -> Option<EcsTaskDefinition> {
    // The family's ARN without a revision, so that a failed description is a gap naming it.
    let guessed = s.arn("ecs", region, &format!("task-definition/{family}"));
    let at = At::new(op::ecs::DESCRIBE_TASK_DEFINITION, region).on(&guessed);
    let out = s
        .call(at, || {
            client
                .describe_task_definition()
                .task_definition(family)
                .include(TaskDefinitionField::Tags)
                .send()
        })
        .await?;
    let td = out.task_definition()?;
    Some(EcsTaskDefinition {
        arn: td
            .task_definition_arn()
            .map(str::to_string)
            .unwrap_or(guessed),
        account_id: s.account_id.clone(),
        region: region.to_string(),
        family: td.family().unwrap_or(family).to_string(),
        revision: td.revision(),
        network_mode: td.network_mode().map(|m| m.as_str().to_string()),
        pid_mode: td.pid_mode().map(|m| m.as_str().to_string()),
        requires_compatibilities: td
            .requires_compatibilities()
            .iter()
            .map(|c| c.as_str().to_string())
            .collect(),
        task_role_arn: td.task_role_arn().map(str::to_string),
        containers: td.container_definitions().iter().map(container).collect(),
        tags: tag_map(out.tags(), |t| (t.key(), t.value())),
    })
}

fn container(c: &ContainerDefinition) -> EcsContainer {
    let mut secret_names: Vec<String> = c.secrets().iter().map(|x| x.name().to_string()).collect();
    secret_names.sort();
    EcsContainer {
        name: c.name().unwrap_or_default().to_string(),
        image: c.image().map(str::to_string),
        privileged: c.privileged() == Some(true),
        user: non_empty(c.user()),
        readonly_root_filesystem: c.readonly_root_filesystem() == Some(true),
        environment: classify(
            c.environment()
                .iter()
                .filter_map(|kv| Some((kv.name()?, kv.value().unwrap_or_default()))),
        ),
        secret_names,
        log_driver: c
            .log_configuration()
            .map(|l| l.log_driver().as_str().to_string()),
    }
}
