//! Sets of services: TCP and UDP port sets, ICMP, ICMPv6, and every other IP protocol as one.

use super::interval::IntervalSet;
use serde::{Serialize, Serializer};

pub type Ports = IntervalSet<u16>;

/// Ephemeral ports clients take for their end of a connection: Linux's default range, and
/// the IANA range that Windows and most others use. A reply gets back to a client when the NACL
/// allows one of them entirely; one fixed port in 1024-65535 is not enough.
pub const CLIENT_PORTS: [(u16, u16); 2] = [(32768, 60999), (49152, 65535)];

#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Services {
    pub tcp: Ports,
    pub udp: Ports,
    pub icmp: bool,
    pub icmpv6: bool,
    /// Any IP protocol other than TCP, UDP, ICMP and ICMPv6 (ESP, GRE, ...), taken together.
    pub other: bool,
}

/// The protocols a rule can name, as the model groups them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Proto {
    All,
    Tcp,
    Udp,
    Icmp,
    Icmpv6,
    /// One other protocol number.
    Other,
}

impl Proto {
    /// `-1`/`all`, names and IANA numbers as SGs and NACLs write them.
    pub fn parse(s: &str) -> Proto {
        match s.trim().to_ascii_lowercase().as_str() {
            "-1" | "all" => Proto::All,
            "tcp" | "6" => Proto::Tcp,
            "udp" | "17" => Proto::Udp,
            "icmp" | "1" => Proto::Icmp,
            "icmpv6" | "58" => Proto::Icmpv6,
            _ => Proto::Other,
        }
    }
}

impl Services {
    pub fn all() -> Self {
        Services {
            tcp: Ports::full(),
            udp: Ports::full(),
            icmp: true,
            icmpv6: true,
            other: true,
        }
    }

    pub fn tcp(lo: u16, hi: u16) -> Self {
        Services {
            tcp: Ports::range(lo, hi),
            ..Default::default()
        }
    }

    /// What a rule with this protocol and inclusive port range matches. Ports outside 0-65535
    /// or missing mean every port (AWS writes -1 or nothing for "all").
    ///
    /// A rule for one "other" protocol number matches that protocol only, which the model
    /// cannot tell apart from the rest: as an allow it counts as admitting `other`, as a deny it
    /// removes nothing, so the model can over-report but never hide traffic.
    pub fn of_rule(protocol: &str, from: Option<i64>, to: Option<i64>, deny: bool) -> Self {
        let ports = || match (from, to) {
            (Some(f), Some(t)) if (0..=65535).contains(&f) && (0..=65535).contains(&t) => {
                Ports::range(f as u16, t as u16)
            }
            _ => Ports::full(),
        };
        match Proto::parse(protocol) {
            Proto::All => Services::all(),
            Proto::Tcp => Services {
                tcp: ports(),
                ..Default::default()
            },
            Proto::Udp => Services {
                udp: ports(),
                ..Default::default()
            },
            Proto::Icmp => Services {
                icmp: true,
                ..Default::default()
            },
            Proto::Icmpv6 => Services {
                icmpv6: true,
                ..Default::default()
            },
            Proto::Other => Services {
                other: !deny,
                ..Default::default()
            },
        }
    }

    pub fn is_empty(&self) -> bool {
        self.tcp.is_empty() && self.udp.is_empty() && !self.icmp && !self.icmpv6 && !self.other
    }

    pub fn union(&self, o: &Self) -> Self {
        Services {
            tcp: self.tcp.union(&o.tcp),
            udp: self.udp.union(&o.udp),
            icmp: self.icmp || o.icmp,
            icmpv6: self.icmpv6 || o.icmpv6,
            other: self.other || o.other,
        }
    }

    pub fn intersect(&self, o: &Self) -> Self {
        Services {
            tcp: self.tcp.intersect(&o.tcp),
            udp: self.udp.intersect(&o.udp),
            icmp: self.icmp && o.icmp,
            icmpv6: self.icmpv6 && o.icmpv6,
            other: self.other && o.other,
        }
    }

    pub fn subtract(&self, o: &Self) -> Self {
        Services {
            tcp: self.tcp.subtract(&o.tcp),
            udp: self.udp.subtract(&o.udp),
            icmp: self.icmp && !o.icmp,
            icmpv6: self.icmpv6 && !o.icmpv6,
            other: self.other && !o.other,
        }
    }

    /// The services whose replies a NACL passes: TCP or UDP when `replies` admits all of a
    /// client ephemeral range ([`CLIENT_PORTS`]) for that protocol, the portless protocols when
    /// `replies` has them.
    pub fn with_replies(&self, replies: &Services) -> Self {
        let back = |allowed: &Ports| {
            CLIENT_PORTS
                .iter()
                .any(|&(lo, hi)| Ports::range(lo, hi).is_subset(allowed))
        };
        Services {
            tcp: if back(&replies.tcp) {
                self.tcp.clone()
            } else {
                Ports::empty()
            },
            udp: if back(&replies.udp) {
                self.udp.clone()
            } else {
                Ports::empty()
            },
            icmp: self.icmp && replies.icmp,
            icmpv6: self.icmpv6 && replies.icmpv6,
            other: self.other && replies.other,
        }
    }

