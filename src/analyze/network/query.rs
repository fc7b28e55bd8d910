//! `palisade reach`: one question answered directly, with every admitting path.

use super::endpoint::{endpoints, Endpoint};
use super::exposure::{expose, Cache};
use super::flow::{between, Stage};
use super::segments::membership;
use super::topology::Topology;
use super::undescribed::Undescribed;
use crate::config::Config;
use crate::inventory::Inventory;
use crate::util::addr::Family;
use crate::util::service::Services;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct Answer {
    pub from: String,
    pub to: String,
    pub reachable: bool,
    /// Everything admitted, over all paths.
    pub services: Services,
    pub paths: Vec<Path>,
    /// Why pairs that could have talked do not (at most 20).
    pub blocked: Vec<Block>,
}

#[derive(Debug, Serialize)]
pub struct Path {
    pub source: String,
    pub target: String,
    pub family: Family,
    pub services: Services,
    /// For the internet as source: the admitted source blocks.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    pub path: String,
}

#[derive(Debug, Serialize)]
pub struct Block {
    pub source: String,
    pub target: String,
    pub why: String,
}

/// Why a question cannot be answered: a name that selects nothing, or data that does not
/// describe a subnet on the way.
#[derive(Debug, thiserror::Error)]
pub enum ReachError {
    #[error("`{name}` is not `internet`, a segment ({segments}), a subnet with resources, or an instance, interface, database or load balancer in the data")]
    Unknown { name: String, segments: String },
    #[error("the internet is a source only: `--to` names a segment or resource")]
    InternetAsTarget,
    #[error(transparent)]
    Undescribed(#[from] Undescribed),
}

/// The endpoints a name selects: `internet` (None), a segment, a subnet id, or a resource by
/// ARN, id, name or Name tag (instance, interface, database, load balancer).
fn select<'a, 'e>(
    topo: &Topology,
    config: &Config,
    eps: &'e [Endpoint<'a>],
    name: &str,
) -> Result<Option<Vec<&'e Endpoint<'a>>>, ReachError> {
    if name == "internet" {
        return Ok(None);
    }
    if config.segments.contains_key(name) {
        let m = membership(topo, config, eps);
        return Ok(Some(m.endpoints[name].iter().map(|&i| &eps[i]).collect()));
    }
    let found: Vec<&Endpoint> = eps
        .iter()
        .filter(|e| {
            e.resource == name
                || e.name == name
                || e.interface == Some(name)
                || e.subnet == name
                || e.tags.and_then(|t| t.get("Name")).map(String::as_str) == Some(name)
        })
        .collect();
    if found.is_empty() {
        let segs: Vec<&str> = config.segments.keys().map(String::as_str).collect();
        return Err(ReachError::Unknown {
            name: name.to_string(),
            segments: if segs.is_empty() {
                "none configured".to_string()
            } else {
                segs.join(", ")
            },
        });
    }
    Ok(Some(found))
}

/// The resource and, where it has several placements, the interface or subnet of this one.
fn label(e: &Endpoint) -> String {
    match e.interface {
        Some(i) if i != e.name => format!("{} [{i}]", e.label()),
        None if e.assumed_address => format!("{} [in {}]", e.label(), e.subnet),
        _ => e.label(),
    }
}

/// Every path from `from` to `to` that some service gets through, and why pairs that could
/// have talked do not.
pub fn reach(inv: &Inventory, config: &Config, from: &str, to: &str) -> Result<Answer, ReachError> {
    let topo = Topology::build(inv);
    let eps = endpoints(&topo);
    let targets = select(&topo, config, &eps, to)?.ok_or(ReachError::InternetAsTarget)?;
    let sources = select(&topo, config, &eps, from)?;
    let mut answer = Answer {
        from: from.to_string(),
        to: to.to_string(),
        reachable: false,
        services: Services::default(),
        paths: Vec::new(),
        blocked: Vec::new(),
    };
    match sources {
        None => answer.add_internet_paths(&topo, &targets)?,
        Some(sources) => answer.add_paths_between(&topo, &sources, &targets)?,
    }
    answer.reachable = !answer.paths.is_empty();
    answer.blocked.truncate(20);
    Ok(answer)
}

impl Answer {
    /// The internet exposure of each target, as paths from the internet.
    fn add_internet_paths(
        &mut self,
        topo: &Topology,
        targets: &[&Endpoint],
    ) -> Result<(), ReachError> {
        let mut cache = Cache::default();
        for t in targets {
            let x = expose(topo, &mut cache, &[t])?;
            for r in &x.reachable {
                self.services = self.services.union(&r.services);
                self.paths.push(Path {
                    source: "internet".into(),
                    target: label(t),
                    family: r.family,
                    services: r.services.clone(),
                    sources: r.sources.clone(),
                    path: r.path.clone(),
                });
            }
            if let Some(why) = x.blocked_by {
                self.blocked.push(Block {
                    source: "internet".into(),
                    target: label(t),
                    why,
                });
            }
        }
        Ok(())
    }

    /// Every (source, target) pair of different resources, both families; a pair without
    /// addresses of a family is not a blocked path.
    fn add_paths_between(
        &mut self,
        topo: &Topology,
        sources: &[&Endpoint],
        targets: &[&Endpoint],
    ) -> Result<(), ReachError> {
        for t in targets {
            for s in sources {
                if s.resource == t.resource {
                    continue;
                }
                for family in [Family::V4, Family::V6] {
                    match between(topo, s, t, family)? {
                        Ok(a) => {
                            self.services = self.services.union(&a.services);
                            self.paths.push(Path {
                                source: label(s),
                                target: label(t),
                                family,
                                services: a.services,
                                sources: Vec::new(),
                                path: a.path.join(" → "),
                            });
                        }
                        Err(b) if b.stage != Stage::Address => self.blocked.push(Block {
                            source: label(s),
                            target: label(t),
                            why: b.why,
                        }),
                        Err(_) => {}
                    }
                }
            }
        }
        Ok(())
    }

    /// The answer as `palisade reach` prints it: what is reached on what, each path, then
    /// why the other pairs are blocked.
    pub fn render(&self) -> String {
        let mut s = String::new();
        if self.reachable {
            s.push_str(&format!(
                "{} reaches {} on {}\n",
                self.from,
                self.to,
                self.services.describe()
            ));
            for p in &self.paths {
                s.push_str(&format!(
                    "\n  {} → {} [{}]: {}\n    {}\n",
                    p.source,
                    p.target,
                    match p.family {
                        Family::V4 => "IPv4",
                        Family::V6 => "IPv6",
                    },
                    p.services.describe(),
                    p.path
                ));
                if !p.sources.is_empty() {
                    s.push_str(&format!("    from {}\n", p.sources.join(", ")));
                }
            }
        } else {
            s.push_str(&format!("{} does not reach {}\n", self.from, self.to));
        }
        if !self.blocked.is_empty() {
            s.push_str("\nblocked:\n");
            for b in &self.blocked {
                s.push_str(&format!("  {} → {}: {}\n", b.source, b.target, b.why));
            }
        }
        s
    }
}
