//! Analyze: facts derived natively from the inventory and attached to the policy input under
//! `input.facts`, so that policies stay short predicates.
//!
//! Ages are measured from the snapshot's `collected_at`, never from the wall clock, so the same
//! snapshot gives the same findings tomorrow.

pub mod iam;
pub mod monitoring;
pub mod network;

use crate::config::Config;
use crate::inventory::Inventory;
use serde::Serialize;

#[derive(Debug, Default, Clone, Serialize, PartialEq)]
pub struct Facts {
    pub iam: iam::IamFacts,
    pub network: network::NetworkFacts,
    pub monitoring: monitoring::MonitoringFacts,
    pub settings: Settings,
}

/// Thresholds the operator chose, for policies to read (`input.facts.settings`).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Settings {
    /// Days without use after which a role or credential counts as unused.
    pub unused_days: u32,
    /// The shortest retention a CloudWatch Logs log group may have, in days.
    pub min_log_retention_days: u32,
    /// The TCP ports security groups may open to the whole internet.
    pub authorized_public_ports: Vec<u16>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            unused_days: 90,
            min_log_retention_days: 365,
            authorized_public_ports: vec![80, 443],
        }
    }
}

/// Derives every fact the built-in policies use, with the default settings.
pub fn analyze(inventory: &Inventory) -> Facts {
    analyze_with(inventory, Settings::default(), &Config::default())
}

/// IAM and network analysis run side by side; `config` gives the network segments.
pub fn analyze_with(inventory: &Inventory, settings: Settings, config: &Config) -> Facts {
    let (iam, network) = rayon::join(
        || iam::analyze(inventory),
        || network::analyze(inventory, config),
    );
    Facts {
        iam,
        network,
        monitoring: monitoring::analyze(inventory),
        settings,
    }
}
