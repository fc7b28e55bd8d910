//! Collect: reads an AWS account (or an organization's accounts) into an inventory with the
//! official AWS SDK, concurrently under one bounded limit, recording every call that finally
//! fails as a collection gap instead of guessing.

mod account;
mod apigateway;
mod call;
mod certificates;
mod cloudfront;
mod cloudwatch;
mod contacts;
mod dynamodb;
mod ec2;
mod ecr;
mod ecs;
mod efs;
mod eks;
mod elasticache;
mod elbv2;
mod environment;
mod error;
mod iam;
mod kms;
mod lambda;
mod logging;
mod messaging;
mod opensearch;
mod organization;
mod posture;
mod progress;
mod rds;
mod redshift;
mod s3;
mod secrets;
mod securityhub;
mod session;
mod shard;
mod tags;
mod time;
mod wafv2;

pub use error::CollectError;
pub use organization::Member;
pub use s3::FixedEndpoint;
pub use session::{CollectOptions, Session};
pub use shard::{parse_accounts, Selection, Shard, MAX_SHARDS};

use crate::inventory::combine;
use crate::inventory::{Account, CollectionRun, Inventory};
use futures::future::join_all;
use futures::StreamExt;
use session::Shared;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What a collection run did, for the end-of-run summary.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CollectSummary {
    pub accounts: usize,
    pub regions: Vec<String>,
    /// Resources per service.
    pub resources: BTreeMap<String, usize>,
    /// API operations (one per call, pages included).
    pub api_calls: u64,
    /// HTTP attempts beyond the first of each call (throttling, transient errors).
    pub retries: u64,
    pub gaps: usize,
    pub wall: Duration,
}

impl CollectSummary {
    /// Human-readable lines for stderr.
    pub fn render(&self) -> String {
        let per: Vec<String> = self
            .resources
            .iter()
            .map(|(s, n)| format!("{s} {n}"))
            .collect();
        format!(
            "collected {} account(s) in {} region(s) in {:.1} s: {}\n{} API calls, {} retries, {} gap(s)",
            self.accounts,
            self.regions.len(),
            self.wall.as_secs_f64(),
            if per.is_empty() { "no resources".to_string() } else { per.join(", ") },
            self.api_calls,
            self.retries,
            self.gaps
        )
    }
}

/// Collects everything `opts` asks for into one inventory.
pub async fn collect(opts: &CollectOptions) -> Result<(Inventory, CollectSummary), CollectError> {
    let mut whole = Inventory::empty(chrono::Utc::now());
    let summary = collect_parts(opts, usize::MAX, &mut |part: Inventory| {
        whole.collected_at = whole.collected_at.max(part.collected_at);
        combine::absorb(&mut whole, part);
        Ok(())
    })
    .await?;
    combine::finish(&mut whole);
    Ok((whole, summary))
}

