//! Parallel evaluation: every (policy, chunk of a collection it judges) pair is one rayon task;
//! results are merged per policy, gaps applied, and the list sorted for byte-identical output.

use super::collection;
use super::finding::{self, Finding, Status};
use super::set::{Policy, PolicySet};
use super::severity::Severity;
use crate::inventory::{Gap, ResourceIndex, ResourceRef};
use rayon::prelude::*;
use regorus::languages::rego::compiler::Compiler;
use regorus::rvm::program::Program;
use regorus::rvm::RegoVM;
use regorus::Value;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy)]
pub struct EvalOptions {
    /// Scope collections longer than this are split into chunks evaluated in parallel.
    pub chunk_size: usize,
    pub backend: Backend,
    /// Compile custom (`--policies`) policies too. Off in scans: the engines are compared on
    /// the built-ins only, so custom policies run on the reference interpreter unless their
    /// author asks for the comparison (`palisade policies test --engines both`).
    pub compile_custom: bool,
}

/// How policies run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Backend {
    /// The regorus interpreter: the reference semantics (`--engine interpreter`).
    Interpreter,
    /// regorus's compiled RVM bytecode, the default: faster, and held to the interpreter's
    /// results on every built-in policy by the differential tests (`tests/cli/engines.rs`).
    /// regorus 0.14.1's RVM lost results of comprehensions inside loops; the patch we carry
    /// (`vendor/regorus`, `docs/regorus-rvm-comprehensions.md`) fixes that. Custom policies
    /// (unless `compile_custom`), and any the compiler does not support, run on the
    /// interpreter.
    #[default]
    Compiled,
}

impl Default for EvalOptions {
    fn default() -> Self {
        EvalOptions {
            chunk_size: 4096,
            backend: Backend::default(),
            compile_custom: false,
        }
    }
}

/// A per-thread evaluator for one policy.
enum Worker {
    Vm(Box<RegoVM>),
    Interpreter(Box<regorus::Engine>),
}

/// How many policies share one RVM program. Compiling analyses every module the engine holds,
/// and the shared libraries are about twenty times the text of a policy, so a program per
/// policy analysed the libraries once per policy (most of the compile time). A program per
/// group analyses them once per group; groups still compile in parallel, and stay well inside
/// the RVM's limits on instructions, rules and entry points (a group that does not compile is
/// split until each part does, or until one policy is left with its own error). A policy that
/// read another policy's package (`data.palisade.<other>`) would find its rules in a shared
/// program and nothing on the interpreter, where each policy has only the libraries; no
/// built-in does, and the differential tests compare every built-in with the interpreter.
const POLICIES_PER_PROGRAM: usize = 24;

/// Where a compiled policy's rules are: its unit and the indices of its `deny` and `checked`
/// entry points there.
#[derive(Debug, Clone, Copy)]
struct Slot {
    unit: usize,
    deny: usize,
    checked: usize,
}

/// The indices of a policy's `deny` and `checked` entry points in its group's program.
type EntryPoints = (usize, usize);

/// Compiles the `deny` and `checked` rules of `policies` to one RVM program, returning the
/// program and each policy's entry points in it.
fn compile_group(
    set: &PolicySet,
    policies: &[&Policy],
) -> Result<(Arc<Program>, Vec<EntryPoints>), String> {
    // Packages are unique (the loader refuses duplicates), so entry points cannot collide.
    let names: Vec<(String, String)> = policies
        .iter()
        .map(|p| {
            (
                format!("data.{}.deny", p.file.package),
                format!("data.{}.checked", p.file.package),
            )
        })
        .collect();
    let (first, _) = names.first().ok_or("no policy to compile")?;
    let mut engine = set
        .engine_with(policies.iter().map(|p| &p.file))
        .map_err(|e| e.to_string())?;
    let compiled = engine
        .compile_with_entrypoint(&regorus::Rc::from(first.as_str()))
        .map_err(|e| e.to_string())?;
    let entry_points: Vec<&str> = names
        .iter()
        .flat_map(|(d, c)| [d.as_str(), c.as_str()])
        .collect();
    let program =
        Compiler::compile_from_policy(&compiled, &entry_points).map_err(|e| e.to_string())?;
    let index = |name: &str| {
        program
            .entry_points
            .get_index_of(name)
            .ok_or_else(|| format!("the compiled program has no entry point {name}"))
    };
    let slots = names
        .iter()
        .map(|(d, c)| Ok((index(d)?, index(c)?)))
        .collect::<Result<Vec<_>, String>>()?;
    Ok((program, slots))
}

