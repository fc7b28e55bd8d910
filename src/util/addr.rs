//! Addresses and CIDR blocks as integer ranges, one address family at a time.

use super::interval::IntervalSet;
use ipnet::IpNet;
use serde::Serialize;
use std::net::IpAddr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    V4,
    V6,
}

/// One address: IPv4 in the low 32 bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Addr {
    pub family: Family,
    pub value: u128,
}

/// A set of addresses of one family.
pub type AddrSet = IntervalSet<u128>;

impl Family {
    pub fn max(self) -> u128 {
        match self {
            Family::V4 => u32::MAX as u128,
            Family::V6 => u128::MAX,
        }
    }

    /// Every address of the family.
    pub fn all(self) -> AddrSet {
        AddrSet::range(0, self.max())
    }

    /// The world as a security group or NACL writes it.
    pub fn world(self) -> &'static str {
        match self {
            Family::V4 => "0.0.0.0/0",
            Family::V6 => "::/0",
        }
    }

    /// Addresses a host on the internet can have: IPv4 without the private, shared, loopback,
    /// link-local, multicast and reserved blocks; IPv6 global unicast (2000::/3).
    pub fn internet(self) -> AddrSet {
        match self {
            Family::V4 => {
                let private = [
                    "0.0.0.0/8",
                    "10.0.0.0/8",
                    "100.64.0.0/10",
                    "127.0.0.0/8",
                    "169.254.0.0/16",
                    "172.16.0.0/12",
                    "192.168.0.0/16",
                    "224.0.0.0/3",
                ];
                let private =
                    AddrSet::from_ranges(private.iter().filter_map(|c| cidr(c)).map(|(_, r)| r));
                Family::V4.all().subtract(&private)
            }
            Family::V6 => AddrSet::from_ranges(cidr("2000::/3").map(|(_, r)| r)),
        }
    }
}

/// A CIDR block (or a bare address, as a /32 or /128) as its family and inclusive range.
/// Host bits are ignored, as AWS does for `10.0.0.5/8`.
pub fn cidr(s: &str) -> Option<(Family, (u128, u128))> {
    let s = s.trim();
    let net: IpNet = match s.parse() {
        Ok(n) => n,
        Err(_) => IpNet::from(s.parse::<IpAddr>().ok()?),
    };
    let net = net.trunc();
    Some(match net {
        IpNet::V4(n) => (
            Family::V4,
            (
                u32::from(n.network()) as u128,
                u32::from(n.broadcast()) as u128,
            ),
        ),
        IpNet::V6(n) => (
            Family::V6,
            (u128::from(n.network()), u128::from(n.broadcast())),
        ),
    })
}

pub fn addr(s: &str) -> Option<Addr> {
    Some(match s.trim().parse::<IpAddr>().ok()? {
        IpAddr::V4(a) => Addr {
            family: Family::V4,
            value: u32::from(a) as u128,
        },
        IpAddr::V6(a) => Addr {
            family: Family::V6,
            value: u128::from(a),
        },
    })
}

impl Addr {
    pub fn show(&self) -> String {
        match self.family {
            Family::V4 => std::net::Ipv4Addr::from(self.value as u32).to_string(),
            Family::V6 => std::net::Ipv6Addr::from(self.value).to_string(),
        }
    }
}

/// The fewest CIDR blocks covering exactly `lo..=hi`.
pub fn to_cidrs(family: Family, set: &AddrSet) -> Vec<String> {
    let bits: u32 = match family {
        Family::V4 => 32,
        Family::V6 => 128,
    };
    let mut out = Vec::new();
    for &(lo, hi) in set.ranges() {
        let mut start = lo;
        loop {
            // Largest block aligned at `start` that stays within `hi`.
            let mut size_bits = if start == 0 {
                bits
            } else {
                start.trailing_zeros().min(bits)
            };
            while size_bits > 0 {
                let span = if size_bits >= 128 {
                    u128::MAX
                } else {
                    (1u128 << size_bits) - 1
                };
                if start.checked_add(span).is_some_and(|end| end <= hi) {
                    break;
                }
                size_bits -= 1;
            }
            let base = Addr {
                family,
                value: start,
            };
            out.push(format!("{}/{}", base.show(), bits - size_bits));
            let span = if size_bits >= 128 {
                u128::MAX
            } else {
                (1u128 << size_bits) - 1
            };
            match start.checked_add(span).and_then(|e| e.checked_add(1)) {
                Some(next) if next <= hi => start = next,
                _ => break,
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_blocks_and_bare_addresses() {
        assert_eq!(
            cidr("10.0.0.0/8"),
            Some((Family::V4, (0x0a00_0000, 0x0aff_ffff)))
        );
        assert_eq!(
            cidr("10.1.2.3"),
            Some((Family::V4, (0x0a01_0203, 0x0a01_0203)))
        );
        assert_eq!(cidr("0.0.0.0/0"), Some((Family::V4, (0, u32::MAX as u128))));
        assert_eq!(cidr("::/0"), Some((Family::V6, (0, u128::MAX))));
        assert_eq!(cidr("10.0.0.5/8").unwrap().1 .0, 0x0a00_0000);
        assert_eq!(cidr("not-a-cidr"), None);
        assert_eq!(cidr("10.0.0.0/33"), None);
    }

    #[test]
    fn ranges_print_as_the_fewest_blocks() {
        let world = Family::V4.all();
        assert_eq!(to_cidrs(Family::V4, &world), ["0.0.0.0/0"]);
        assert_eq!(to_cidrs(Family::V6, &Family::V6.all()), ["::/0"]);
        let (_, r) = cidr("10.0.0.0/24").unwrap();
        let set = AddrSet::from_ranges([r]).subtract(&AddrSet::range(0x0a00_0000, 0x0a00_0000));
        assert_eq!(
            to_cidrs(Family::V4, &set),
            [
                "10.0.0.1/32",
                "10.0.0.2/31",
                "10.0.0.4/30",
                "10.0.0.8/29",
                "10.0.0.16/28",
                "10.0.0.32/27",
                "10.0.0.64/26",
                "10.0.0.128/25"
            ]
        );
        assert!(Family::V4
            .internet()
            .contains(cidr("8.8.8.8").unwrap().1 .0));
        assert!(!Family::V4
            .internet()
            .contains(cidr("10.1.1.1").unwrap().1 .0));
    }
}
