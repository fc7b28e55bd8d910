//! `palisade accounts`: the organization's active accounts and the shard of each, for planning
//! a sharded collection (the matrix of a GitHub Actions workflow, the completions of a
//! Kubernetes Indexed Job).

use super::args::{ListFormat, EXIT_OK};
use super::output::{print, write_json};
use super::source::LiveArgs;
use crate::collect::{Shard, MAX_SHARDS};
use anyhow::Context;

#[derive(clap::Args, Debug)]
pub struct AccountsArgs {
    /// How many shards the collection will run as; each account's shard is shown.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=MAX_SHARDS as i64))]
    shards: u32,
    #[arg(long, value_enum, default_value = "text")]
    format: ListFormat,
    #[command(flatten)]
    live: LiveArgs,
}

#[derive(serde::Serialize)]
struct Plan {
    organization: Option<String>,
    shards: u32,
    /// The shards that hold at least one account, and always 0 (it reads the organization's
    /// units and SCPs).
    matrix: Vec<u32>,
    accounts: Vec<Row>,
}

#[derive(serde::Serialize)]
struct Row {
    id: String,
    name: Option<String>,
    shard: u32,
}

pub fn run(args: AccountsArgs) -> anyhow::Result<i32> {
    if !args.live.org {
        anyhow::bail!("`palisade accounts` lists an organization: add --org --role-name NAME (the role the shards will assume)");
    }
    if args.live.shard.is_some() || args.live.accounts.is_some() || args.live.org_only {
        anyhow::bail!("--shard, --accounts and --org-only choose what `collect` reads; `accounts` lists every account (give --shards N to see each one's shard)");
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    let (organization, members) =
        runtime.block_on(crate::collect::organization_accounts(&args.live.options()))?;
    let accounts: Vec<Row> = members
        .into_iter()
        .map(|m| Row {
            shard: Shard::of(&m.id, args.shards),
            id: m.id,
            name: m.name,
        })
        .collect();
    let mut matrix: Vec<u32> = std::iter::once(0)
        .chain(accounts.iter().map(|a| a.shard))
        .collect();
    matrix.sort_unstable();
    matrix.dedup();
    let plan = Plan {
        organization,
        shards: args.shards,
        matrix,
        accounts,
    };
    match args.format {
        ListFormat::Json => write_json(None, &plan)?,
        ListFormat::Text => {
            let mut out = format!(
                "{} active account(s) in {}, {} shard(s)\n",
                plan.accounts.len(),
                plan.organization.as_deref().unwrap_or("the organization"),
                plan.shards
            );
            for a in &plan.accounts {
                out.push_str(&format!(
                    "{}  shard {:<5} {}\n",
                    a.id,
                    a.shard,
                    crate::report::printable(a.name.as_deref().unwrap_or(""))
                ));
            }
            print(out)?;
        }
    }
    Ok(EXIT_OK)
}