/// What compiling a run's policies gave: the programs, and for each policy its slot, `None` to
/// run it on the interpreter by choice, or the compiler's reason for refusing it (it then runs
/// on the interpreter too), with its share of the compile time.
struct Programs {
    /// The compiled programs, each shared by the policies of its group.
    units: Vec<Arc<Program>>,
    policies: Vec<(Result<Option<Slot>, String>, Duration)>,
}

fn compile_all(set: &PolicySet, options: EvalOptions) -> Programs {
    let wanted: Vec<usize> = set
        .policies
        .iter()
        .enumerate()
        .filter(|(_, p)| match options.backend {
            // Custom policies run on the reference interpreter: the compiled backend is
            // verified against it for the built-ins only (tests/cli/engines.rs compares both).
            Backend::Interpreter => false,
            Backend::Compiled => p.builtin || options.compile_custom,
        })
        .map(|(i, _)| i)
        .collect();
    let groups: Vec<Vec<usize>> = wanted
        .chunks(POLICIES_PER_PROGRAM)
        .map(<[usize]>::to_vec)
        .collect();
    let compiled: Vec<Compiled> = groups
        .into_par_iter()
        .flat_map_iter(|g| compile_split(set, g))
        .collect();
    let mut programs = Programs {
        units: Vec::new(),
        policies: set
            .policies
            .iter()
            .map(|_| (Ok(None), Duration::ZERO))
            .collect(),
    };
    for c in compiled {
        match c {
            Compiled::Group {
                program,
                members,
                elapsed,
            } => {
                let unit = programs.units.len();
                programs.units.push(program);
                let share = elapsed / u32::try_from(members.len()).unwrap_or(u32::MAX).max(1);
                for (i, (deny, checked)) in members {
                    programs.policies[i] = (
                        Ok(Some(Slot {
                            unit,
                            deny,
                            checked,
                        })),
                        share,
                    );
                }
            }
            Compiled::Refused {
                policy,
                error,
                elapsed,
            } => {
                let p = &set.policies[policy];
                tracing::debug!(policy = %p.meta.id, error = %error, "not compiled; using the interpreter");
                programs.policies[policy] = (Err(error), elapsed);
            }
        }
    }
    programs
}

/// A compiled group of policies, or one policy the compiler refused.
enum Compiled {
    Group {
        program: Arc<Program>,
        /// Policy index, and its `deny` and `checked` entry points.
        members: Vec<(usize, EntryPoints)>,
        elapsed: Duration,
    },
    Refused {
        policy: usize,
        error: String,
        elapsed: Duration,
    },
}

/// Compiles `group` to one program; if that fails, each half on its own, down to single
/// policies, so that one policy the compiler refuses costs only itself.
fn compile_split(set: &PolicySet, group: Vec<usize>) -> Vec<Compiled> {
    let started = Instant::now();
    let policies: Vec<&Policy> = group.iter().map(|&i| &set.policies[i]).collect();
    match compile_group(set, &policies) {
        Ok((program, slots)) => vec![Compiled::Group {
            program,
            members: group.into_iter().zip(slots).collect(),
            elapsed: started.elapsed(),
        }],
        Err(error) if group.len() == 1 => vec![Compiled::Refused {
            policy: group[0],
            error,
            elapsed: started.elapsed(),
        }],
        Err(_) => {
            let mut left = group;
            let right = left.split_off(left.len() / 2);
            let (mut a, b) = rayon::join(|| compile_split(set, left), || compile_split(set, right));
            a.extend(b);
            a
        }
    }
}

/// What one task found.
struct TaskOutput {
    policy: usize,
    fails: Vec<Fail>,
    /// The resources the policy judged, resolved here (in parallel) rather than kept as ARN
    /// strings until the merge: a pointer each instead of a copied ARN.
    checked: Vec<Arc<ResourceRef>>,
    error: Option<String>,
    /// The compiled engine failed on this chunk and the interpreter evaluated it again.
    fell_back: bool,
    /// Time spent evaluating this chunk (including building the policy's worker on a thread
    /// for the first time).
    elapsed: Duration,
}

