//! Where a command's inventory comes from: the embedded demo, a snapshot file, an IAM
//! authorization-details file, or a live AWS account.

use anyhow::Context;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
#[command(group(clap::ArgGroup::new("source").args(["demo", "snapshot", "iam_auth_details"])))]
pub struct SourceArgs {
    /// Use the embedded demo snapshot (a fictional healthcare payments company).
    #[arg(long)]
    pub demo: bool,
    /// Read a snapshot file written by `palisade collect` (or by hand).
    #[arg(long, value_name = "FILE")]
    pub snapshot: Option<PathBuf>,
    /// Read the JSON that `aws iam get-account-authorization-details` prints and run the IAM
    /// checks only (no AWS access; credentials and account settings are not in that file).
    #[arg(long, value_name = "FILE")]
    pub iam_auth_details: Option<PathBuf>,
    /// Without one of the above, Palisade reads AWS directly with these options.
    #[command(flatten)]
    pub live: super::collect::LiveArgs,
}

impl SourceArgs {
    pub fn load(&self) -> anyhow::Result<crate::inventory::Inventory> {
        let offline = self.demo || self.snapshot.is_some() || self.iam_auth_details.is_some();
        if offline && self.live.any() {
            anyhow::bail!("AWS options (--region, --regions, --profile, --role-arn, --org) read a live account; they do not apply to --demo, --snapshot or --iam-auth-details");
        }
        if let Some(path) = &self.snapshot {
            return Ok(crate::inventory::load_snapshot(path)?);
        }
        if let Some(path) = &self.iam_auth_details {
            return Ok(crate::inventory::auth_details::load_auth_details(path)?);
        }
        if self.demo {
            return crate::demo::inventory().context("the embedded demo snapshot is invalid");
        }
        self.live.collect()
    }

    /// Only the IAM policies apply: the input holds nothing else.
    pub fn iam_only(&self) -> bool {
        self.iam_auth_details.is_some()
    }
}
