//! Reading snapshot files: precise errors (file, JSON path, line, column) and a version gate.

use super::Inventory;
use serde::Deserialize;
use std::path::{Path, PathBuf};

const SUPPORTED_MAJOR: &str = "1";

#[derive(Debug, thiserror::Error)]
pub enum SnapshotError {
    #[error("cannot read snapshot {file}")]
    Io {
        file: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{file}:{line}:{column}: snapshot is not valid JSON: {message}")]
    Syntax {
        file: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{file}:{line}:{column}: invalid snapshot at `{json_path}`: {message}")]
    Data {
        file: PathBuf,
        json_path: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{file}: snapshot has no `schema_version`; is this a Palisade snapshot?")]
    MissingVersion { file: PathBuf },
    #[error(
        "{file}: snapshot schema_version {found:?} is not supported; this Palisade reads {SUPPORTED_MAJOR}.x \
         (upgrade Palisade or re-collect the snapshot)"
    )]
    Version { file: PathBuf, found: String },
}

/// Loads a snapshot file.
pub fn load_snapshot(path: &Path) -> Result<Inventory, SnapshotError> {
    let text = std::fs::read_to_string(path).map_err(|source| SnapshotError::Io {
        file: path.to_path_buf(),
        source,
    })?;
    load_snapshot_str(&text, path)
}

/// Parses snapshot text; `origin` names it in errors.
pub fn load_snapshot_str(text: &str, origin: &Path) -> Result<Inventory, SnapshotError> {
    let file = origin.to_path_buf();
    // Fast path: plain serde. Only a snapshot that fails is parsed again with path tracking,
    // which costs about a third more on large files.
    if let Ok(inventory) = serde_json::from_str::<Inventory>(text) {
        check_version(&inventory.schema_version, &file)?;
        return Ok(inventory);
    }
    let mut de = serde_json::Deserializer::from_str(text);
    match serde_path_to_error::deserialize::<_, Inventory>(&mut de) {
        Ok(inventory) => {
            de.end().map_err(|e| SnapshotError::Syntax {
                file: file.clone(),
                line: e.line(),
                column: e.column(),
                message: strip_position(&e.to_string()),
            })?;
            check_version(&inventory.schema_version, &file)?;
            Ok(inventory)
        }
        Err(err) => {
            // A snapshot from a future major version fails on its new shape; say why.
            if let Some(version) = probe_version(text) {
                check_version(&version, &file)?;
            }
            let inner = err.inner();
            if inner.is_syntax() || inner.is_eof() {
                return Err(SnapshotError::Syntax {
                    file,
                    line: inner.line(),
                    column: inner.column(),
                    message: strip_position(&inner.to_string()),
                });
            }
            let json_path = err.path().to_string();
            if json_path == "." && inner.to_string().contains("schema_version") {
                return Err(SnapshotError::MissingVersion { file });
            }
            Err(SnapshotError::Data {
                file,
                json_path,
                line: inner.line(),
                column: inner.column(),
                message: strip_position(&inner.to_string()),
            })
        }
    }
}

fn check_version(version: &str, file: &Path) -> Result<(), SnapshotError> {
    match version.split('.').next() {
        Some(major) if major == SUPPORTED_MAJOR => Ok(()),
        _ => Err(SnapshotError::Version {
            file: file.to_path_buf(),
            found: version.to_string(),
        }),
    }
}

fn probe_version(text: &str) -> Option<String> {
    #[derive(Deserialize)]
    struct Probe {
        schema_version: Option<String>,
    }
    serde_json::from_str::<Probe>(text)
        .ok()
        .and_then(|p| p.schema_version)
}

/// serde_json appends " at line L column C"; we print the position in front instead.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"{"schema_version":"1.0","collected_at":"2026-01-01T00:00:00Z"}"#;

    #[test]
    fn minimal_snapshot_loads() {
        let inv = load_snapshot_str(MINIMAL, Path::new("m.json")).unwrap();
        assert!(inv.iam.users.is_empty());
    }

    #[test]
    fn truncated_snapshot_reports_line_and_column() {
        let text = "{\n  \"schema_version\": \"1.0\",\n  \"iam\": {\"users\": [";
        let err = load_snapshot_str(text, Path::new("t.json")).unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("t.json:3:"), "{msg}");
        assert!(matches!(err, SnapshotError::Syntax { .. }));
    }

    #[test]
    fn wrong_type_names_the_json_path() {
        let text = r#"{"schema_version":"1.0","collected_at":"2026-01-01T00:00:00Z",
            "storage":{"ebs_volumes":[{"arn":"a","account_id":"1","region":"r","id":"v","encrypted":"yes"}]}}"#;
        let err = load_snapshot_str(text, Path::new("w.json")).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("storage.ebs_volumes[0].encrypted"), "{msg}");
        assert!(msg.starts_with("w.json:2:"), "{msg}");
    }

    #[test]
    fn unknown_major_version_is_refused_even_when_shape_differs() {
        let text = r#"{"schema_version":"2.0","collected_at":"2026-01-01T00:00:00Z","iam":[]}"#;
        let err = load_snapshot_str(text, Path::new("v.json")).unwrap_err();
        assert!(matches!(err, SnapshotError::Version { .. }), "{err}");
        let ok_shape = r#"{"schema_version":"3.1","collected_at":"2026-01-01T00:00:00Z"}"#;
        let err = load_snapshot_str(ok_shape, Path::new("v.json")).unwrap_err();
        assert!(
            err.to_string().contains("\"3.1\" is not supported"),
            "{err}"
        );
    }

    #[test]
    fn newer_minor_version_is_accepted() {
        let text = r#"{"schema_version":"1.7","collected_at":"2026-01-01T00:00:00Z","future":1}"#;
        assert!(load_snapshot_str(text, Path::new("n.json")).is_ok());
    }

    #[test]
    fn missing_version_is_named() {
        let err = load_snapshot_str(
            r#"{"collected_at":"2026-01-01T00:00:00Z"}"#,
            Path::new("x.json"),
        )
        .unwrap_err();
        assert!(matches!(err, SnapshotError::MissingVersion { .. }), "{err}");
    }

    #[test]
    fn trailing_garbage_is_a_syntax_error() {
        let text = format!("{MINIMAL} extra");
        let err = load_snapshot_str(&text, Path::new("g.json")).unwrap_err();
        assert!(matches!(err, SnapshotError::Syntax { .. }), "{err}");
    }
}
