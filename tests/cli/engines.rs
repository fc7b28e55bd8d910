//! The two policy engines must agree: regorus's interpreter (the reference semantics) and its
//! compiled RVM (the default). Reduced cases of the RVM faults we found and patched
//! (vendor/regorus, docs/regorus-rvm-comprehensions.md), then a fixed-seed generator of varied
//! inventories on which every built-in policy must give byte-identical findings on both.

use palisade::compliance::Catalog;
use palisade::config::{Config, DEMO};
use palisade::pipeline::differential;
use regorus::languages::rego::compiler::Compiler;
use regorus::rvm::RegoVM;
use regorus::{Engine, Rc, Value};
use serde_json::{json, Value as Json};

/// An interpreter holding `module` (Rego v1).
fn engine_with(module: &str) -> Engine {
    let mut engine = Engine::new();
    engine.set_rego_v0(false);
    engine
        .add_policy("case.rego".into(), module.into())
        .expect("the case parses");
    engine
}

/// `rule` of `engine` on `input`, by the interpreter.
fn interpret(engine: &Engine, rule: &str, input: &Value) -> Value {
    let mut interpreter = engine.clone();
    interpreter.set_input(input.clone());
    interpreter
        .eval_rule(rule.into())
        .expect("the interpreter runs")
}

/// The RVM program for `rule` of `engine`, or the RVM compiler's refusal.
fn rvm_program(
    engine: &mut Engine,
    rule: &str,
) -> Result<std::sync::Arc<regorus::rvm::program::Program>, String> {
    let compiled = engine
        .compile_with_entrypoint(&Rc::from(rule))
        .expect("the case compiles for the interpreter");
    Compiler::compile_from_policy(&compiled, &[rule]).map_err(|e| e.to_string())
}

/// `rule` of `module` on `input`, by the interpreter and by the RVM, as JSON text.
fn both(module: &str, rule: &str, input: &Json) -> (String, String) {
    let mut engine = engine_with(module);
    let input = Value::from_json_str(&input.to_string()).expect("the input is JSON");
    let interpreted = interpret(&engine, rule, &input);
    let program = rvm_program(&mut engine, rule).expect("RVM program");
    let mut vm = RegoVM::new();
    vm.load_program(program);
    // As Palisade runs it (engine::eval): errors end the evaluation instead of skipping.
    vm.set_raise_errors(true);
    vm.set_input(input);
    let executed = vm.execute_entry_point_by_index(0).expect("the RVM runs");
    let text = |v: &Value| v.to_json_str().expect("a JSON value");
    (text(&interpreted), text(&executed))
}

/// Asserts both engines give `expected` for `rule`.
fn agree(module: &str, rule: &str, input: Json, expected: Json) {
    let (interpreted, compiled) = both(module, rule, &input);
    let expected = serde_json::to_string_pretty(&expected).unwrap();
    assert_eq!(interpreted, expected, "interpreter");
    assert_eq!(compiled, expected, "RVM");
}

const HEADER: &str = "package case\n\nimport rego.v1\n\n";

/// Fault 1 (the false pass): a condition failing inside a comprehension that sits in a loop
/// abandoned the loop's whole iteration, so the element never produced its result.
#[test]
fn rvm_failed_condition_in_a_comprehension_keeps_the_enclosing_loop_iteration() {
    let module = format!(
        "{HEADER}r contains x if {{\n\tsome t in input.items\n\ts := [1 | t > 5]\n\tx := {{\"t\": t, \"s\": s}}\n}}\n"
    );
    agree(
        &module,
        "data.case.r",
        json!({"items": [1, 10]}),
        json!([{"s": [], "t": 1}, {"s": [1], "t": 10}]),
    );
    // The same with `not`, the form of the first cloudtrail-multi-region-trail-missing.
    let module = format!(
        "{HEADER}r contains x if {{\n\tsome t in input.items\n\ts := {{1 | not t > 5}}\n\tx := {{\"t\": t, \"s\": s}}\n}}\n"
    );
    agree(
        &module,
        "data.case.r",
        json!({"items": [1, 10]}),
        json!([{"s": [], "t": 10}, {"s": [1], "t": 1}]),
    );
}

