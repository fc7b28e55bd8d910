//! `palisade.toml`: what the operator tells Palisade about their estate that AWS cannot, such as
//! which subnets hold cardholder data and which flows between segments are intended.
//!
//! ```toml
//! [segments.cde]
//! kind = "cde"                       # cde, phi, public or internal (the default)
//! tags = { "palisade:segment" = "cde" }
//! subnets = ["subnet-0abc"]
//! cidrs = ["10.20.0.0/16"]
//!
//! [[flows]]
//! from = "corporate"
//! to = "cde"
//! services = ["tcp/443"]
//! justification = "payment API behind the corporate proxy"
//!
//! [[suppressions]]
//! policy = "s3-bucket-public-read"          # a policy id, or a glob of ids
//! resources = ["arn:aws:s3:::public-site-*"] # ARN globs, and/or:
//! tags = { "palisade:accepted" = "yes" }     # tags the resource must carry
//! justification = "static website bucket, reviewed by security (JIRA SEC-12)"
//! expires = 2027-06-30                       # the last day it applies
//! ```

use crate::util::service::Services;
mod suppression;

pub use suppression::Suppression;

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read the config file {path}: {error}")]
    Read {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error("config file {path} is not valid: {message}")]
    Invalid { path: PathBuf, message: String },
}

/// The config the demo scan uses: CDE, PHI, public and corporate segments over the demo estate.
pub const DEMO: &str = include_str!("../demo/palisade.toml");

impl Config {
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|error| ConfigError::Read {
            path: path.to_path_buf(),
            error,
        })?;
        Config::parse(&text).map_err(|message| ConfigError::Invalid {
            path: path.to_path_buf(),
            message,
        })
    }

    /// Parses and checks: every flow names known segments and valid services, every CIDR parses,
    /// every segment selects something.
    pub fn parse(text: &str) -> Result<Config, String> {
        let mut config: Config = toml::from_str(text).map_err(|e| e.to_string())?;
        for (i, s) in config.suppressions.iter_mut().enumerate() {
            s.index = i + 1;
            s.validate()?;
        }
        for (name, seg) in &config.segments {
            if seg.tags.is_empty() && seg.subnets.is_empty() && seg.cidrs.is_empty() {
                return Err(format!(
                    "segment `{name}` selects nothing: give it `tags`, `subnets` or `cidrs`"
                ));
            }
            for c in &seg.cidrs {
                if crate::util::addr::cidr(c).is_none() || !c.contains('/') {
                    return Err(format!(
                        "segment `{name}`: `{c}` is not a CIDR block (e.g. 10.0.0.0/16)"
                    ));
                }
            }
        }
        for (i, flow) in config.flows.iter().enumerate() {
            for end in [&flow.from, &flow.to] {
                if !config.segments.contains_key(end) {
                    return Err(format!(
                        "flow {} ({} -> {}): there is no segment `{end}`; segments are: {}",
                        i + 1,
                        flow.from,
                        flow.to,
                        config
                            .segments
                            .keys()
                            .cloned()
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                }
            }
            if flow.services.is_empty() {
                return Err(format!(
                    "flow {} ({} -> {}) allows no services",
                    i + 1,
                    flow.from,
                    flow.to
                ));
            }
            for s in &flow.services {
                Services::parse(s)
                    .map_err(|e| format!("flow {} ({} -> {}): {e}", i + 1, flow.from, flow.to))?;
            }
        }
        Ok(config)
    }

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_config_parses() {
        let c = Config::parse(DEMO).unwrap();
        assert!(c.segments.values().any(|s| s.kind == SegmentKind::Cde));
    }

    #[test]
    fn mistakes_are_named() {
        let bad = |t: &str| Config::parse(t).unwrap_err();
        assert!(bad("[segments.a]\nkind = \"cde\"\n").contains("selects nothing"));
        assert!(bad("[segments.a]\ncidrs = [\"10.0.0.0/33\"]\n").contains("not a CIDR"));
        assert!(bad("[segments.a]\ncidrs = [\"10.0.0.0/8\"]\n[[flows]]\nfrom = \"a\"\nto = \"b\"\nservices = [\"tcp/1\"]\n").contains("no segment `b`"));
        assert!(bad("[segments.a]\ncidrs = [\"10.0.0.0/8\"]\n[[flows]]\nfrom = \"a\"\nto = \"a\"\nservices = [\"tcp/99999\"]\n").contains("not a port"));
        assert!(
            bad("[segments.a]\nkind = \"secret\"\ncidrs = [\"10.0.0.0/8\"]\n")
                .contains("unknown variant")
        );
        assert!(bad("[segment.a]\n").contains("unknown field"));
    }

    #[test]
    fn allowed_flows_union() {
        let c = Config::parse("[segments.a]\ncidrs = [\"10.0.0.0/8\"]\n[segments.b]\ncidrs = [\"10.1.0.0/16\"]\n[[flows]]\nfrom = \"a\"\nto = \"b\"\nservices = [\"tcp/443\", \"tcp/8443\"]\n").unwrap();
        assert_eq!(c.allowed("a", "b").describe(), "tcp/443, tcp/8443");
        assert!(c.allowed("b", "a").is_empty());
    }
}