/// What one policy cost in a run, so that an author sees what a policy costs
/// (`scan --timings`).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PolicyCost {
    pub policy: String,
    /// Evaluation time summed over the policy's chunks and threads (CPU-like time: the sum over
    /// policies exceeds the wall time on several cores).
    pub evaluate_ms: f64,
    /// The policy's share of compiling its group's RVM bytecode (policies are compiled in
    /// groups that share a program; 0 on the interpreter).
    pub compile_ms: f64,
    pub chunks: usize,
    /// Whether the policy ran as compiled bytecode (else on the interpreter: by choice, as a
    /// custom policy, or because it did not compile).
    pub compiled: bool,
    /// Chunks the compiled engine failed on, evaluated again on the interpreter. Not 0 means
    /// the compiled engine met something it cannot evaluate the way the interpreter does:
    /// the results stay right (the interpreter's), the speed does not, and the differential
    /// tests hold the built-ins to 0.
    pub fallbacks: usize,
    /// Why the compiled engine refused the policy, when it was asked to compile it and could
    /// not (the policy then ran on the interpreter).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_compiled: Option<String>,
}

/// Evaluates every policy of `set` over `input` (built by [`super::input::build`]).
pub fn evaluate(
    set: &PolicySet,
    input: &Value,
    gaps: &[Gap],
    index: &ResourceIndex,
    options: EvalOptions,
) -> Vec<Finding> {
    evaluate_timed(set, input, gaps, index, options).0
}

/// [`evaluate`], and what each policy cost, most expensive first.
pub fn evaluate_timed(
    set: &PolicySet,
    input: &Value,
    gaps: &[Gap],
    index: &ResourceIndex,
    options: EvalOptions,
) -> (Vec<Finding>, Vec<PolicyCost>) {
    evaluate_input(set, Cow::Borrowed(input), gaps, index, options)
}

/// [`evaluate_timed`] on an input given up to it: the input is freed (on a thread of its
/// own, as freeing a million resources takes a while) as soon as the policies have run,
/// before their results are gathered, so that a large estate's input and all its results
/// are not held at once.
pub fn evaluate_owned(
    set: &PolicySet,
    input: Value,
    gaps: &[Gap],
    index: &ResourceIndex,
    options: EvalOptions,
) -> (Vec<Finding>, Vec<PolicyCost>) {
    evaluate_input(set, Cow::Owned(input), gaps, index, options)
}

fn evaluate_input(
    set: &PolicySet,
    owned_or_not: Cow<'_, Value>,
    gaps: &[Gap],
    index: &ResourceIndex,
    options: EvalOptions,
) -> (Vec<Finding>, Vec<PolicyCost>) {
    let input: &Value = &owned_or_not;
    let chunk_size = options.chunk_size.max(1);
    // Chunk inputs are shared by every policy judging the same collections.
    let mut chunks: HashMap<Vec<&str>, Vec<Value>> = HashMap::new();
    for p in &set.policies {
        let judged: Vec<&str> = p.meta.judged().collect();
        chunks
            .entry(judged)
            .or_insert_with_key(|judged| chunk_inputs(input, judged, chunk_size));
    }
    let tasks: Vec<(usize, &Value)> = set
        .policies
        .iter()
        .enumerate()
        .flat_map(|(i, p)| {
            let judged: Vec<&str> = p.meta.judged().collect();
            chunks[&judged].iter().map(move |c| (i, c))
        })
        .collect();
    let programs = compile_all(set, options);
    let outputs: Vec<TaskOutput> = tasks
        .par_iter()
        .map_init(HashMap::<WorkerKey, Worker>::new, |workers, &(i, chunk)| {
            let started = Instant::now();
            let mut out = run_task(set, &programs, i, chunk, workers, index);
            out.elapsed = started.elapsed();
            out
        })
        .collect();
    // The chunks share the input's values; the results hold none of them.
    drop(tasks);
    drop(chunks);
    if let Cow::Owned(input) = owned_or_not {
        std::thread::spawn(move || drop(input));
    }

    let mut costs: Vec<PolicyCost> = set
        .policies
        .iter()
        .zip(&programs.policies)
        .map(|(p, (slot, compile))| PolicyCost {
            policy: p.meta.id.clone(),
            evaluate_ms: 0.0,
            compile_ms: compile.as_secs_f64() * 1000.0,
            chunks: 0,
            compiled: matches!(slot, Ok(Some(_))),
            fallbacks: 0,
            not_compiled: slot.as_ref().err().cloned(),
        })
        .collect();
    for out in &outputs {
        costs[out.policy].evaluate_ms += out.elapsed.as_secs_f64() * 1000.0;
        costs[out.policy].chunks += 1;
        costs[out.policy].fallbacks += usize::from(out.fell_back);
    }
    costs.sort_by(|a, b| {
        (b.evaluate_ms + b.compile_ms)
            .total_cmp(&(a.evaluate_ms + a.compile_ms))
            .then_with(|| a.policy.cmp(&b.policy))
    });
    let mut per_policy: Vec<Vec<TaskOutput>> = set.policies.iter().map(|_| Vec::new()).collect();
    for out in outputs {
        per_policy[out.policy].push(out);
    }
    let gaps = super::gaps::prepare(gaps);
    let groups: Vec<Vec<Finding>> = set
        .policies
        .par_iter()
        .zip(per_policy.into_par_iter())
        .map(|(policy, outs)| {
            let mut findings = merge(policy, outs, index);
            super::gaps::apply(policy, &mut findings, &gaps);
            findings
        })
        .collect();
    (finding::join_in_report_order(groups), costs)
}

