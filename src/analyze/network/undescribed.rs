//! What the data leaves out of a subnet, so that traffic through it cannot be judged: the
//! reason for a gap, never a pass or a fail.

use super::endpoint::Endpoint;
use crate::inventory::Gap;
use std::fmt;

/// The part of a subnet's description the analysis needs and the data does not have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Layer {
    /// The subnet itself.
    Subnet,
    /// Its route table (neither associated nor its VPC's main table).
    RouteTable,
    /// Its network ACL.
    NetworkAcl,
}

impl Layer {
    /// The EC2 API operation whose answer describes this layer: the one the gap blames.
    pub fn operation(self) -> &'static str {
        match self {
            Layer::Subnet => "DescribeSubnets",
            Layer::RouteTable => "DescribeRouteTables",
            Layer::NetworkAcl => "DescribeNetworkAcls",
        }
    }
}

/// A subnet the data does not describe well enough to judge traffic through it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Undescribed {
    pub subnet: String,
    pub layer: Layer,
}

impl fmt::Display for Undescribed {
    /// Names the subnet and the missing part, in the words the gap messages have always used.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let subnet = &self.subnet;
        match self.layer {
            Layer::Subnet => write!(f, "subnet {subnet} is not in the data"),
            Layer::RouteTable => write!(
                f,
                "subnet {subnet} has no route table in the data (and its VPC no main table)"
            ),
            Layer::NetworkAcl => write!(f, "subnet {subnet} has no network ACL in the data"),
        }
    }
}

impl std::error::Error for Undescribed {}

impl Undescribed {
    /// The missing `layer` of `subnet`.
    pub fn new(subnet: &str, layer: Layer) -> Self {
        Undescribed {
            subnet: subnet.to_string(),
            layer,
        }
    }

    /// The gap that makes `at`'s results `not-evaluated`: in its account and region, blaming
    /// the operation that would have described the missing layer.
    pub fn gap(&self, at: &Endpoint, message: String) -> Gap {
        Gap {
            service: "ec2".into(),
            region: at.region.to_string(),
            operation: self.layer.operation().into(),
            error: "NotInInput".into(),
            account_id: Some(at.account_id.to_string()),
            resource: Some(at.resource.to_string()),
            message: Some(message),
        }
    }
}
