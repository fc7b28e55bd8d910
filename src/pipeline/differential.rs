//! Differential testing of the two policy engines. The interpreter is the reference; the
//! compiled RVM is the default. A fixed-seed generator makes varied inventories from a base
//! one (fields removed, nulled, emptied, duplicated, given hostile, huge or borrowed values),
//! and [`compare`] evaluates every policy on one inventory with both engines and reports each
//! policy whose findings differ, and each that failed to evaluate. `cargo test` runs it over
//! the built-ins; `palisade policies test --engines both` over a directory of custom policies.

use super::{prepare, ScanError};
use crate::analyze::Settings;
use crate::compliance::Catalog;
use crate::config::Config;
use crate::engine::{self, Backend, EvalOptions, Finding};
use crate::inventory::Inventory;
use serde::Serialize;
use serde_json::{json, Value as Json};
use std::collections::BTreeMap;

/// One generated inventory and the mutations that made it from the base, in order.
pub struct Generated {
    pub inventory: Inventory,
    pub mutations: Vec<String>,
}

/// A policy whose findings differ between the engines on one inventory.
#[derive(Debug, Clone, Serialize)]
pub struct Difference {
    pub policy: String,
    /// The first finding that differs, as each engine reported it (`null`: no such finding).
    pub interpreter: Json,
    pub compiled: Json,
}

/// What both engines made of one inventory.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Comparison {
    /// Policies whose findings are not byte-identical.
    pub differences: Vec<Difference>,
    /// Policies that failed to evaluate (on the interpreter), with the error: unusual data
    /// should never break a policy, which would lose its other results.
    pub errors: Vec<(String, String)>,
    /// Policies the compiled engine failed on for some chunks, with how many: the interpreter
    /// evaluated those again, so the findings agree whatever the compiled engine did there,
    /// and the comparison says nothing about those chunks.
    pub fallbacks: Vec<(String, usize)>,
    /// Policies that did not compile and ran on the interpreter both times, with the
    /// compiler's reason: not compared.
    pub not_compiled: Vec<(String, String)>,
    /// Policies whose findings change when the input has no `index` (the policy library then
    /// scans the collections instead of looking them up): `interpreter` is with the index,
    /// `compiled` without, both on the interpreter.
    pub index_differences: Vec<Difference>,
}

/// Every policy of `catalog` on `inventory`, with both engines. Custom policies are compiled
/// too, so that they can be compared.
pub fn compare(
    catalog: &Catalog,
    config: &Config,
    inventory: Inventory,
) -> Result<Comparison, ScanError> {
    let (input, header, index) = prepare(inventory, Settings::default(), config)?;
    let run = |backend, input: &regorus::Value| {
        let options = EvalOptions {
            backend,
            compile_custom: true,
            ..EvalOptions::default()
        };
        let (findings, costs) =
            engine::evaluate_timed(&catalog.policies, input, &header.gaps, &index, options);
        (by_policy(findings), costs)
    };
    let (interpreted, _) = run(Backend::Interpreter, &input);
    let (compiled, costs) = run(Backend::Compiled, &input);
    let mut unindexed = input.clone();
    if let Ok(obj) = unindexed.as_object_mut() {
        obj.remove(&regorus::Value::from("index"));
    }
    let (scanned, _) = run(Backend::Interpreter, &unindexed);
    let mut fallbacks: Vec<(String, usize)> = costs
        .iter()
        .filter(|c| c.fallbacks > 0)
        .map(|c| (c.policy.clone(), c.fallbacks))
        .collect();
    fallbacks.sort();
    // Every policy is asked to compile here (`compile_custom`): one that did not was refused.
    let mut not_compiled: Vec<(String, String)> = costs
        .iter()
        .filter_map(|c| Some((c.policy.clone(), c.not_compiled.clone()?)))
        .collect();
    not_compiled.sort();
    let errors = interpreted
        .iter()
        .flat_map(|(id, findings)| {
            findings
                .iter()
                .filter(|f| f["status"] == "error")
                .map(move |f| {
                    (
                        id.clone(),
                        f["message"].as_str().unwrap_or_default().to_string(),
                    )
                })
        })
        .collect();
    Ok(Comparison {
        differences: differ(catalog, &interpreted, &compiled),
        errors,
        fallbacks,
        not_compiled,
        index_differences: differ(catalog, &interpreted, &scanned),
    })
}

/// Each policy whose findings are not the same in `a` and `b`, with the first that differs
/// (`a`'s as `interpreter`, `b`'s as `compiled`).
fn differ(
    catalog: &Catalog,
    a: &BTreeMap<String, Vec<Json>>,
    b: &BTreeMap<String, Vec<Json>>,
) -> Vec<Difference> {
    let mut differences = Vec::new();
    for policy in &catalog.policies.policies {
        let id = &policy.meta.id;
        let none = Vec::new();
        let a = a.get(id).unwrap_or(&none);
        let b = b.get(id).unwrap_or(&none);
        if a == b {
            continue;
        }
        let at = (0..a.len().max(b.len()))
            .find(|&i| a.get(i) != b.get(i))
            .unwrap_or_default();
        differences.push(Difference {
            policy: id.clone(),
            interpreter: a.get(at).cloned().unwrap_or(Json::Null),
            compiled: b.get(at).cloned().unwrap_or(Json::Null),
        });
    }
    differences
}

/// Findings as JSON, grouped by policy id, in report order.
fn by_policy(findings: Vec<Finding>) -> BTreeMap<String, Vec<Json>> {
    let mut out: BTreeMap<String, Vec<Json>> = BTreeMap::new();
    for f in findings {
        let json = serde_json::to_value(&f).unwrap_or(Json::Null);
        out.entry(f.rule.id.clone()).or_default().push(json);
    }
    out
}