/// The inputs one policy runs on: the whole input when every collection it judges fits in a
/// chunk; otherwise each judged collection split into chunks of `chunk_size`, the other judged
/// collections emptied, so that every element is judged exactly once.
fn chunk_inputs(input: &Value, judged: &[&str], chunk_size: usize) -> Vec<Value> {
    let items: Vec<Vec<Value>> = judged
        .iter()
        .map(|c| collection::collection_items(input, c))
        .collect();
    if items.iter().all(|i| i.len() <= chunk_size) {
        return vec![input.clone()];
    }
    let mut out = Vec::new();
    for (k, own) in items.iter().enumerate() {
        let mut rest = input.clone();
        for (j, other) in judged.iter().enumerate() {
            if j != k {
                rest = collection::with_collection(&rest, other, Vec::new());
            }
        }
        for c in own.chunks(chunk_size) {
            out.push(collection::with_collection(&rest, judged[k], c.to_vec()));
        }
    }
    out
}

/// A thread's evaluators: one VM per compiled program (shared by the policies of its group),
/// one interpreter per policy that runs there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum WorkerKey {
    Unit(usize),
    Policy(usize),
}

fn new_worker(
    set: &PolicySet,
    program: Option<&Arc<Program>>,
    policy: &Policy,
) -> Result<Worker, String> {
    match program {
        Some(program) => {
            let mut vm = RegoVM::new();
            vm.load_program(program.clone());
            // Large inputs legitimately run billions of instructions; time is bounded by input size.
            vm.set_max_instructions(usize::MAX);
            // Errors end the evaluation, as on the interpreter (a Palisade patch to regorus):
            // a builtin's type error must not quietly skip a resource, which would then pass.
            vm.set_raise_errors(true);
            Ok(Worker::Vm(Box::new(vm)))
        }
        None => set
            .engine_for(policy, &[])
            .map(|e| Worker::Interpreter(Box::new(e)))
            .map_err(|e| e.to_string()),
    }
}

