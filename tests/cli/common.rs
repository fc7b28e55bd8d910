//! Helpers shared by the CLI tests.

use assert_cmd::Command;
use std::io::Read;
use std::net::TcpStream;
use std::path::{Path, PathBuf};

pub fn palisade() -> Command {
    let mut cmd = Command::cargo_bin("palisade").expect("binary is built");
    // Tests never reach the instance metadata service: only loopback traffic.
    cmd.env("NO_COLOR", "1")
        .env_remove("PALISADE_LOG")
        .env("AWS_EC2_METADATA_DISABLED", "true");
    cmd
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/cli/fixtures")
        .join(name)
}

/// Runs the command and returns (exit code, stdout, stderr).
pub fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().expect("palisade runs");
    (
        out.status.code().expect("exited normally, not by a signal"),
        String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    )
}

pub fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).expect("output is valid JSON")
}

/// Writes `contents` into a fresh temporary directory and returns (dir, path).
pub fn temp_file(name: &str, contents: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(name);
    std::fs::write(&path, contents).expect("write temp file");
    (dir, path)
}

/// Findings of a JSON report with the given policy id.
pub fn findings_of<'a>(report: &'a serde_json::Value, policy: &str) -> Vec<&'a serde_json::Value> {
    report["findings"]
        .as_array()
        .expect("findings array")
        .iter()
        .filter(|f| f["policy_id"] == policy)
        .collect()
}

/// The JSON paths where two values differ, each with both sides cut short enough to read,
/// labelled `left` and `right`.
pub fn json_differences(
    a: &serde_json::Value,
    b: &serde_json::Value,
    left: &str,
    right: &str,
) -> Vec<String> {
    fn walk(
        path: &str,
        a: &serde_json::Value,
        b: &serde_json::Value,
        labels: (&str, &str),
        out: &mut Vec<String>,
    ) {
        use serde_json::Value;
        match (a, b) {
            (Value::Object(x), Value::Object(y)) => {
                for key in x.keys().chain(y.keys().filter(|k| !x.contains_key(*k))) {
                    let null = Value::Null;
                    let (l, r) = (x.get(key).unwrap_or(&null), y.get(key).unwrap_or(&null));
                    walk(&format!("{path}.{key}"), l, r, labels, out);
                }
            }
            (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
                for (i, (l, r)) in x.iter().zip(y).enumerate() {
                    walk(&format!("{path}[{i}]"), l, r, labels, out);
                }
            }
            _ if a != b => {
                let cut = |v: &Value| v.to_string().chars().take(300).collect::<String>();
                out.push(format!(
                    "{path}: {} {} / {} {}",
                    labels.0,
                    cut(a),
                    labels.1,
                    cut(b)
                ));
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk("", a, b, (left, right), &mut out);
    out
}

/// The documents of a snapshot file: one, or several for a streamed (`collect --org`) one;
/// gzip-compressed or not.
pub fn snapshot_documents(path: &Path) -> Vec<serde_json::Value> {
    let bytes = std::fs::read(path).expect("snapshot file");
    let text = if bytes.starts_with(&[0x1f, 0x8b]) {
        use std::io::Read;
        let mut text = String::new();
        flate2::read::MultiGzDecoder::new(&bytes[..])
            .read_to_string(&mut text)
            .expect("gzip");
        text
    } else {
        String::from_utf8(bytes).expect("UTF-8")
    };
    serde_json::Deserializer::from_str(&text)
        .into_iter::<serde_json::Value>()
        .map(|d| d.expect("each document is JSON"))
        .collect()
}

/// A snapshot file as one document, joined by `palisade merge` when it is a stream.
pub fn merged_snapshot(path: &Path) -> serde_json::Value {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("merged.json");
    let (code, _, err) = run(palisade().arg("merge").arg(path).arg("-o").arg(&out));
    assert_eq!(code, 0, "{err}");
    json(&std::fs::read_to_string(out).expect("merged snapshot"))
}

/// Reads one HTTP/1.1 request (headers and a Content-Length body).
pub fn read_request(stream: &mut TcpStream) -> Option<(String, Vec<u8>)> {
    let mut buf = Vec::new();
    let mut byte = [0u8; 1];
    while !buf.ends_with(b"\r\n\r\n") {
        if stream.read(&mut byte).ok()? == 0 {
            return None;
        }
        buf.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&buf).into_owned();
    let len = head
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("content-length:")
                .map(|v| v.trim().parse::<usize>().unwrap_or(0))
        })
        .unwrap_or(0);
    let mut body = vec![0u8; len];
    stream.read_exact(&mut body).ok()?;
    Some((head, body))
}
