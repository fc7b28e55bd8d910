//! Where a scan's inventory comes from: the embedded demo, a snapshot file, an IAM
//! authorization-details file, an inventory already in memory, or a live AWS account.

use crate::collect::{self, CollectError, CollectOptions, CollectSummary};
use crate::inventory::auth_details::{load_auth_details, AuthDetailsError};
use crate::inventory::combine::{combine, CombineError};
use crate::inventory::{load_snapshot, Inventory, SnapshotError};
use std::path::PathBuf;

#[derive(Debug, Clone)]
pub enum Source {
    /// The embedded demo snapshot (a fictional healthcare payments company).
    Demo,
    /// Snapshot files written by `palisade collect`: one, or the shards of an organization
    /// (joined as `palisade merge` joins them).
    Snapshot(Vec<PathBuf>),
    /// The JSON of `aws iam get-account-authorization-details`: IAM data only.
    AuthDetails(PathBuf),
    /// An inventory the caller already holds.
    Inventory(Box<Inventory>),
    /// Read AWS now.
    Live(CollectOptions),
}

#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error(transparent)]
    Snapshot(#[from] SnapshotError),
    #[error(transparent)]
    AuthDetails(#[from] AuthDetailsError),
    #[error("the embedded demo snapshot is invalid: {0}")]
    Demo(SnapshotError),
    #[error("cannot start the async runtime: {0}")]
    Runtime(std::io::Error),
    #[error(transparent)]
    Collect(#[from] CollectError),
    #[error(transparent)]
    Combine(#[from] CombineError),
}

/// One snapshot as it is, or several joined into one (accounts disjoint, SCPs attached).
pub fn load_snapshots(paths: &[PathBuf]) -> Result<Inventory, SourceError> {
    if let [one] = paths {
        return Ok(load_snapshot(one)?);
    }
    let mut parts = Vec::with_capacity(paths.len());
    for path in paths {
        parts.push((path.clone(), load_snapshot(path)?));
    }
    Ok(combine(parts)?)
}

/// A loaded source: the inventory, and what collection did when it read AWS.
pub struct Loaded {
    pub inventory: Inventory,
    pub collected: Option<CollectSummary>,
}

impl Source {
    /// Only the IAM policies apply: the inventory holds nothing else.
    pub fn iam_only(&self) -> bool {
        matches!(self, Source::AuthDetails(_))
    }

    /// Whether this is the embedded demo (which has its own config and exits 0 by default).
    pub fn is_demo(&self) -> bool {
        matches!(self, Source::Demo)
    }

    pub fn load(self) -> Result<Loaded, SourceError> {
        let inventory = match self {
            Source::Demo => crate::demo::inventory().map_err(SourceError::Demo)?,
            Source::Snapshot(paths) => load_snapshots(&paths)?,
            Source::AuthDetails(path) => load_auth_details(&path)?,
            Source::Inventory(inventory) => *inventory,
            Source::Live(options) => {
                let runtime = tokio::runtime::Builder::new_multi_thread()
                    .enable_all()
                    .build()
                    .map_err(SourceError::Runtime)?;
                let (mut inventory, summary) = runtime.block_on(collect::collect(&options))?;
                inventory.generator = Some(format!("palisade {}", env!("CARGO_PKG_VERSION")));
                return Ok(Loaded {
                    inventory,
                    collected: Some(summary),
                });
            }
        };
        Ok(Loaded {
            inventory,
            collected: None,
        })
    }
}

/// Reads AWS, handing each part (an account, then what belongs to the run as a whole) to
/// `emit` as soon as it is complete (`collect::collect_parts`): memory stays bounded by the
/// `accounts_at_once` accounts in flight, whatever the number of accounts.
pub fn collect_streaming(
    options: &CollectOptions,
    accounts_at_once: usize,
    emit: &mut dyn FnMut(Inventory) -> std::io::Result<()>,
) -> Result<CollectSummary, SourceError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(SourceError::Runtime)?;
    Ok(runtime.block_on(collect::collect_parts(options, accounts_at_once, emit))?)
}
