//! The inventory: what Palisade knows about the audited accounts, as plain serde structs.
//!
//! It is also exactly what a snapshot file holds, so it is the stable contract between
//! collection and everything after it. No AWS SDK type appears here.

pub mod account;
pub mod auth_details;
pub mod certificates;
pub mod cloudwatch;
pub mod collections;
pub mod combine;
pub mod compute;
pub mod datastores;
pub mod dynamodb;
pub mod edge;
pub mod efs;
pub mod gaps;
pub mod iam;
pub mod logging;
pub mod messaging;
pub mod network;
pub mod organization;
mod resources;
pub mod secrets;
pub mod snapshot;
pub mod storage;
mod tags;

pub use account::Account;
pub use gaps::Gap;
pub use resources::{ResourceIndex, ResourceRef};
pub use snapshot::{load_snapshot, load_snapshot_str, SnapshotError};
pub use tags::Tags;

/// The snapshot format this build writes. Readers accept any `1.x`.
pub const SCHEMA_VERSION: &str = "1.10";

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Everything collected in one pass over one or more accounts.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Inventory {
    /// `MAJOR.MINOR`; a reader refuses an unknown major version.
    pub schema_version: String,
    /// When collection finished; ages (key age, last use) are measured from here.
    pub collected_at: DateTime<Utc>,
    /// What produced the snapshot, e.g. `palisade 0.1.0`.
    #[serde(default)]
    pub generator: Option<String>,
    #[serde(default)]
    pub accounts: Vec<Account>,
    #[serde(default)]
    pub iam: iam::Iam,
    #[serde(default)]
    pub network: network::Network,
    #[serde(default)]
    pub storage: storage::Storage,
    #[serde(default)]
    pub logging: logging::Logging,
    #[serde(default)]
    pub messaging: messaging::Messaging,
    #[serde(default)]
    pub compute: compute::Compute,
    #[serde(default)]
    pub edge: edge::Edge,
    /// Everything that could not be read; policies over it report `not-evaluated`.
    #[serde(default)]
    pub gaps: Vec<Gap>,
    /// The organization's accounts, units and SCPs, when an `--org` collection read them
    /// (since 1.9).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<organization::OrgStructure>,
    /// What each collection run behind the snapshot did: one, or one per shard once merged
    /// (since 1.9).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub runs: Vec<CollectionRun>,
}

/// One collection run: which accounts, how many calls and gaps, how long.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CollectionRun {
    /// `K/N` for one shard of a sharded collection.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shard: Option<String>,
    /// Whether the run read the organization's structure (`organization`).
    #[serde(default)]
    pub organization: bool,
    /// The accounts it collected.
    #[serde(default)]
    pub accounts: Vec<String>,
    #[serde(default)]
    pub regions: Vec<String>,
    #[serde(default)]
    pub api_calls: u64,
    #[serde(default)]
    pub retries: u64,
    #[serde(default)]
    pub gaps: usize,
    #[serde(default)]
    pub wall_seconds: f64,
    pub finished_at: DateTime<Utc>,
}

/// What reports need of a snapshot once it has been evaluated: small, unlike the inventory.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SnapshotHeader {
    pub schema_version: String,
    pub collected_at: DateTime<Utc>,
    pub generator: Option<String>,
    pub accounts: Vec<Account>,
    pub gaps: Vec<Gap>,
    /// Where each account sits in its organization, when the snapshot has the structure.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub places: BTreeMap<String, Place>,
}

/// An account's name and organizational unit path (`Workloads / Prod`, `Root`).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Place {
    pub name: Option<String>,
    pub unit: Option<String>,
}

impl Inventory {
    pub fn header(&self) -> SnapshotHeader {
        SnapshotHeader {
            schema_version: self.schema_version.clone(),
            collected_at: self.collected_at,
            generator: self.generator.clone(),
            accounts: self.accounts.clone(),
            gaps: self.gaps.clone(),
            places: self
                .organization
                .iter()
                .flat_map(|org| {
                    org.accounts.iter().map(|a| {
                        let place = Place {
                            name: a.name.clone(),
                            unit: a.unit_path(),
                        };
                        (a.id.clone(), place)
                    })
                })
                .collect(),
        }
    }

    /// An empty inventory stamped with the current schema version.
    pub fn empty(collected_at: DateTime<Utc>) -> Self {
        Inventory {
            schema_version: SCHEMA_VERSION.to_string(),
            collected_at,
            generator: Some(format!("palisade {}", env!("CARGO_PKG_VERSION"))),
            accounts: Vec::new(),
            iam: Default::default(),
            network: Default::default(),
            storage: Default::default(),
            logging: Default::default(),
            messaging: Default::default(),
            compute: Default::default(),
            edge: Default::default(),
            gaps: Vec::new(),
            organization: None,
            runs: Vec::new(),
        }
    }
}
