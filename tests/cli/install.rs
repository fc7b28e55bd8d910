//! What the install channels ship beside the binary: shell completions and man pages generated
//! from the clap definitions, and the build settings that keep a cold build short. (The wheel
//! is tested by tests/install/wheel.sh after `cargo test`; the release archives by
//! tests/action/run.sh.)

use crate::common::{palisade, run};
use std::collections::BTreeSet;

#[test]
fn completions_know_every_command_and_option() {
    let (code, bash, err) = run(palisade().args(["completions", "bash"]));
    assert_eq!(code, 0, "{err}");
    for word in [
        "scan",
        "collect",
        "policies",
        "--snapshot",
        "--fail-on",
        "--engine",
    ] {
        assert!(bash.contains(word), "bash completion lacks {word}");
    }
    for shell in ["zsh", "fish", "powershell", "elvish"] {
        let (code, out, err) = run(palisade().args(["completions", shell]));
        assert_eq!(code, 0, "{shell}: {err}");
        assert!(
            out.contains("--snapshot"),
            "{shell} completion lacks --snapshot"
        );
    }
    let (code, _, err) = run(palisade().args(["completions", "tcsh"]));
    assert_eq!(code, 2, "an unknown shell is a usage error");
    assert!(err.contains("possible values"), "{err}");
}

#[test]
fn man_pages_cover_every_visible_command() {
    let (code, page, err) = run(palisade().arg("man"));
    assert_eq!(code, 0, "{err}");
    assert!(page.contains(".TH palisade 1"), "{page:.200}");
    assert!(page.contains("scan"), "the top page lists the subcommands");

    let dir = tempfile::tempdir().expect("temp dir");
    let (code, _, err) = run(palisade().arg("man").arg("--dir").arg(dir.path()));
    assert_eq!(code, 0, "{err}");
    let pages: BTreeSet<String> = std::fs::read_dir(dir.path())
        .expect("man dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    for want in [
        "palisade.1",
        "palisade-scan.1",
        "palisade-collect.1",
        "palisade-policies-test.1",
        "palisade-completions.1",
    ] {
        assert!(pages.contains(want), "no {want} in {pages:?}");
    }
    assert!(
        !pages.contains("palisade-docs.1"),
        "the hidden docs command gets no page: {pages:?}"
    );
    let scan = std::fs::read_to_string(dir.path().join("palisade-scan.1")).expect("scan page");
    assert!(scan.contains(".TH palisade-scan 1"), "{scan:.200}");
    assert!(
        scan.contains("fail\\-on"),
        "the scan page documents --fail-on"
    );
}

/// Every aws-sdk-* crate in Cargo.lock is built unoptimised in release builds (Cargo.toml's
/// profile overrides take no globs, so a new service must add its line), and none of them
/// pulls the legacy hyper 0.14 / rustls 0.21 client that doubled the HTTP stack.
#[test]
fn every_sdk_crate_is_built_the_cheap_way() {
    let root = crate::tools::root();
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).expect("Cargo.lock");
    let manifest: toml::Table = std::fs::read_to_string(root.join("Cargo.toml"))
        .expect("Cargo.toml")
        .parse()
        .expect("Cargo.toml parses");
    let sdks: BTreeSet<&str> = lock
        .lines()
        .filter_map(|l| l.strip_prefix("name = \"")?.strip_suffix('"'))
        .filter(|n| n.starts_with("aws-sdk-"))
        .collect();
    assert!(sdks.len() >= 30, "{sdks:?}");
    let overrides = manifest["profile"]["release"]["package"]
        .as_table()
        .expect("[profile.release.package.*]");
    let missing: Vec<_> = sdks
        .iter()
        .filter(|c| {
            overrides
                .get(**c)
                .and_then(|o| o.get("opt-level"))
                .is_none()
        })
        .collect();
    assert!(
        missing.is_empty(),
        "no release opt-level override for {missing:?}"
    );
    for (name, dep) in manifest["dependencies"].as_table().expect("[dependencies]") {
        if name.starts_with("aws-sdk-") || name == "aws-config" {
            assert_eq!(
                dep.get("default-features").and_then(|d| d.as_bool()),
                Some(false),
                "{name} keeps its default features (the legacy rustls 0.21 client)"
            );
        }
    }
    for legacy in [
        "name = \"hyper-rustls\"\nversion = \"0.24",
        "name = \"rustls\"\nversion = \"0.21",
    ] {
        assert!(!lock.contains(legacy), "Cargo.lock still has {legacy:?}");
    }
}