fn run_task(
    set: &PolicySet,
    programs: &Programs,
    i: usize,
    chunk: &Value,
    workers: &mut HashMap<WorkerKey, Worker>,
    index: &ResourceIndex,
) -> TaskOutput {
    let policy = &set.policies[i];
    let mut out = TaskOutput {
        policy: i,
        fails: Vec::new(),
        checked: Vec::new(),
        error: None,
        fell_back: false,
        elapsed: Duration::ZERO,
    };
    let slot = programs.policies[i].0.as_ref().ok().copied().flatten();
    let key = slot.map_or(WorkerKey::Policy(i), |s| WorkerKey::Unit(s.unit));
    let worker = match workers.entry(key) {
        std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
        std::collections::hash_map::Entry::Vacant(v) => {
            match new_worker(set, slot.map(|s| &programs.units[s.unit]), policy) {
                Ok(worker) => v.insert(worker),
                Err(e) => {
                    out.error = Some(e);
                    return out;
                }
            }
        }
    };
    let mut result = run_worker(worker, slot, chunk, &policy.file.package);
    if matches!(worker, Worker::Vm(_)) && !matches!(result, Ok(Ok(_))) {
        if result.is_err() {
            // The VM may be in any state after a panic; build a new one next time.
            workers.remove(&key);
        }
        // An error on the compiled engine is rare (a builtin given the wrong type, say): the
        // chunk runs again on the interpreter, whose result is the reference and whose error
        // message points at the policy's line. Both engines then report the same.
        out.fell_back = true;
        tracing::debug!(
            policy = %policy.meta.id,
            outcome = %match &result {
                Ok(Err(e)) => e.as_str(),
                _ => "panic",
            },
            "the compiled engine failed on a chunk; evaluating it on the interpreter"
        );
        result = match set.engine_for(policy, &[]) {
            Ok(engine) => run_worker(
                &mut Worker::Interpreter(Box::new(engine)),
                None,
                chunk,
                &policy.file.package,
            ),
            Err(e) => Ok(Err(e.to_string())),
        };
    }
    match result {
        Ok(Ok((deny, checked))) => {
            if let Err(e) = read_deny(&deny, &mut out.fails) {
                out.error = Some(e);
            } else if let Err(e) = read_checked(
                &checked,
                &mut out.checked,
                index,
                &policy.meta.resource_type,
            ) {
                out.error = Some(e);
            }
        }
        Ok(Err(e)) => out.error = Some(e),
        Err(panic) => {
            // The worker may be in any state after a panic; build a new one next time.
            workers.remove(&key);
            let what = panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("unknown panic");
            out.error = Some(format!("the Rego engine panicked: {what}"));
        }
    }
    out
}

/// Both rules of a policy on one chunk (on a VM, at the policy's entry points `slot`); a panic
/// inside regorus is caught and returned.
fn run_worker(
    worker: &mut Worker,
    slot: Option<Slot>,
    chunk: &Value,
    package: &str,
) -> std::thread::Result<Result<(Value, Value), String>> {
    catch_unwind(AssertUnwindSafe(|| match (worker, slot) {
        (Worker::Vm(vm), Some(slot)) => {
            vm.set_input(chunk.clone());
            let deny = vm
                .execute_entry_point_by_index(slot.deny)
                .map_err(|e| format!("rule `deny`: {e}"))?;
            let checked = vm
                .execute_entry_point_by_index(slot.checked)
                .map_err(|e| format!("rule `checked`: {e}"))?;
            Ok::<_, String>((deny, checked))
        }
        (Worker::Vm(_), None) => Err("no compiled entry points for this policy".to_string()),
        (Worker::Interpreter(engine), _) => {
            engine.set_input(chunk.clone());
            let deny = engine
                .eval_rule(format!("data.{package}.deny"))
                .map_err(|e| format!("rule `deny`: {e}"))?;
            let checked = engine
                .eval_rule(format!("data.{package}.checked"))
                .map_err(|e| format!("rule `checked`: {e}"))?;
            Ok::<_, String>((deny, checked))
        }
    }))
}

fn elements(v: &Value, rule: &str) -> Result<Vec<Value>, String> {
    match v {
        Value::Undefined => Ok(Vec::new()),
        Value::Set(s) => Ok(s.iter().cloned().collect()),
        Value::Array(a) => Ok(a.iter().cloned().collect()),
        other => Err(format!(
            "rule `{rule}` must be a set, but is {}",
            short(other)
        )),
    }
}

fn short(v: &Value) -> String {
    let s = v.to_json_str().unwrap_or_else(|_| format!("{v:?}"));
    if s.chars().count() > 120 {
        format!("{}…", s.chars().take(120).collect::<String>())
    } else {
        s
    }
}

/// One `deny` result: resource, message, evidence, and the severity the policy chose.
struct Fail {
    arn: String,
    message: String,
    /// Compact JSON text (`null` when the policy gave none).
    evidence: String,
    severity: Option<Severity>,
}

