//! Amazon ECR in one region: every private repository with its scanning, tag mutability and
//! encryption settings, its repository and lifecycle policies, and how the registry's scanning
//! rules treat it.
//!
//! A repository whose policies cannot be read keeps `null` there with a gap on its ARN; a
//! registry scanning configuration that cannot be read leaves every repository's
//! `registry_scan_*` fields `null` with a gap on the region. Either blinds only the policies
//! that read those fields.

use super::call::{At, Outcome};
use super::s3::parse_policy;
use super::session::Session;
use crate::inventory::collections::op;
use crate::inventory::compute::EcrRepository;
use crate::inventory::Inventory;
use aws_sdk_ecr::types::{RegistryScanningConfiguration, Repository};
use aws_sdk_ecr::Client;
use futures::future::join_all;

pub async fn collect(s: &Session, region: &str) -> Inventory {
    let client = crate::client!(s, aws_sdk_ecr, region);
    let mut inv = Inventory::empty(chrono::Utc::now());
    let at = At::new(op::ecr::DESCRIBE_REPOSITORIES, region);
    let (listed, registry) = futures::join!(
        s.paginate(at, || {
            client
                .describe_repositories()
                .into_paginator()
                .items()
                .send()
        }),
        registry_scanning(s, &client, region),
    );
    let Some(listed) = listed else {
        return inv;
    };
    let (client, registry) = (&client, registry.as_ref());
    inv.compute.ecr_repositories = join_all(
        listed
            .iter()
            .filter_map(|r| Some((r, r.repository_arn()?, r.repository_name()?)))
            .map(|(r, arn, name)| async move {
                let (policy, lifecycle) = futures::join!(
                    policy(s, client, region, arn, name),
                    lifecycle(s, client, region, arn, name)
                );
                repository(s, region, r, arn, name, registry, policy, lifecycle)
            }),
    )
    .await;
    inv
}

#[allow(clippy::too_many_arguments)]
fn repository(
    s: &Session,
    region: &str,
    r: &Repository,
    arn: &str,
    name: &str,
    registry: Option<&RegistryScanningConfiguration>,
    policy: Option<serde_json::Value>,
    has_lifecycle_policy: Option<bool>,
) -> EcrRepository {
    let encryption = r.encryption_configuration();
    EcrRepository {
        arn: arn.to_string(),
        account_id: s.account_id.clone(),
        region: region.to_string(),
        name: name.to_string(),
        image_tag_mutability: r.image_tag_mutability().map(|m| m.as_str().to_string()),
        scan_on_push: r
            .image_scanning_configuration()
            .is_some_and(|c| c.scan_on_push()),
        registry_scan_frequency: registry.map(|c| registry_frequency(c, name)),
        registry_scan_type: registry
            .map(|c| c.scan_type().map_or("BASIC", |t| t.as_str()).to_string()),
        encryption_type: encryption.map(|e| e.encryption_type().as_str().to_string()),
        kms_key: encryption.and_then(|e| e.kms_key()).map(str::to_string),
        policy,
        has_lifecycle_policy,
    }
}

/// The scan frequency of the first registry rule with a filter matching the repository's name;
/// `NONE` when no rule matches.
fn registry_frequency(c: &RegistryScanningConfiguration, name: &str) -> String {
    c.rules()
        .iter()
        .find(|rule| {
            rule.repository_filters()
                .iter()
                .any(|f| wildcard_match(f.filter(), name))
        })
        .map_or("NONE", |rule| rule.scan_frequency().as_str())
        .to_string()
}

/// ECR's repository filters: `*` matches any run of characters, everything else itself.
fn wildcard_match(pattern: &str, name: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    let (first, rest) = parts.split_first().unwrap_or((&"", &[]));
    let Some(mut tail) = name.strip_prefix(first) else {
        return false;
    };
    let Some((last, middle)) = rest.split_last() else {
        return tail.is_empty();
    };
    for part in middle {
        match tail.find(part) {
            Some(i) => tail = &tail[i + part.len()..],
            None => return false,
        }
    }
    tail.len() >= last.len() && tail.ends_with(last)
}

async fn registry_scanning(
    s: &Session,
    client: &Client,
    region: &str,
) -> Option<RegistryScanningConfiguration> {
    let at = At::new(op::ecr::GET_REGISTRY_SCANNING_CONFIGURATION, region);
    let out = s
        .call(at, || client.get_registry_scanning_configuration().send())
        .await?;
    Some(
        out.scanning_configuration()
            .cloned()
            .unwrap_or_else(|| RegistryScanningConfiguration::builder().build()),
    )
}

/// The repository policy, parsed; `None` when it has none or, with a gap, cannot be read.
async fn policy(
    s: &Session,
    client: &Client,
    region: &str,
    arn: &str,
    name: &str,
) -> Option<serde_json::Value> {
    let at = At::new(op::ecr::GET_REPOSITORY_POLICY, region).on(arn);
    match s
        .call_absent(at, &["RepositoryPolicyNotFoundException"], || {
            client.get_repository_policy().repository_name(name).send()
        })
        .await
    {
        Outcome::Found(out) => out
            .policy_text()
            .filter(|p| !p.trim().is_empty())
            .map(parse_policy),
        Outcome::Absent | Outcome::Failed => None,
    }
}

/// Has the repository a lifecycle policy? `None` (and a gap) when that cannot be read.
async fn lifecycle(
    s: &Session,
    client: &Client,
    region: &str,
    arn: &str,
    name: &str,
) -> Option<bool> {
    let at = At::new(op::ecr::GET_LIFECYCLE_POLICY, region).on(arn);
    match s
        .call_absent(at, &["LifecyclePolicyNotFoundException"], || {
            client.get_lifecycle_policy().repository_name(name).send()
        })
        .await
    {
        Outcome::Found(out) => Some(
            out.lifecycle_policy_text()
                .is_some_and(|t| !t.trim().is_empty()),
        ),
        Outcome::Absent => Some(false),
        Outcome::Failed => None,
    }
}

#[cfg(test)]
mod tests {
    use super::wildcard_match;

    #[test]
    fn repository_filters_match_like_ecr() {
        assert!(wildcard_match("*", "anything/at-all"));
        assert!(wildcard_match("prod-*", "prod-api"));
        assert!(!wildcard_match("prod-*", "dev-api"));
        assert!(wildcard_match("*-api", "prod-api"));
        assert!(wildcard_match("a*b*c", "a-x-b-y-c"));
        assert!(!wildcard_match("a*b*c", "a-x-c"));
        assert!(wildcard_match("exact", "exact"));
        assert!(!wildcard_match("exact", "exactly"));
        assert!(!wildcard_match("ab*ba", "aba"));
    }
}