/// A small deterministic generator (xorshift64*): the same seed, the same inventories.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        // Any nonzero state works; mixing keeps nearby seeds apart.
        Rng((seed ^ 0x9E37_79B9_7F4A_7C15).max(1))
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        let n = u64::try_from(n.max(1)).unwrap_or(u64::MAX);
        usize::try_from(self.next() % n).unwrap_or_default()
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        items.get(self.below(items.len()))
    }
}

/// Strings that have broken scanners: empty, wildcards, open CIDRs, markup and format
/// directives, bidirectional overrides, a NUL.
const HOSTILE_STRINGS: &[&str] = &[
    "",
    " ",
    "*",
    "0.0.0.0/0",
    "::/0",
    "arn:aws:iam::*:root",
    "null",
    "ünïcødé 💥 \u{202e}txet\u{202c} \u{0}",
    "\"quoted\" \\back\\slash <b>markup</b>",
    "%v %s {{template}}",
];

/// Mutations per generated inventory, in the tests and in `policies test --engines both`.
pub const MUTATIONS: usize = 60;

/// `count` mutations of `base`, each kept only if the result is still a valid inventory.
pub fn generate(base: &Inventory, seed: u64, count: usize) -> Generated {
    let mut rng = Rng::new(seed);
    let mut doc = serde_json::to_value(base).unwrap_or(Json::Null);
    let mut mutations = Vec::new();
    let mut attempts = 0;
    while mutations.len() < count && attempts < count * 20 {
        attempts += 1;
        let (mut paths, mut pool) = (Vec::new(), Vec::new());
        walk(&doc, String::new(), &mut paths, &mut pool);
        // The schema version and collection time are checked on load, not read by policies.
        paths.retain(|p| !p.starts_with("/schema_version") && !p.starts_with("/collected_at"));
        let Some(path) = rng.pick(&paths).cloned() else {
            break;
        };
        let mut candidate = doc.clone();
        let Some(what) = mutate(&mut candidate, &path, &mut rng, &pool) else {
            continue;
        };
        if serde_json::from_value::<Inventory>(candidate.clone()).is_ok() {
            doc = candidate;
            mutations.push(what);
        }
    }
    let inventory = serde_json::from_value(doc).unwrap_or_else(|_| base.clone());
    Generated {
        inventory,
        mutations,
    }
}

/// Every JSON pointer below the top of `v`, and every string value in it.
fn walk(v: &Json, at: String, paths: &mut Vec<String>, strings: &mut Vec<String>) {
    match v {
        Json::Object(map) => {
            for (k, child) in map {
                let path = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
                paths.push(path.clone());
                walk(child, path, paths, strings);
            }
        }
        Json::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                let path = format!("{at}/{i}");
                paths.push(path.clone());
                walk(child, path, paths, strings);
            }
        }
        Json::String(s) => strings.push(s.clone()),
        _ => {}
    }
}

/// One change to the node at `path`, described; `None` when there is nothing to change.
fn mutate(doc: &mut Json, path: &str, rng: &mut Rng, pool: &[String]) -> Option<String> {
    if rng.below(6) == 0 {
        return remove(doc, path);
    }
    let node = doc.pointer_mut(path)?;
    if !node.is_null() && rng.below(5) == 0 {
        *node = Json::Null;
        return Some(format!("null at {path}"));
    }
    let (new, what) = match node {
        Json::Null => return None,
        Json::Bool(b) => (Json::Bool(!*b), "flip"),
        Json::Number(_) => match rng.below(6) {
            0 => (json!(0), "0"),
            1 => (json!(-1), "-1"),
            2 => (json!(9_007_199_254_740_993_u64), "2^53+1"),
            3 => (json!(u32::MAX), "u32::MAX"),
            4 => (json!(1e300), "1e300"),
            _ => (json!(0.5), "0.5"),
        },
        Json::String(_) => match rng.below(3) {
            0 => (json!(rng.pick(HOSTILE_STRINGS)?), "hostile string"),
            1 => (json!("x".repeat(5000)), "5,000-character string"),
            _ => (json!(rng.pick(pool)?), "another value of the inventory"),
        },
        Json::Array(items) => match rng.below(3) {
            0 => (json!([]), "empty"),
            1 if !items.is_empty() => {
                let mut more = items.clone();
                more.push(items[0].clone());
                (Json::Array(more), "duplicate the first element")
            }
            _ => {
                let mut reversed = items.clone();
                reversed.reverse();
                (Json::Array(reversed), "reverse")
            }
        },
        Json::Object(_) => return None,
    };
    *node = new;
    Some(format!("{what} at {path}"))
}

/// Removes an object field or an array element.
fn remove(doc: &mut Json, path: &str) -> Option<String> {
    let (parent_path, key) = path.rsplit_once('/')?;
    let key = key.replace("~1", "/").replace("~0", "~");
    match doc.pointer_mut(parent_path)? {
        Json::Object(map) => map.remove(&key).map(|_| format!("remove {path}")),
        Json::Array(items) => {
            let i: usize = key.parse().ok()?;
            (i < items.len()).then(|| {
                items.remove(i);
                format!("remove {path}")
            })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_makes_the_same_inventory_and_others_differ() {
        let base = crate::demo::inventory().unwrap();
        let a = generate(&base, 7, 30);
        let b = generate(&base, 7, 30);
        assert_eq!(a.mutations, b.mutations);
        assert_eq!(a.inventory, b.inventory);
        assert_eq!(a.mutations.len(), 30, "{:?}", a.mutations);
        assert_ne!(a.inventory, base);
        assert_ne!(generate(&base, 8, 30).mutations, a.mutations);
    }
}
