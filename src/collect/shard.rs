//! Which accounts of an organization one run collects: a shard `K/N` (a hash of the account
//! id, so an account stays in its shard when others join or leave), or a list of accounts.

use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
use std::fmt;

/// At most this many shards (a Kubernetes Indexed Job allows 100,000 completions; more shards
/// than that is a typo).
pub const MAX_SHARDS: u32 = 10_000;

/// One slice of the organization's accounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u32,
    pub count: u32,
}

/// The environment variables `--shard auto/N` reads its index from, in order: a Kubernetes
/// Indexed Job's, then an AWS Batch array job's.
pub const INDEX_VARIABLES: [&str; 2] = ["JOB_COMPLETION_INDEX", "AWS_BATCH_JOB_ARRAY_INDEX"];

impl Shard {
    /// Parses `K/N`, or `auto/N` with K from [`INDEX_VARIABLES`] (read through `env`).
    pub fn parse(text: &str, env: impl Fn(&str) -> Option<String>) -> Result<Shard, String> {
        let (k, n) = text
            .split_once('/')
            .ok_or_else(|| format!("`{text}` is not K/N (for example 0/4, or auto/4)"))?;
        let count: u32 = n
            .trim()
            .parse()
            .map_err(|_| format!("`{n}` in `{text}` is not a number of shards"))?;
        if count == 0 || count > MAX_SHARDS {
            return Err(format!(
                "the number of shards must be 1 to {MAX_SHARDS}, not {count}"
            ));
        }
        let index_text = if k.trim() == "auto" {
            INDEX_VARIABLES
                .iter()
                .find_map(|name| env(name).map(|v| (name, v)))
                .map(|(name, value)| {
                    tracing::info!(variable = name, %value, "shard index from the environment");
                    value
                })
                .ok_or_else(|| {
                    format!(
                        "--shard auto/{count}: neither {} is set (run in a Kubernetes Indexed Job or an AWS Batch array job, or give the index: --shard K/{count})",
                        INDEX_VARIABLES.join(" nor ")
                    )
                })?
        } else {
            k.to_string()
        };
        let index: u32 = index_text
            .trim()
            .parse()
            .map_err(|_| format!("shard index `{index_text}` is not a number"))?;
        if index >= count {
            return Err(format!(
                "shard index {index} is out of range for {count} shards (0 to {})",
                count - 1
            ));
        }
        Ok(Shard { index, count })
    }

    /// The shard an account belongs to among `count`: the first 8 bytes of the SHA-256 of
    /// its id, modulo `count`. Fixed forever: changing it would move accounts between shards
    /// of runs that are merged together.
    pub fn of(account_id: &str, count: u32) -> u32 {
        let digest = Sha256::digest(account_id.as_bytes());
        let mut first = [0u8; 8];
        first.copy_from_slice(&digest[..8]);
        (u64::from_be_bytes(first) % u64::from(count.max(1))) as u32
    }

    pub fn contains(&self, account_id: &str) -> bool {
        Shard::of(account_id, self.count) == self.index
    }

    /// Shard 0 also reads what belongs to the whole organization (its units and SCPs).
    pub fn reads_organization(&self) -> bool {
        self.index == 0
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

/// Which of the organization's accounts a run collects.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    pub shard: Option<Shard>,
    /// Only these accounts (`--accounts`).
    pub accounts: Option<BTreeSet<String>>,
    /// No account at all: only the organization's structure (`--org-only`).
    pub organization_only: bool,
}

impl Selection {
    pub fn is_everything(&self) -> bool {
        self.shard.is_none() && self.accounts.is_none() && !self.organization_only
    }

    pub fn contains(&self, account_id: &str) -> bool {
        !self.organization_only
            && self.shard.is_none_or(|s| s.contains(account_id))
            && self
                .accounts
                .as_ref()
                .is_none_or(|only| only.contains(account_id))
    }

