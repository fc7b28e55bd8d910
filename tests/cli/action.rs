//! The GitHub Action (action.yml and scripts/action/*.sh): schema-valid, and its shell steps run
//! locally in a simulated runner (outputs file, step summary, loopback release server) against
//! the real binary and against a stand-in that records its arguments.

use crate::tools;
use std::process::Command;

fn run_action_tests(real_binary: bool) {
    let python = tools::python();
    let venv = python.parent().and_then(|b| b.parent()).expect("venv root");
    let mut cmd = Command::new("bash");
    cmd.arg(tools::root().join("tests/action/run.sh"))
        .env("PALISADE_TEST_VENV", venv)
        .env_remove("GITHUB_OUTPUT")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("GITHUB_PATH");
    if real_binary {
        cmd.env("PALISADE_BIN", assert_cmd::cargo::cargo_bin("palisade"));
    } else {
        cmd.env_remove("PALISADE_BIN");
    }
    let out = cmd.output().expect("run tests/action/run.sh");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "action tests failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("0 failed"), "{stdout}");
}

#[test]
fn action_steps_with_the_real_binary() {
    run_action_tests(true);
}

#[test]
fn action_steps_with_a_recording_stand_in() {
    run_action_tests(false);
}
