//! Where a command's inventory comes from: the embedded demo, a snapshot file, an IAM
//! authorization-details file, or a live AWS account (and which accounts and regions to read).

use crate::collect::{parse_accounts, CollectOptions, CollectSummary, Selection, Shard};
use crate::inventory::{Gap, Inventory};
use crate::pipeline::Source;
use std::collections::BTreeSet;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Duration;

#[derive(clap::Args, Debug)]
#[command(group(clap::ArgGroup::new("source").args(["demo", "snapshot", "iam_auth_details"])))]
pub struct SourceArgs {
    /// Use the embedded demo snapshot (a fictional healthcare payments company).
    #[arg(long)]
    pub demo: bool,
    /// Read a snapshot file written by `palisade collect` (or by hand; `.json.gz` too).
    /// Repeat it to scan the shards of an organization as one (as `palisade merge` joins them).
    #[arg(long, value_name = "FILE")]
    pub snapshot: Vec<PathBuf>,
    /// Read the JSON that `aws iam get-account-authorization-details` prints and run the IAM
    /// checks only (no AWS access; credentials and account settings are not in that file).
    #[arg(long, value_name = "FILE")]
    pub iam_auth_details: Option<PathBuf>,
    /// Without one of the above, Palisade reads AWS directly with these options.
    #[command(flatten)]
    pub live: LiveArgs,
}

impl SourceArgs {
    /// The source these arguments name.
    pub fn source(&self) -> anyhow::Result<Source> {
        let offline = self.demo || !self.snapshot.is_empty() || self.iam_auth_details.is_some();
        if offline && self.live.any() {
            anyhow::bail!("AWS options (--region, --regions, --profile, --role-arn, --org, --shard, --accounts, --org-only) read a live account; they do not apply to --demo, --snapshot or --iam-auth-details");
        }
        Ok(if !self.snapshot.is_empty() {
            Source::Snapshot(self.snapshot.clone())
        } else if let Some(path) = &self.iam_auth_details {
            Source::AuthDetails(path.clone())
        } else if self.demo {
            Source::Demo
        } else {
            Source::Live(self.live.options())
        })
    }

    /// Loads the inventory; after a live collection, prints what it did on stderr.
    pub fn load(&self) -> anyhow::Result<Inventory> {
        let loaded = self.source()?.load()?;
        if let Some(summary) = &loaded.collected {
            print_collected(summary, &loaded.inventory.gaps);
        }
        Ok(loaded.inventory)
    }
}

/// The end-of-collection summary and the first gaps, on stderr.
pub fn print_collected(summary: &CollectSummary, gaps: &[Gap]) {
    eprintln!("{}", summary.render());
    const SHOWN: usize = 20;
    for gap in gaps.iter().take(SHOWN) {
        eprintln!("  gap: {}", crate::report::printable(&gap.describe()));
    }
    // `gaps` may be the first few only (a streamed collection keeps no more).
    let total = summary.gaps.max(gaps.len());
    if total > SHOWN {
        eprintln!(
            "  ... and {} more gaps (see the snapshot's `gaps`)",
            total - SHOWN
        );
    }
}

/// Which accounts and regions to read, and how hard to push.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct LiveArgs {
    /// Region to scan (repeatable); default: the profile's or AWS_REGION.
    #[arg(long = "region", value_name = "REGION")]
    pub regions: Vec<String>,
    /// `all`: every region enabled for the account.
    #[arg(long = "regions", value_name = "all", value_parser = ["all"])]
    pub all_regions: Option<String>,
    /// Named profile from the AWS config files (SSO profiles included).
    #[arg(long)]
    pub profile: Option<String>,
    /// Assume this role first (e.g. a read-only audit role in the target account).
    #[arg(long, value_name = "ARN")]
    pub role_arn: Option<String>,
    /// External id for --role-arn.
    #[arg(long, requires = "role_arn")]
    pub external_id: Option<String>,
    /// Scan every account of the organization (assumes --role-name in each).
    #[arg(long, requires = "role_name")]
    pub org: bool,
    /// Role to assume in each organization account with --org.
    #[arg(long, value_name = "NAME", requires = "org")]
    pub role_name: Option<String>,
    /// With --org: collect only shard K of N, the accounts whose id hashes to K (stable as
    /// accounts join or leave). `auto/N` takes K from JOB_COMPLETION_INDEX (Kubernetes Indexed
    /// Job) or AWS_BATCH_JOB_ARRAY_INDEX. Shard 0 also reads the organization's units and SCPs.
    #[arg(long, value_name = "K/N", requires = "org", value_parser = parse_shard)]
    pub shard: Option<Shard>,
    /// With --org: collect only these accounts (comma-separated ids, or a file of them).
    #[arg(long, value_name = "IDS|FILE", requires = "org", value_parser = parse_accounts)]
    pub accounts: Option<BTreeSet<String>>,
    /// With --org: read only the organization's structure (accounts, units, SCPs), no account.
    #[arg(long, requires = "org", conflicts_with_all = ["shard", "accounts"])]
    pub org_only: bool,
    /// Maximum API calls in flight, across all services, regions and accounts.
    #[arg(long, default_value_t = 32, value_parser = clap::value_parser!(u32).range(1..=512))]
    pub concurrency: u32,
    /// Attempts per API call, including the first (adaptive retry).
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u32).range(1..=20))]
    pub max_attempts: u32,
    /// Seconds allowed for one attempt of one API call.
    #[arg(long, default_value_t = 20, value_name = "SECONDS")]
    pub call_timeout: u64,
}

impl LiveArgs {
    /// True when any live-collection option was given.
    pub fn any(&self) -> bool {
        !self.regions.is_empty()
            || self.all_regions.is_some()
            || self.profile.is_some()
            || self.role_arn.is_some()
            || self.org
    }

    pub fn options(&self) -> CollectOptions {
        CollectOptions {
            regions: self.regions.clone(),
            all_regions: self.all_regions.is_some(),
            profile: self.profile.clone(),
            role_arn: self.role_arn.clone(),
            external_id: self.external_id.clone(),
            org_role_name: if self.org {
                self.role_name.clone()
            } else {
                None
            },
            selection: Selection {
                shard: self.shard,
                accounts: self.accounts.clone(),
                organization_only: self.org_only,
            },
            concurrency: self.concurrency as usize,
            max_attempts: self.max_attempts,
            attempt_timeout: Duration::from_secs(self.call_timeout.max(1)),
            progress: std::io::stderr().is_terminal(),
        }
    }
}

fn parse_shard(text: &str) -> Result<Shard, String> {
    Shard::parse(text, |name| std::env::var(name).ok())
}
