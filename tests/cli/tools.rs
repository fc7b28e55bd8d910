//! The external validators the report tests run, installed by `.ci/run`: a Python venv with the
//! OCSF schema and check-jsonschema (`PALISADE_TEST_VENV`), Chromium (`PALISADE_CHROMIUM`) and
//! playwright-core (`tests/html/node_modules`). A missing tool fails the test with what to run.

use std::path::{Path, PathBuf};
use std::process::Command;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The Python of the validators' venv.
pub fn python() -> PathBuf {
    let venv = std::env::var_os("PALISADE_TEST_VENV")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").unwrap_or_default())
                .join(".cache/palisade/tools-venv")
        });
    let python = venv.join("bin/python");
    assert!(
        python.exists(),
        "no validator venv at {} (run .ci/run, or set PALISADE_TEST_VENV)",
        venv.display()
    );
    python
}

/// Validates an OCSF JSON Lines file against the official schema; returns the validator's
/// summary line.
pub fn validate_ocsf(path: &Path) -> String {
    let out = Command::new(python())
        .arg(root().join("tests/ocsf/validate.py"))
        .arg(path)
        .output()
        .expect("run tests/ocsf/validate.py");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "OCSF output does not validate:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

/// Opens an HTML report in headless Chromium (tests/html/check.mjs): no console or page errors,
/// no network requests, a non-empty screenshot, sorting and filtering work, no injected script
/// ran. Returns the checker's JSON summary.
pub fn check_in_browser(html: &Path, screenshot: &Path) -> serde_json::Value {
    let chromium =
        std::env::var("PALISADE_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    assert!(
        Path::new(&chromium).exists(),
        "no Chromium at {chromium} (run .ci/run, which installs Debian's chromium)"
    );
    let html_dir = root().join("tests/html");
    assert!(
        html_dir.join("node_modules/playwright-core").exists(),
        "playwright-core is not installed (run .ci/run, or `npm ci --prefix tests/html`)"
    );
    let out = Command::new("node")
        .current_dir(&html_dir)
        .env("CHROMIUM", &chromium)
        .arg("check.mjs")
        .arg(html)
        .arg(screenshot)
        .output()
        .expect("run node tests/html/check.mjs");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "the browser check failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_str(&stdout).expect("check.mjs prints JSON")
}
