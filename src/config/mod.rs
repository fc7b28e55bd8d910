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

mod check;
mod load;
mod model;
mod problem;
mod suppression;

pub use load::ConfigError;
pub use model::{Config, Flow, Segment, SegmentKind};
pub use suppression::Suppression;

/// The config the demo scan uses: CDE, PHI, public and corporate segments over the demo estate.
pub const DEMO: &str = include_str!("../demo/palisade.toml");

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
        let bad = |t: &str| Config::parse(t).unwrap_err().to_string();
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
