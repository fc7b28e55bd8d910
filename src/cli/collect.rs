//! `palisade collect` and the live half of `palisade scan`: options that say which AWS
//! account(s) and regions to read, and the run that reads them.

use crate::collect::{self, CollectOptions};
use crate::inventory::Inventory;
use anyhow::Context;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Duration;

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

    fn options(&self) -> CollectOptions {
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
            concurrency: self.concurrency as usize,
            max_attempts: self.max_attempts,
            attempt_timeout: Duration::from_secs(self.call_timeout.max(1)),
            progress: std::io::stderr().is_terminal(),
        }
    }

    /// Reads AWS into an inventory and prints the end-of-run summary on stderr.
    pub fn collect(&self) -> anyhow::Result<Inventory> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .context("cannot start the async runtime")?;
        let options = self.options();
        let (mut inventory, summary) = runtime.block_on(collect::collect(&options))?;
        inventory.generator = Some(format!("palisade {}", env!("CARGO_PKG_VERSION")));
        eprintln!("{}", summary.render());
        const SHOWN: usize = 20;
        for gap in inventory.gaps.iter().take(SHOWN) {
            eprintln!("  gap: {}", crate::report::printable(&gap.describe()));
        }
        if inventory.gaps.len() > SHOWN {
            eprintln!(
                "  ... and {} more gaps (see the snapshot's `gaps`)",
                inventory.gaps.len() - SHOWN
            );
        }
        Ok(inventory)
    }
}

#[derive(clap::Args, Debug)]
pub struct CollectArgs {
    /// Where to write the snapshot (JSON).
    #[arg(short, long, value_name = "FILE")]
    output: PathBuf,
    #[command(flatten)]
    live: LiveArgs,
}

pub fn run(args: CollectArgs) -> anyhow::Result<i32> {
    let inventory = args.live.collect()?;
    super::scan::write_file(&args.output, |w| {
        serde_json::to_writer_pretty(&mut *w, &inventory)?;
        w.write_all(b"\n")
    })?;
    eprintln!("snapshot written to {}", args.output.display());
    Ok(super::EXIT_OK)
}
