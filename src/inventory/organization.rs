//! The organization as a whole: its accounts, the organizational units above each, and its
//! service control policies. Read once per collection (by an unsharded `--org` run, by shard 0
//! of a sharded one, or by `--org-only`), never per shard, and joined to the accounts of any
//! shard when the snapshots are merged.

use super::account::ServiceControlPolicy;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct OrgStructure {
    /// `o-...`.
    pub id: String,
    #[serde(default)]
    pub management_account_id: Option<String>,
    /// Every active account of the organization, by id.
    #[serde(default)]
    pub accounts: Vec<OrgAccount>,
    /// Every service control policy attached anywhere, each once, by id.
    #[serde(default)]
    pub policies: Vec<ServiceControlPolicy>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct OrgAccount {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    /// The organizational units above the account, from the one under the root down to its
    /// own; empty for an account directly under the root. `null` when the tree could not be
    /// read down to it.
    #[serde(default)]
    pub units: Option<Vec<OrgUnit>>,
    /// The ids of the SCPs attached at each level: the root, each unit, the account itself.
    /// `null` when a level could not be read (half a set could deny less than the whole).
    #[serde(default)]
    pub service_control_policies: Option<Vec<Vec<String>>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, Default)]
pub struct OrgUnit {
    pub id: String,
    pub name: String,
}

impl OrgAccount {
    /// The units above the account joined by ` / ` (`Root` for one directly under it).
    pub fn unit_path(&self) -> Option<String> {
        let units = self.units.as_ref()?;
        Some(if units.is_empty() {
            "Root".to_string()
        } else {
            units
                .iter()
                .map(|u| u.name.as_str())
                .collect::<Vec<_>>()
                .join(" / ")
        })
    }
}

impl OrgStructure {
    pub fn sort(&mut self) {
        self.accounts.sort_by(|a, b| a.id.cmp(&b.id));
        self.accounts.dedup_by(|a, b| a.id == b.id);
        self.policies.sort_by(|a, b| a.id.cmp(&b.id));
        self.policies.dedup_by(|a, b| a.id == b.id);
    }
}