/// Fault 2: a comprehension whose body failed was left without popping its context, so the
/// enclosing comprehension's next yield went into the inner one and the outer came out empty.
#[test]
fn rvm_failed_inner_comprehension_does_not_swallow_the_outer_one() {
    let module = format!("{HEADER}r := [s | some t in input.items; s := [1 | t > 5]]\n");
    agree(
        &module,
        "data.case.r",
        json!({"items": [1, 10]}),
        json!([[], [1]]),
    );
    let module = format!("{HEADER}r := [count([1 | t > 5]) | some t in input.items]\n");
    agree(
        &module,
        "data.case.r",
        json!({"items": [1, 10]}),
        json!([0, 1]),
    );
    let module =
        format!("{HEADER}o := {{sprintf(\"%v\", [t]): [1 | t > 5] | some t in input.items}}\n");
    agree(
        &module,
        "data.case.o",
        json!({"items": [1, 10]}),
        json!({"1": [], "10": [1]}),
    );
}

/// With `raise_errors`, a condition failing outside any loop or comprehension is an undefined
/// rule body, not an error. The first version of the switch raised it; in a scan every such
/// chunk then fell back to the interpreter (right results, the compiled engine's speed lost),
/// which the differential test cannot see.
#[test]
fn rvm_a_failed_top_level_condition_is_undefined_not_an_error() {
    let module = format!(
        "{HEADER}r contains x if {{\n\tinput.enabled == false\n\tx := \"off\"\n}}\n\nd := 1 if {{\n\tcount(input.items) > 5\n}}\n"
    );
    agree(
        &module,
        "data.case.r",
        json!({"enabled": true, "items": []}),
        json!([]),
    );
    agree(
        &module,
        "data.case.r",
        json!({"enabled": false, "items": []}),
        json!(["off"]),
    );
    let (interpreted, compiled) = both(&module, "data.case.d", &json!({"items": [1]}));
    assert_eq!(compiled, interpreted, "undefined on both engines");
}

/// Fault 3: an array comprehension kept an undefined term as an element instead of yielding
/// nothing for it.
#[test]
fn rvm_undefined_terms_yield_nothing_in_array_comprehensions() {
    let module = format!(
        "{HEADER}f(x) := y if {{\n\tx > 5\n\ty := x\n}}\n\na := [f(t) | some t in input.items]\n\nb := [v | some t in input.items; v := f(t)]\n"
    );
    for rule in ["data.case.a", "data.case.b"] {
        agree(&module, rule, json!({"items": [1, 10]}), json!([10]));
    }
}

/// Fault 5: a multi-value rule with a reference head (`r.x contains v`, `r[k] contains v`)
/// compiled as `r contains v`: the key path was dropped, so `r[k]` was undefined and a policy
/// counting `r[k]` passed everything. The patched compiler refuses the form, so such a policy
/// runs on the interpreter (`policies::engines_both_compares_a_custom_directory_on_both_engines`
/// shows the warning an author then sees).
#[test]
fn rvm_a_multi_value_rule_with_a_reference_head_is_refused() {
    for (module, input, expected) in [
        (
            format!("{HEADER}r.x contains 1 if true\n\nout := r\n"),
            json!({}),
            json!({"x": [1]}),
        ),
        (
            format!(
                "{HEADER}r[k] contains t.id if {{\n\tsome t in input.items\n\tk := t.group\n}}\n\nout := r\n"
            ),
            json!({"items": [{"id": "a", "group": "g"}, {"id": "b", "group": "h"}]}),
            json!({"g": ["a"], "h": ["b"]}),
        ),
    ] {
        let mut engine = engine_with(&module);
        let input = Value::from_json_str(&input.to_string()).unwrap();
        // `out` reads `r` as a policy's `deny` would read its helper rule.
        let interpreted = interpret(&engine, "data.case.out", &input);
        assert_eq!(
            interpreted.to_json_str().unwrap(),
            serde_json::to_string_pretty(&expected).unwrap(),
            "interpreter on {module}"
        );
        let refused = rvm_program(&mut engine, "data.case.out")
            .err()
            .unwrap_or_else(|| panic!("the RVM compiled {module}"));
        assert!(refused.contains("reference head"), "{refused}");
    }
    // A plain multi-value rule and a single-value rule with a key still compile and agree.
    let module = format!(
        "{HEADER}r contains t.id if some t in input.items\n\no[t.id] := t.group if some t in input.items\n"
    );
    let input = json!({"items": [{"id": "a", "group": "g"}]});
    agree(&module, "data.case.r", input.clone(), json!(["a"]));
    agree(&module, "data.case.o", input, json!({"a": "g"}));
}