    /// Whether this run reads the organization's structure: every run but shards other
    /// than 0 (a list of accounts reads it too: it is cheap, and the list's SCPs need it).
    pub fn reads_organization(&self) -> bool {
        self.organization_only || self.shard.is_none_or(|s| s.reads_organization())
    }
}

/// Parses `--accounts`: a comma-separated list of 12-digit ids, or a file of them (one per
/// line or comma-separated; `#` starts a comment).
pub fn parse_accounts(value: &str) -> Result<BTreeSet<String>, String> {
    let looks_like_ids = value
        .chars()
        .all(|c| c.is_ascii_digit() || c == ',' || c.is_whitespace());
    let text = if looks_like_ids {
        value.to_string()
    } else {
        std::fs::read_to_string(value)
            .map_err(|e| format!("cannot read the account list {value}: {e}"))?
    };
    let mut ids = BTreeSet::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or_default();
        for id in line.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            if id.len() != 12 || !id.chars().all(|c| c.is_ascii_digit()) {
                let place = if looks_like_ids {
                    String::new()
                } else {
                    format!("{value}:{}: ", n + 1)
                };
                return Err(format!("{place}`{id}` is not a 12-digit AWS account id"));
            }
            ids.insert(id.to_string());
        }
    }
    if ids.is_empty() {
        return Err(format!("no account ids in `{value}`"));
    }
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_env(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn parses_explicit_and_auto_indexes() {
        assert_eq!(
            Shard::parse("2/4", no_env).unwrap(),
            Shard { index: 2, count: 4 }
        );
        let k8s = |name: &str| (name == "JOB_COMPLETION_INDEX").then(|| "3".to_string());
        assert_eq!(
            Shard::parse("auto/4", k8s).unwrap(),
            Shard { index: 3, count: 4 }
        );
        let batch = |name: &str| (name == "AWS_BATCH_JOB_ARRAY_INDEX").then(|| "1".to_string());
        assert_eq!(Shard::parse("auto/2", batch).unwrap().index, 1);
        for bad in ["4/4", "1", "a/4", "0/0", "0/x", "-1/4", "auto/4", "0/10001"] {
            assert!(Shard::parse(bad, no_env).is_err(), "{bad}");
        }
        let err = Shard::parse("auto/4", no_env).unwrap_err();
        assert!(err.contains("JOB_COMPLETION_INDEX"), "{err}");
    }

    #[test]
    fn every_account_is_in_exactly_one_shard_and_shards_are_balanced() {
        let ids: Vec<String> = (0..2000u64)
            .map(|i| format!("{:012}", 100_000_000_000 + i * 7919))
            .collect();
        let mut sizes = [0usize; 8];
        for id in &ids {
            let holders: Vec<u32> = (0..8)
                .filter(|k| {
                    Shard {
                        index: *k,
                        count: 8,
                    }
                    .contains(id)
                })
                .collect();
            assert_eq!(holders.len(), 1, "{id}");
            sizes[holders[0] as usize] += 1;
        }
        // 250 each on average; a hash this size stays well within ±20 %.
        assert!(sizes.iter().all(|n| (200..=300).contains(n)), "{sizes:?}");
    }

    #[test]
    fn an_account_keeps_its_shard_whatever_else_is_in_the_organization() {
        // A fixed value: the function may never change (merged runs of two versions).
        assert_eq!(Shard::of("123456789012", 4), Shard::of("123456789012", 4));
        assert_eq!(Shard::of("123456789012", 1), 0);
        let expected: Vec<u32> = ["111111111111", "222222222222", "333333333333"]
            .iter()
            .map(|id| Shard::of(id, 16))
            .collect();
        assert_eq!(expected, FROZEN_16, "the shard function changed");
    }

    /// `Shard::of` for the ids above at 16 shards, computed independently (Python hashlib) when it was written.
    const FROZEN_16: [u32; 3] = [2, 7, 12];

    #[test]
    fn account_lists_parse_from_the_command_line_or_a_file() {
        let ids = parse_accounts("111122223333, 444455556666").unwrap();
        assert_eq!(ids.len(), 2);
        assert!(parse_accounts("1234").is_err());
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("accounts.txt");
        std::fs::write(&file, "# prod\n111122223333\n444455556666,777788889999\n").unwrap();
        assert_eq!(parse_accounts(file.to_str().unwrap()).unwrap().len(), 3);
        std::fs::write(&file, "111122223333\nnot-an-id\n").unwrap();
        let err = parse_accounts(file.to_str().unwrap()).unwrap_err();
        assert!(err.contains(":2:"), "{err}");
    }

    #[test]
    fn who_reads_the_organization() {
        let shard = |index| Selection {
            shard: Some(Shard { index, count: 4 }),
            ..Default::default()
        };
        assert!(Selection::default().reads_organization());
        assert!(shard(0).reads_organization());
        assert!(!shard(1).reads_organization());
        let only = Selection {
            organization_only: true,
            ..Default::default()
        };
        assert!(only.reads_organization() && !only.contains("123456789012"));
    }
}
