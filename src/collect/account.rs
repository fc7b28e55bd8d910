//! The account itself: who we are (STS), the alias, organization membership, the regions to
//! scan, and (with `--org`) a session for each account of the organization.

use super::call::{classify, At, Outcome};
use super::error::CollectError;
use super::session::{self, Session, Shared};
use crate::inventory::account::Organization;
use crate::inventory::collections::op;
use crate::inventory::{Account, Inventory};
use aws_config::SdkConfig;
use std::sync::Arc;

/// The session for the credentials in `sdk`: `sts:GetCallerIdentity` must succeed, or there is
/// nothing to collect with (exit 2 with the reason).
pub async fn identify(sdk: &SdkConfig, shared: &Arc<Shared>) -> Result<Session, CollectError> {
    let counting = session::Counting(shared.counter.clone());
    let conf = aws_sdk_sts::config::Builder::from(sdk)
        .interceptor(counting)
        .build();
    let sts = aws_sdk_sts::Client::from_conf(conf);
    // Not a gap when it fails: without an identity there is nothing to collect with.
    let op = op::sts::GET_CALLER_IDENTITY;
    // Under the run's concurrency limit like every other call: with assumed-role credentials
    // this is also where `sts:AssumeRole` happens, once per account of an organization.
    let permit = shared.limiter.acquire().await;
    shared.progress.calling(op.service, op.name);
    let me = sts.get_caller_identity().send().await.map_err(|e| {
        let (code, message) = classify(&e);
        CollectError::Identity { code, message }
    })?;
    drop(permit);
    let account_id = me.account().unwrap_or_default().to_string();
    let partition = me
        .arn()
        .and_then(|arn| arn.split(':').nth(1))
        .filter(|p| !p.is_empty())
        .unwrap_or("aws")
        .to_string();
    tracing::info!(%account_id, arn = me.arn().unwrap_or_default(), "identified");
    Ok(Session {
        account_id,
        partition,
        sdk: sdk.clone(),
        endpoint_override: session::endpoint_override(sdk),
        shared: shared.clone(),
    })
}

/// The session for one account of the organization: the caller's own credentials for the
/// calling account, else `role_name` assumed in it. Opened when the account's turn comes, so
/// credentials (and their one-hour lifetime) start with the account's collection. An account
/// whose role cannot be assumed is a gap, not a failure of the run.
pub async fn organization_session(caller: &Session, id: &str, role_name: &str) -> Option<Session> {
    if id == caller.account_id {
        return Some(caller.clone());
    }
    let role_arn = format!("arn:{}:iam::{id}:role/{role_name}", caller.partition);
    let sdk = session::assume_role(&caller.sdk, &role_arn, None).await;
    match identify(&sdk, &caller.shared).await {
        Ok(s) => Some(s),
        Err(e) => {
            let mut probe = caller.clone();
            probe.account_id = id.to_string();
            let at = At::new(op::sts::ASSUME_ROLE, "global").on(&role_arn);
            probe.record_gap(at, "AssumeRoleFailed".into(), e.to_string());
            None
        }
    }
}

/// The regions enabled for the account (`--regions all`).
pub async fn enabled_regions(s: &Session, home_region: &str) -> Vec<String> {
    let ec2 = crate::client!(s, aws_sdk_ec2, home_region);
    let at = At::new(op::ec2::DESCRIBE_REGIONS, home_region);
    match s
        .call(at, || ec2.describe_regions().all_regions(false).send())
        .await
    {
        Some(out) => {
            let mut names: Vec<String> = out
                .regions()
                .iter()
                .filter_map(|r| r.region_name().map(str::to_string))
                .collect();
            names.sort();
            if names.is_empty() {
                vec![home_region.to_string()]
            } else {
                names
            }
        }
        None => vec![home_region.to_string()],
    }
}

/// The account record: id, partition, alias and organization.
pub async fn collect(s: &Session, home_region: &str) -> Inventory {
    let iam = crate::client!(s, aws_sdk_iam, home_region);
    let org = crate::client!(s, aws_sdk_organizations, home_region);
    let alias_at = At::new(op::iam::LIST_ACCOUNT_ALIASES, "global");
    let org_at = At::new(op::organizations::DESCRIBE_ORGANIZATION, "global");
    let (alias, organization) = futures::join!(
        s.call(alias_at, || iam.list_account_aliases().send()),
        s.call_absent(org_at, &["AWSOrganizationsNotInUseException"], || org
            .describe_organization()
            .send()),
    );
    let organization = match organization {
        Outcome::Found(out) => out.organization().map(|o| Organization {
            id: o.id().unwrap_or_default().to_string(),
            management_account_id: o.master_account_id().map(str::to_string),
            service_control_policies: None,
        }),
        Outcome::Absent | Outcome::Failed => None,
    };
    let mut inv = Inventory::empty(chrono::Utc::now());
    inv.accounts.push(Account {
        id: s.account_id.clone(),
        alias: alias.and_then(|a| a.account_aliases().first().cloned()),
        partition: s.partition.clone(),
        regions: Vec::new(),
        organization,
    });
    inv
}