/// Collects what `opts` asks for as parts handed to `emit` as soon as they are complete: one
/// per account (at most `accounts_at_once` of them collected at a time, so that memory is
/// bounded by the largest accounts, not by their number), then a last part with what belongs
/// to the run as a whole (the organization's structure, the gaps, the run's summary).
/// Combined ([`combine::combine`]) the parts are the inventory [`collect`] returns.
pub async fn collect_parts(
    opts: &CollectOptions,
    accounts_at_once: usize,
    emit: &mut dyn FnMut(Inventory) -> std::io::Result<()>,
) -> Result<CollectSummary, CollectError> {
    let started = Instant::now();
    let (shared, home_region, caller) = start(opts, opts.progress).await?;
    let selection = &opts.selection;
    // With --org: the organization's active accounts, then the ones this run collects.
    let members = match &opts.org_role_name {
        Some(_) => {
            let listed = organization::members(&caller, &home_region).await;
            if listed.is_none() && !selection.is_everything() {
                return Err(CollectError::Members {
                    first: first_gap(&shared),
                });
            }
            listed
        }
        None => None,
    };
    if let (Some(only), Some(members)) = (&selection.accounts, &members) {
        let unknown: Vec<String> = only
            .iter()
            .filter(|id| !members.iter().any(|m| &m.id == *id))
            .cloned()
            .collect();
        if !unknown.is_empty() {
            return Err(CollectError::NotMembers(unknown));
        }
    }
    // The accounts to collect, each opened (its role assumed) only when its turn comes.
    let targets: Vec<&str> = match (&opts.org_role_name, &members) {
        (Some(_), Some(members)) => members
            .iter()
            .map(|m| m.id.as_str())
            .filter(|id| selection.contains(id))
            .collect(),
        // The organization could not be listed (a gap says why): the caller's own account.
        _ => vec![caller.account_id.as_str()],
    };
    let regions = if opts.all_regions {
        account::enabled_regions(&caller, &home_region).await
    } else if opts.regions.is_empty() {
        vec![home_region.clone()]
    } else {
        opts.regions.clone()
    };

    let role_name = opts.org_role_name.as_deref();
    let (me, in_regions, home) = (&caller, &regions, &home_region);
    let mut accounts = futures::stream::iter(targets.iter().map(|id| async move {
        let session = match role_name {
            Some(role) => account::organization_session(me, id, role).await?,
            None => me.clone(),
        };
        Some(collect_account(&session, in_regions, home).await)
    }))
    .buffer_unordered(accounts_at_once.clamp(1, targets.len().max(1)))
    .filter_map(std::future::ready);
    let mut resources: BTreeMap<String, usize> = BTreeMap::new();
    // Each collected account, and whether it belongs to an organization.
    let mut collected: Vec<(String, bool)> = Vec::new();
    let mut account_gaps = 0;
    while let Some(mut part) = accounts.next().await {
        let unscanned = cloudwatch::unscanned_log_groups(&part, &regions);
        account_gaps += unscanned.len();
        part.gaps.extend(unscanned);
        combine::sort(&mut part);
        for (service, n) in combine::count_by_service(&part) {
            *resources.entry(service).or_default() += n;
        }
        collected.extend(
            part.accounts
                .iter()
                .map(|a| (a.id.clone(), a.organization.is_some())),
        );
        emit(part).map_err(CollectError::Write)?;
    }
    drop(accounts);

    // The organization's structure (units, SCPs), read once with the caller's identity: in an
    // --org run that is the management account (or a delegated administrator), the one that
    // may read it. A shard other than 0 leaves it to shard 0; a single account in an
    // organization gets it for its own SCPs.
    let mut last = Inventory::empty(chrono::Utc::now());
    let reads_organization = match &members {
        Some(_) => selection.reads_organization(),
        None => collected.iter().any(|(_, member)| *member),
    };
    if reads_organization {
        let listed: Vec<organization::Member> = match &members {
            Some(members) => members.clone(),
            None => collected
                .iter()
                .map(|(id, _)| organization::Member {
                    id: id.clone(),
                    name: None,
                })
                .collect(),
        };
        last.organization = organization::read(&caller, &home_region, &listed).await;
    }
    shared.progress.finish();
    last.gaps = shared.gaps.lock().map(|g| g.clone()).unwrap_or_default();
    combine::sort(&mut last);
    last.collected_at = chrono::Utc::now();

    let api_calls = shared
        .counter
        .operations
        .load(std::sync::atomic::Ordering::Relaxed);
    let attempts = shared
        .counter
        .attempts
        .load(std::sync::atomic::Ordering::Relaxed);
    let summary = CollectSummary {
        accounts: collected.len(),
        regions: regions.clone(),
        resources,
        api_calls,
        retries: attempts.saturating_sub(api_calls),
        gaps: last.gaps.len() + account_gaps,
        wall: started.elapsed(),
    };
    if summary.resources.values().sum::<usize>() == 0 && summary.gaps > 0 {
        // Every data call failed (identity and region listing aside): say so instead of
        // writing an empty snapshot that looks like a clean account.
        if summary.gaps as u64 + 2 >= api_calls {
            let first = last.gaps.first().map(|g| g.describe()).unwrap_or_default();
            return Err(CollectError::Nothing { first });
        }
    }
    last.runs.push(CollectionRun {
        shard: selection.shard.map(|s| s.to_string()),
        organization: last.organization.is_some(),
        accounts: collected.into_iter().map(|(id, _)| id).collect(),
        regions,
        api_calls: summary.api_calls,
        retries: summary.retries,
        gaps: summary.gaps,
        wall_seconds: (summary.wall.as_secs_f64() * 1000.0).round() / 1000.0,
        finished_at: last.collected_at,
    });
    emit(last).map_err(CollectError::Write)?;
    Ok(summary)
}