/// The policy whose false pass started this: iam-password-policy-weak as first written (a
/// comprehension over an array of comprehensions). On the unpatched RVM both weak accounts
/// passed.
#[test]
fn rvm_the_first_password_policy_finds_both_weak_accounts() {
    let module = format!(
        "{HEADER}{}",
        r#"weaknesses(p) := [w |
	some found in [
		[sprintf("minimum length is %v", [n]) | n := object.get(p, "minimum_password_length", 0); n < 12],
		["reuse is not restricted" | object.get(p, "password_reuse_prevention", null) == null],
		["numbers are not required" | not object.get(p, "require_numbers", false) == true],
	]
	some w in found
]

deny contains {"account": rec.account_id, "weaknesses": found} if {
	some rec in input.policies
	found := weaknesses(rec.policy)
	count(found) > 0
}
"#
    );
    let input = json!({"policies": [
        {"account_id": "1", "policy": {"minimum_password_length": 6}},
        {"account_id": "2", "policy": {"minimum_password_length": 14, "password_reuse_prevention": 24, "require_numbers": true}},
        {"account_id": "3", "policy": {"minimum_password_length": 14, "require_numbers": true}},
    ]});
    agree(
        &module,
        "data.case.deny",
        input,
        json!([
            {"account": "1", "weaknesses": ["minimum length is 6", "reuse is not restricted", "numbers are not required"]},
            {"account": "3", "weaknesses": ["reuse is not restricted"]},
        ]),
    );
}

/// Every built-in policy on generated inventories (the demo with fields removed, nulled,
/// emptied, duplicated, given hostile, huge or borrowed values): byte-identical findings on
/// both engines, and no policy that fails to evaluate (which would lose its other results). `PALISADE_DIFF_CASES` (default 6, or a range `A..B` of seeds) sets which
/// inventories; the demo itself
/// is compared by `demo::compiled_and_interpreted_policies_agree`.
#[test]
fn both_engines_agree_on_generated_inventories() {
    // `N` runs seeds 1 to N; `A..B` runs seeds A to B (to resume a long run).
    let cases = std::env::var("PALISADE_DIFF_CASES").unwrap_or_else(|_| "6".into());
    let seeds = match cases.split_once("..") {
        Some((a, b)) => a.parse().unwrap()..=b.parse().unwrap(),
        None => 1..=cases.parse().unwrap(),
    };
    let catalog = Catalog::load(true, &[]).expect("the built-in policies load");
    let config = Config::parse(DEMO).expect("the demo config parses");
    let base = palisade::demo::inventory().unwrap();
    for seed in seeds {
        let generated = differential::generate(&base, seed, differential::MUTATIONS);
        let found = differential::compare(&catalog, &config, generated.inventory)
            .expect("the generated inventory scans");
        // Findings the same on both engines, every policy evaluated; the policy library's
        // lookups in `input.index` finding what its scans find; and the compiled engine doing
        // the work itself (every built-in compiled, no chunk left to the interpreter), without
        // which agreement would say nothing.
        let mut problems = Vec::new();
        let mut check = |ok: bool, what: &str, detail: String| {
            if !ok {
                problems.push(format!("{what}: {detail}"));
            }
        };
        check(
            found.differences.is_empty(),
            "the engines differ on",
            format!("{:#?}", found.differences),
        );
        check(
            found.errors.is_empty(),
            "these policies failed to evaluate",
            format!("{:#?}", found.errors),
        );
        check(
            found.index_differences.is_empty(),
            "findings change without the input's index (interpreter: with it; compiled: without)",
            format!("{:#?}", found.index_differences),
        );
        check(
            found.not_compiled.is_empty(),
            "not compiled",
            format!("{:?}", found.not_compiled),
        );
        check(
            found.fallbacks.is_empty(),
            "chunks evaluated again on the interpreter",
            format!("{:?}", found.fallbacks),
        );
        assert!(
            problems.is_empty(),
            "seed {seed}: after these mutations of the demo:\n  {}\n{}",
            generated.mutations.join("\n  "),
            problems.join("\n")
        );
    }
}
