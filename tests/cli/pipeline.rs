//! `palisade::scan` in-process: the same results as the binary, and errors by phase.

use crate::common::{json, palisade, run};
use palisade::config::{Config, DEMO};
use palisade::report::{self, ScanReport};
use palisade::{ScanError, ScanRequest, Source};

fn demo_request() -> ScanRequest {
    let mut request = ScanRequest::new(Source::Demo);
    request.config = Config::parse(DEMO).expect("the demo config parses");
    request.frameworks = vec!["hipaa".into()];
    request
}

#[test]
fn in_process_scan_equals_the_binary() {
    let outcome = palisade::scan(demo_request()).expect("the demo scans");
    let ours = json(&report::to_string(|w| {
        report::json::write(&ScanReport::of(&outcome, false), w)
    }));
    let (code, out, err) =
        run(palisade().args(["scan", "--demo", "--framework", "hipaa", "--format", "json"]));
    assert_eq!(code, 0, "{err}");
    let theirs = json(&out);
    for key in ["findings", "summary", "gaps", "policies", "compliance"] {
        assert_eq!(ours[key], theirs[key], "`{key}` differs");
    }
    assert!(ours["findings"].as_array().is_some_and(|f| f.len() > 100));
    assert_eq!(outcome.compliance.len(), 1);
    let phases: Vec<&str> = outcome.timings.phases.iter().map(|p| p.name).collect();
    assert_eq!(phases, ["load", "policies", "input", "evaluate"]);
    // The ten policies that cost the most, most expensive first, each a loaded policy.
    let slowest = &outcome.timings.slowest_policies;
    assert_eq!(slowest.len(), 10);
    let total = |c: &palisade::engine::PolicyCost| c.evaluate_ms + c.compile_ms;
    assert!(slowest.windows(2).all(|w| total(&w[0]) >= total(&w[1])));
    for cost in slowest {
        assert!(
            outcome.catalog.policies.get(&cost.policy).is_some(),
            "{cost:?}"
        );
        assert_eq!(cost.chunks, 1, "the demo fits in one chunk: {cost:?}");
        assert!(cost.evaluate_ms > 0.0 && cost.compile_ms > 0.0, "{cost:?}");
    }
}

#[test]
fn errors_say_which_phase_and_what() {
    let mut request = ScanRequest::new(Source::Snapshot(vec!["/nonexistent/snap.json".into()]));
    let Err(e) = palisade::scan(request.clone()) else {
        panic!("a missing snapshot scanned");
    };
    assert!(matches!(e, ScanError::Source(_)), "{e:?}");
    assert!(e.to_string().contains("/nonexistent/snap.json"), "{e}");

    request.source = Source::Demo;
    request.frameworks = vec!["sox".into()];
    let Err(e) = palisade::scan(request) else {
        panic!("an unknown framework scanned");
    };
    assert!(matches!(e, ScanError::Framework(_)), "{e:?}");
    assert!(e.to_string().contains("`sox`"), "{e}");
}
