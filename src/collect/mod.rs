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
mod merge;
mod messaging;
mod opensearch;
mod posture;
mod progress;
mod rds;
mod redshift;
mod s3;
mod scp;
mod secrets;
mod securityhub;
mod session;
mod tags;
mod time;
mod wafv2;

pub use error::CollectError;
pub use s3::FixedEndpoint;
pub use session::{CollectOptions, Session};

use crate::inventory::{Account, Inventory};
use futures::future::join_all;
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
    let started = Instant::now();
    let shared = Arc::new(Shared {
        limiter: tokio::sync::Semaphore::new(opts.concurrency.max(1)),
        gaps: Mutex::new(Vec::new()),
        counter: Arc::default(),
        progress: progress::Progress::new(opts.progress),
    });
    let mut base = session::base_config(opts, opts.regions.first().map(String::as_str)).await;
    if let Some(role) = &opts.role_arn {
        base = session::assume_role(opts, &base, role, opts.external_id.as_deref()).await;
    }
    let home_region = base
        .region()
        .map(|r| r.to_string())
        .ok_or(CollectError::NoRegion)?;
    let first = account::identify(&base, &shared).await?;
    let sessions = match &opts.org_role_name {
        Some(role_name) => {
            account::organization_sessions(opts, &first, &home_region, role_name).await
        }
        None => vec![first],
    };
    let regions = if opts.all_regions {
        account::enabled_regions(&sessions[0], &home_region).await
    } else if opts.regions.is_empty() {
        vec![home_region.clone()]
    } else {
        opts.regions.clone()
    };

    let per_account = join_all(
        sessions
            .iter()
            .map(|s| collect_account(s, &regions, &home_region)),
    )
    .await;
    shared.progress.finish();

    let mut inventory = Inventory::empty(chrono::Utc::now());
    for part in per_account {
        merge::absorb(&mut inventory, part);
    }
    // With the caller's own identity: in an --org scan that is the management account (or a
    // delegated administrator), the one that may read them.
    scp::attach(&sessions[0], &mut inventory, &home_region).await;
    let gaps = shared.gaps.lock().map(|g| g.clone()).unwrap_or_default();
    inventory.gaps.extend(gaps);
    let unscanned = cloudwatch::unscanned_log_groups(&inventory, &regions);
    inventory.gaps.extend(unscanned);
    merge::sort(&mut inventory);

    let api_calls = shared
        .counter
        .operations
        .load(std::sync::atomic::Ordering::Relaxed);
    let attempts = shared
        .counter
        .attempts
        .load(std::sync::atomic::Ordering::Relaxed);
    let summary = CollectSummary {
        accounts: inventory.accounts.len(),
        regions: regions.clone(),
        resources: merge::count_by_service(&inventory),
        api_calls,
        retries: attempts.saturating_sub(api_calls),
        gaps: inventory.gaps.len(),
        wall: started.elapsed(),
    };
    if summary.resources.values().sum::<usize>() == 0 && !inventory.gaps.is_empty() {
        let total_gaps = inventory.gaps.len() as u64;
        // Every data call failed (identity and region listing aside): say so instead of
        // writing an empty snapshot that looks like a clean account.
        if total_gaps + 2 >= api_calls {
            return Err(CollectError::Nothing {
                first: inventory.gaps[0].describe(),
            });
        }
    }
    Ok((inventory, summary))
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
        merge::absorb(&mut inventory, part);
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
