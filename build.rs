//! Embeds every policy (`.rego`) and framework (`policies/frameworks/*.yaml`) into the binary, so built-in policies need no install step.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn walk(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, ext, out);
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
}

fn main() {
    let root =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let policies = root.join("policies");
    println!("cargo:rerun-if-changed=policies");
    let mut code = String::new();
    embed(
        &root,
        &policies,
        "rego",
        "BUILTIN_FILES",
        "Built-in policy files",
        &mut code,
    );
    embed(
        &root,
        &policies.join("frameworks"),
        "yaml",
        "BUILTIN_FRAMEWORKS",
        "Built-in compliance frameworks",
        &mut code,
    );
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("builtin_policies.rs");
    std::fs::write(out, code).expect("write builtin_policies.rs");
}

/// Appends a static `(path relative to the repository, contents)` table of every `ext` file
/// under `dir`, in path order.
fn embed(root: &Path, dir: &Path, ext: &str, name: &str, doc: &str, code: &mut String) {
    let mut files = Vec::new();
    walk(dir, ext, &mut files);
    files.sort();
    writeln!(code, "/// {doc}: (path relative to the repository, contents).\npub static {name}: &[(&str, &str)] = &[").expect("writing to a String");
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let rel = f.strip_prefix(root).expect("under the manifest dir");
        writeln!(
            code,
            "    ({:?}, include_str!({:?})),",
            rel.to_string_lossy().replace('\\', "/"),
            f.to_string_lossy()
        )
        .expect("writing to a String");
    }
    code.push_str("];\n");
}