    /// `tcp/22, tcp/8000-8080, udp/53, icmp`; `all traffic` when everything.
    pub fn describe(&self) -> String {
        if *self == Services::all() {
            return "all traffic".into();
        }
        let mut parts = Vec::new();
        for (name, ports) in [("tcp", &self.tcp), ("udp", &self.udp)] {
            if ports.is_full() {
                parts.push(format!("{name}/all ports"));
            } else {
                parts.extend(ports.ranges().iter().map(|&(a, b)| {
                    if a == b {
                        format!("{name}/{a}")
                    } else {
                        format!("{name}/{a}-{b}")
                    }
                }));
            }
        }
        for (name, on) in [
            ("icmp", self.icmp),
            ("icmpv6", self.icmpv6),
            ("other protocols", self.other),
        ] {
            if on {
                parts.push(name.to_string());
            }
        }
        if parts.is_empty() {
            "nothing".into()
        } else {
            parts.join(", ")
        }
    }

    /// Parses `tcp/443`, `tcp/1024-65535`, `udp/53`, `tcp` (every port), `icmp`, `all`.
    pub fn parse(spec: &str) -> Result<Self, String> {
        let spec = spec.trim().to_ascii_lowercase();
        let (proto, ports) = match spec.split_once('/') {
            Some((p, r)) => (p.to_string(), Some(r.to_string())),
            None => (spec.clone(), None),
        };
        let range = match &ports {
            None => None,
            Some(r) => {
                let (a, b) = r.split_once('-').unwrap_or((r, r));
                let p = |x: &str| {
                    x.trim()
                        .parse::<u16>()
                        .map_err(|_| format!("`{spec}`: `{x}` is not a port (0-65535)"))
                };
                let (a, b) = (p(a)?, p(b)?);
                if a > b {
                    return Err(format!("`{spec}`: the range runs backwards"));
                }
                Some((a as i64, b as i64))
            }
        };
        let known = ["all", "-1", "tcp", "udp", "icmp", "icmpv6"];
        if !known.contains(&proto.as_str()) {
            return Err(format!(
                "`{spec}`: the protocol must be tcp, udp, icmp, icmpv6 or all"
            ));
        }
        if range.is_some() && !matches!(proto.as_str(), "tcp" | "udp") {
            return Err(format!("`{spec}`: only tcp and udp have ports"));
        }
        Ok(Services::of_rule(
            &proto,
            range.map(|r| r.0),
            range.map(|r| r.1),
            false,
        ))
    }

    /// The TCP and UDP ports, then the portless protocols, as policies read them.
    pub fn entries(&self) -> Vec<Entry> {
        let mut out = Vec::new();
        for (p, ports) in [("tcp", &self.tcp), ("udp", &self.udp)] {
            if !ports.is_empty() {
                out.push(Entry {
                    protocol: p,
                    ports: Some(ports.clone()),
                });
            }
        }
        for (p, on) in [
            ("icmp", self.icmp),
            ("icmpv6", self.icmpv6),
            ("other", self.other),
        ] {
            if on {
                out.push(Entry {
                    protocol: p,
                    ports: None,
                });
            }
        }
        out
    }
}

#[derive(Debug, Serialize)]
pub struct Entry {
    pub protocol: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ports: Option<Ports>,
}

impl Serialize for Services {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.entries().serialize(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_match_what_aws_means() {
        assert_eq!(Services::of_rule("-1", None, None, false), Services::all());
        assert_eq!(
            Services::of_rule("6", Some(22), Some(22), false),
            Services::tcp(22, 22)
        );
        assert_eq!(
            Services::of_rule("tcp", Some(-1), Some(-1), false).tcp,
            Ports::full()
        );
        assert!(Services::of_rule("50", None, None, true).is_empty());
        assert!(Services::of_rule("50", None, None, false).other);
    }

    #[test]
    fn replies_need_an_ephemeral_port() {
        let ssh = Services::tcp(22, 22);
        assert!(ssh.with_replies(&Services::tcp(443, 443)).is_empty());
        // One port inside the ephemeral range is not a client's range.
        assert!(ssh.with_replies(&Services::tcp(6514, 6514)).is_empty());
        assert_eq!(ssh.with_replies(&Services::tcp(32768, 60999)), ssh);
        assert_eq!(ssh.with_replies(&Services::tcp(49152, 65535)), ssh);
        assert_eq!(ssh.with_replies(&Services::tcp(1024, 65535)), ssh);
    }

    #[test]
    fn specs_parse_and_describe() {
        let s = Services::parse("tcp/8000-8080").unwrap();
        assert_eq!(s.describe(), "tcp/8000-8080");
        assert_eq!(Services::parse("all").unwrap().describe(), "all traffic");
        assert!(Services::parse("tcp/80-22").is_err());
        assert!(Services::parse("icmp/8").is_err());
        assert!(Services::parse("sctp/1").is_err());
        assert_eq!(Services::parse("tcp").unwrap().describe(), "tcp/all ports");
    }
}