fn read_deny(v: &Value, out: &mut Vec<Fail>) -> Result<(), String> {
    for item in elements(v, "deny")? {
        let arn = item["arn"]
            .as_string()
            .map_err(|_| format!("a `deny` result has no string `arn`: {}", short(&item)))?;
        let message = item["message"]
            .as_string()
            .map_err(|_| format!("a `deny` result has no string `message`: {}", short(&item)))?;
        let evidence = match &item["evidence"] {
            Value::Undefined => "null".to_string(),
            e => serde_json::to_string(e).unwrap_or_else(|_| "null".to_string()),
        };
        let severity = match &item["severity"] {
            Value::Undefined => None,
            s => Some(
                s.as_string()
                    .ok()
                    .and_then(|s| s.parse::<Severity>().ok())
                    .ok_or_else(|| {
                        format!(
                            "a `deny` result's `severity` must be critical, high, medium, low or info: {}",
                            short(&item)
                        )
                    })?,
            ),
        };
        out.push(Fail {
            arn: arn.to_string(),
            message: message.to_string(),
            evidence,
            severity,
        });
    }
    Ok(())
}

fn read_checked(
    v: &Value,
    out: &mut Vec<Arc<ResourceRef>>,
    index: &ResourceIndex,
    resource_type: &str,
) -> Result<(), String> {
    for item in elements(v, "checked")? {
        let arn = item
            .as_string()
            .map_err(|_| format!("`checked` must hold ARN strings, found {}", short(&item)))?;
        out.push(index.resolve(arn, resource_type));
    }
    Ok(())
}

/// One finding per resource: failing messages for a resource are joined, every checked resource
/// without a failure passes, and an error anywhere makes the policy's passes untrustworthy.
fn merge(policy: &Policy, outs: Vec<TaskOutput>, index: &ResourceIndex) -> Vec<Finding> {
    let mut fails: BTreeMap<String, Vec<(String, String, Severity)>> = BTreeMap::new();
    let mut checked: Vec<Arc<ResourceRef>> = Vec::new();
    let mut errors: BTreeSet<String> = BTreeSet::new();
    for out in outs {
        for f in out.fails {
            // A policy may lower a result's severity, never raise it above the rule's.
            let severity = f
                .severity
                .map_or(policy.rule.severity, |s| s.min(policy.rule.severity));
            fails
                .entry(f.arn)
                .or_default()
                .push((f.message, f.evidence, severity));
        }
        checked.extend(out.checked);
        errors.extend(out.error);
    }
    if !errors.is_empty() {
        let mut findings: Vec<Finding> = fails
            .into_iter()
            .map(|(arn, results)| failing(policy, &arn, results, index))
            .collect();
        findings.push(policy_error(policy, errors));
        return findings;
    }
    // Each resource once (chunks may repeat one), and a failing resource does not pass.
    // A run per chunk, each in ARN order (a Rego set): the stable sort merges runs.
    checked.sort_by(|a, b| a.arn.cmp(&b.arn));
    checked.dedup_by(|a, b| a.arn == b.arn);
    // Both are in ARN order: one walk finds the failing ones.
    let mut failing_arns = fails.keys().peekable();
    checked.retain(|r| {
        while failing_arns
            .next_if(|arn| arn.as_str() < r.arn.as_str())
            .is_some()
        {}
        failing_arns.peek().is_none_or(|arn| arn.as_str() != r.arn)
    });
    let mut findings = Vec::with_capacity(fails.len() + checked.len());
    for (arn, results) in fails {
        findings.push(failing(policy, &arn, results, index));
    }
    findings.extend(
        checked
            .into_iter()
            .map(|resource| Finding::pass(policy.rule.clone(), resource)),
    );
    findings
}

/// One failing finding for every deny result on one resource: distinct messages joined, the
/// highest severity among them, the evidence alone or as a list.
fn failing(
    policy: &Policy,
    arn: &str,
    mut results: Vec<(String, String, Severity)>,
    index: &ResourceIndex,
) -> Finding {
    results.sort_by(|a, b| a.0.cmp(&b.0));
    results.dedup_by(|a, b| a.0 == b.0);
    let severity = results
        .iter()
        .map(|r| r.2)
        .max()
        .unwrap_or(policy.rule.severity);
    let message = results
        .iter()
        .map(|(m, _, _)| m.as_str())
        .collect::<Vec<_>>()
        .join("; ");
    let evidence = match results.len() {
        1 => results.pop().map_or_else(|| "null".to_string(), |r| r.1),
        _ => format!(
            "[{}]",
            results
                .iter()
                .map(|r| r.1.as_str())
                .collect::<Vec<_>>()
                .join(",")
        ),
    };
    let resource = index.resolve(arn, &policy.meta.resource_type);
    Finding::new(policy.rule.clone(), Status::Fail, resource, message)
        .with_severity(severity)
        .with_evidence(evidence)
}