/// The shared state of a run, its home region, and the session of the caller's credentials
/// (after `--role-arn`): `sts:GetCallerIdentity` must succeed.
async fn start(
    opts: &CollectOptions,
    progress: bool,
) -> Result<(Arc<Shared>, String, Session), CollectError> {
    let shared = Arc::new(Shared {
        limiter: tokio::sync::Semaphore::new(opts.concurrency.max(1)),
        gaps: Mutex::new(Vec::new()),
        counter: Arc::default(),
        progress: progress::Progress::new(progress),
    });
    let mut base = session::base_config(opts, opts.regions.first().map(String::as_str)).await;
    if let Some(role) = &opts.role_arn {
        base = session::assume_role(&base, role, opts.external_id.as_deref()).await;
    }
    let home_region = base
        .region()
        .map(|r| r.to_string())
        .ok_or(CollectError::NoRegion)?;
    let caller = account::identify(&base, &shared).await?;
    Ok((shared, home_region, caller))
}

/// The first gap recorded so far, described (for errors that end a run).
fn first_gap(shared: &Shared) -> String {
    let gaps = shared.gaps.lock().map(|g| g.clone()).unwrap_or_default();
    gaps.first().map(|g| g.describe()).unwrap_or_default()
}

/// The organization's active accounts, read with the caller's credentials (for planning
/// shards: `palisade accounts`), and the organization's id.
pub async fn organization_accounts(
    opts: &CollectOptions,
) -> Result<(Option<String>, Vec<Member>), CollectError> {
    let (shared, home_region, caller) = start(opts, false).await?;
    let (described, members) = futures::join!(
        organization::describe(&caller, &home_region),
        organization::members(&caller, &home_region)
    );
    let Some(members) = members else {
        return Err(CollectError::Members {
            first: first_gap(&shared),
        });
    };
    Ok((described.map(|(id, _)| id), members))
}

/// Every service of one account: global ones once, regional ones per region, all concurrently.
async fn collect_account(s: &Session, regions: &[String], home_region: &str) -> Inventory {
    let mut parts: Vec<
        std::pin::Pin<Box<dyn std::future::Future<Output = Inventory> + Send + '_>>,
    > = vec![
        Box::pin(account::collect(s, home_region)),
        Box::pin(iam::collect(s, home_region)),
        Box::pin(contacts::collect(s, home_region)),
        Box::pin(s3::collect(s, home_region)),
        Box::pin(cloudfront::collect(s)),
        Box::pin(wafv2::collect_cloudfront(s)),
    ];
    for region in regions {
        parts.push(Box::pin(ec2::collect(s, region)));
        parts.push(Box::pin(kms::collect(s, region)));
        parts.push(Box::pin(elbv2::collect(s, region)));
        parts.push(Box::pin(rds::collect(s, region)));
        parts.push(Box::pin(logging::collect(s, region)));
        parts.push(Box::pin(cloudwatch::collect(s, region)));
        parts.push(Box::pin(messaging::collect(s, region)));
        parts.push(Box::pin(efs::collect(s, region)));
        parts.push(Box::pin(dynamodb::collect(s, region)));
        parts.push(Box::pin(secrets::collect(s, region)));
        parts.push(Box::pin(certificates::collect(s, region)));
        parts.push(Box::pin(securityhub::collect(s, region)));
        parts.push(Box::pin(lambda::collect(s, region)));
        parts.push(Box::pin(ecr::collect(s, region)));
        parts.push(Box::pin(eks::collect(s, region)));
        parts.push(Box::pin(posture::collect(s, region)));
        parts.push(Box::pin(redshift::collect(s, region)));
        parts.push(Box::pin(elasticache::collect(s, region)));
        parts.push(Box::pin(opensearch::collect(s, region)));
        parts.push(Box::pin(ecs::collect(s, region)));
        parts.push(Box::pin(wafv2::collect(s, region)));
        parts.push(Box::pin(apigateway::collect(s, region)));
    }
    let mut inventory = Inventory::empty(chrono::Utc::now());
    for part in join_all(parts).await {
        combine::absorb(&mut inventory, part);
    }
    if inventory.accounts.is_empty() {
        inventory.accounts.push(Account {
            id: s.account_id.clone(),
            partition: s.partition.clone(),
            ..Default::default()
        });
    }
    for a in &mut inventory.accounts {
        a.regions = regions.to_vec();
    }
    inventory
}
