//! The settings `palisade.toml` holds, as the rest of Palisade sees them once loaded: segments,
//! intended flows between them, and suppressions.

use super::suppression::Suppression;
use crate::util::service::Services;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Named network segments.
    #[serde(default)]
    pub segments: BTreeMap<String, Segment>,
    /// Intended flows between segments; anything else into a CDE is a finding.
    #[serde(default)]
    pub flows: Vec<Flow>,
    /// Accepted risks: failing results reported as `suppressed`, with a justification.
    #[serde(default)]
    pub suppressions: Vec<Suppression>,
}

#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum SegmentKind {
    /// PCI DSS cardholder data environment.
    Cde,
    /// Systems holding protected health information (HIPAA).
    Phi,
    /// Internet-facing tier.
    Public,
    #[default]
    Internal,
}

/// A segment selects subnets and resources: by tags (all must match, on the resource, its
/// subnet or its VPC), by subnet id, or by CIDR (subnets inside it, addresses inside it).
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Segment {
    #[serde(default)]
    pub kind: SegmentKind,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub tags: BTreeMap<String, String>,
    #[serde(default)]
    pub subnets: Vec<String>,
    #[serde(default)]
    pub cidrs: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Flow {
    pub from: String,
    pub to: String,
    /// `tcp/443`, `tcp/8000-8080`, `udp/53`, `icmp`, `all`.
    pub services: Vec<String>,
    #[serde(default)]
    pub justification: Option<String>,
}

impl Config {
    /// The services intended from segment `from` to segment `to`.
    pub fn allowed(&self, from: &str, to: &str) -> Services {
        self.flows
            .iter()
            .filter(|f| f.from == from && f.to == to)
            .flat_map(|f| f.services.iter())
            .filter_map(|s| Services::parse(s).ok())
            .fold(Services::default(), |acc, s| acc.union(&s))
    }
}