/// The one result of a policy that failed to evaluate: on the policy itself, naming its file.
fn policy_error(policy: &Policy, errors: BTreeSet<String>) -> Finding {
    let resource = Arc::new(ResourceRef {
        arn: format!("palisade:policy/{}", policy.meta.id),
        resource_type: "Palisade::Policy".into(),
        account_id: String::new(),
        region: "global".into(),
        name: policy.meta.id.clone(),
        tags: Default::default(),
    });
    let message = format!(
        "policy {} ({}) failed to evaluate: {}",
        policy.meta.id,
        policy.file.path,
        errors.into_iter().collect::<Vec<_>>().join("; ")
    );
    Finding::new(policy.rule.clone(), Status::Error, resource, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arns(v: &Value, path: &str) -> Vec<String> {
        collection::collection_items(v, path)
            .iter()
            .map(|i| i["arn"].as_string().unwrap().to_string())
            .collect()
    }

    #[test]
    fn built_in_policies_compile_in_groups_well_inside_the_rvm_limits() {
        let set = PolicySet::load(true, &[]).unwrap();
        let programs = compile_all(&set, EvalOptions::default());
        for (p, (slot, _)) in set.policies.iter().zip(&programs.policies) {
            assert!(matches!(slot, Ok(Some(_))), "{}: {slot:?}", p.meta.id);
        }
        // No group was split: each compiled whole.
        assert_eq!(
            programs.units.len(),
            set.policies.len().div_ceil(POLICIES_PER_PROGRAM)
        );
        // Room for the policies to grow: each program under half of every limit it meets.
        for program in &programs.units {
            assert!(program.instructions.len() < Program::MAX_INSTRUCTIONS / 2);
            assert!(program.rule_infos.len() < Program::MAX_RULES / 2);
            assert!(program.entry_points.len() < Program::MAX_ENTRY_POINTS / 2);
        }
    }

    #[test]
    fn a_policy_the_compiler_refuses_costs_only_itself() {
        let mut set = PolicySet::load(true, &[]).unwrap();
        // `with`, which the RVM compiler does not support (the interpreter does).
        let broken = &mut set.policies[3];
        let text = format!(
            "{}\nchecked contains \"x\" if {{\n\tinput.a with input as {{\"a\": true}}\n}}\n",
            broken.file.text
        );
        broken.file.text = text.into();
        let programs = compile_all(&set, EvalOptions::default());
        for (i, (slot, _)) in programs.policies.iter().enumerate() {
            assert_eq!(slot.is_err(), i == 3, "{i}: {slot:?}");
        }
        let refused = programs.policies[3].0.as_ref().unwrap_err();
        assert!(refused.contains("with"), "{refused}");
    }

    #[test]
    fn every_judged_element_is_in_exactly_one_chunk() {
        let input = Value::from_json_str(
            r#"{"iam": {"policies": [{"arn": "p1"}, {"arn": "p2"}, {"arn": "p3"}],
                        "users": [{"arn": "u1"}], "roles": [], "groups": [{"arn": "g1"}]},
                "network": {"vpcs": [{"arn": "v1"}]}}"#,
        )
        .unwrap();
        let judged = ["iam.policies", "iam.users", "iam.roles"];
        assert_eq!(
            chunk_inputs(&input, &judged, 3),
            vec![input.clone()],
            "all fit: one input"
        );
        let chunks = chunk_inputs(&input, &judged, 2);
        let seen: Vec<(String, Vec<String>)> = chunks
            .iter()
            .flat_map(|c| judged.iter().map(move |j| (j.to_string(), arns(c, j))))
            .filter(|(_, a)| !a.is_empty())
            .collect();
        let as_pairs =
            |j: &str, a: &[&str]| (j.to_string(), a.iter().map(|s| s.to_string()).collect());
        assert_eq!(
            seen,
            vec![
                as_pairs("iam.policies", &["p1", "p2"]),
                as_pairs("iam.policies", &["p3"]),
                as_pairs("iam.users", &["u1"]),
            ]
        );
        for c in &chunks {
            assert_eq!(
                arns(c, "iam.groups"),
                ["g1"],
                "collections only read stay whole"
            );
            assert_eq!(arns(c, "network.vpcs"), ["v1"]);
        }
    }
}
