//! The demo scan, as users see it: terminal, JSON and SARIF output are pinned by insta
//! snapshots, and every run is byte-identical.

use crate::common::{findings_of, json, palisade, run};

#[test]
fn demo_terminal_output() {
    let (code, out, err) = run(palisade().args(["scan", "--demo"]));
    assert_eq!(code, 0, "--demo alone exits 0: {err}");
    assert!(!out.contains('\u{1b}'), "no colour when not a TTY");
    insta::assert_snapshot!("demo_terminal", out);
}

#[test]
fn demo_json_output() {
    let (code, out, _) = run(palisade().args(["scan", "--demo", "--format", "json"]));
    assert_eq!(code, 0);
    let report = json(&out);
    assert_eq!(report["version"], 1);
    insta::assert_snapshot!("demo_json", out);
}

#[test]
fn demo_sarif_output() {
    let (code, out, _) = run(palisade().args(["scan", "--demo", "--format", "sarif"]));
    assert_eq!(code, 0);
    insta::assert_snapshot!("demo_sarif", out);
}

#[test]
fn demo_has_pass_and_fail_for_most_policies() {
    let (_, out, _) = run(palisade().args(["scan", "--demo", "--format", "json"]));
    let report = json(&out);
    let (_, list, _) = run(palisade().args(["policies", "list", "--format", "json"]));
    let policies = json(&list);
    let ids: Vec<&str> = policies
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    let both = ids
        .iter()
        .filter(|id| {
            let f = findings_of(&report, id);
            f.iter().any(|x| x["status"] == "fail") && f.iter().any(|x| x["status"] == "pass")
        })
        .count();
    assert!(
        both * 4 >= ids.len() * 3,
        "only {both} of {} policies have both outcomes",
        ids.len()
    );
    // Every policy produced at least one result of some kind.
    for id in &ids {
        assert!(
            !findings_of(&report, id).is_empty(),
            "{id} produced nothing on the demo"
        );
    }
}

#[test]
fn output_files_match_stdout_and_runs_are_identical() {
    let dir = tempfile::tempdir().unwrap();
    let sarif = dir.path().join("out.sarif");
    let json_path = dir.path().join("out.json");
    let (code, _, err) = run(palisade().args([
        "scan",
        "--demo",
        "--sarif",
        sarif.to_str().unwrap(),
        "--json",
        json_path.to_str().unwrap(),
    ]));
    assert_eq!(code, 0, "{err}");
    let (_, stdout_json, _) = run(palisade().args(["scan", "--demo", "--format", "json"]));
    assert_eq!(std::fs::read_to_string(&json_path).unwrap(), stdout_json);
    let (_, stdout_sarif, _) = run(palisade().args(["scan", "--demo", "--format", "sarif"]));
    assert_eq!(std::fs::read_to_string(&sarif).unwrap(), stdout_sarif);
}

#[test]
fn chunked_evaluation_gives_the_same_findings() {
    let (_, whole, _) = run(palisade().args(["scan", "--demo", "--format", "json"]));
    let (_, chunked, _) =
        run(palisade().args(["scan", "--demo", "--format", "json", "--chunk-size", "1"]));
    assert_eq!(whole, chunked);
}

#[test]
fn fail_on_sets_the_exit_code() {
    let (code, _, _) = run(palisade().args(["scan", "--demo", "--fail-on", "critical"]));
    assert_eq!(code, 1, "the demo has critical findings");
    let (code, _, _) = run(palisade().args(["scan", "--demo", "--fail-on", "none"]));
    assert_eq!(code, 0);
    let demo = palisade::demo::SNAPSHOT;
    let (_dir, path) = crate::common::temp_file("demo.json", demo);
    let (code, _, _) = run(palisade().args(["scan", "--snapshot", path.to_str().unwrap()]));
    assert_eq!(code, 1, "a snapshot scan fails on low and above by default");
}

#[test]
fn compiled_and_interpreted_policies_agree() {
    // The interpreter is the reference semantics; the compiled engine (the default) must agree
    // with it on the demo and on every gap fixture.
    let dir = crate::common::fixture("");
    let mut gap_fixtures: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("gap-") && n.ends_with(".json"))
        })
        .map(|p| p.to_str().unwrap().to_string())
        .collect();
    gap_fixtures.sort();
    assert!(gap_fixtures.len() >= 3, "{gap_fixtures:?}");
    let sources = std::iter::once(vec!["--demo".to_string()]).chain(
        gap_fixtures
            .into_iter()
            .map(|f| vec!["--snapshot".to_string(), f]),
    );
    for source in sources {
        let args = [
            &["scan".to_string()][..],
            &source,
            &["--format".into(), "json".into()],
        ]
        .concat();
        let (_, compiled, timings) =
            run(palisade()
                .args(&args)
                .args(["--engine", "compiled", "--timings"]));
        let (_, interpreted, _) = run(palisade().args(&args).args(["--engine", "interpreter"]));
        assert!(compiled.contains("\"findings\""), "{args:?}: {compiled}");
        assert_eq!(compiled, interpreted, "{args:?}");
        // And the compiled engine did the work itself: no built-in policy left to the
        // interpreter, no chunk evaluated again there (which would make the equality vacuous).
        let timings = timings
            .lines()
            .find_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .unwrap_or_else(|| panic!("{args:?}: no --timings line in {timings}"));
        assert_eq!(timings["interpreted"], 0, "{args:?}: {timings}");
        assert_eq!(timings["fallbacks"], 0, "{args:?}: {timings}");
    }
}

#[test]
fn unused_days_moves_the_unused_limit() {
    let unused = |days: &str| {
        let (_, out, _) =
            run(palisade().args(["scan", "--demo", "--format", "json", "--unused-days", days]));
        json(&out)["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| {
                f["status"] == "fail" && f["policy_id"].as_str().unwrap().contains("unused")
            })
            .count()
    };
    let (short, default, long) = (unused("30"), unused("90"), unused("400"));
    assert!(
        short > default && default > long,
        "{short} {default} {long}"
    );
}
