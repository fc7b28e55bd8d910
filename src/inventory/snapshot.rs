//! Reading snapshot files: precise errors (file, JSON path, line, column) and a version gate.

use super::Inventory;
use serde::Deserialize;
use std::io::{Read, Seek, SeekFrom};
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
    #[error("cannot decompress snapshot {file} (gzip)")]
    Gzip {
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
    #[error(transparent)]
    Combine(#[from] super::combine::CombineError),
    #[error("{file}: snapshot has no `schema_version`; is this a Palisade snapshot?")]
    MissingVersion { file: PathBuf },
    #[error(
        "{file}: snapshot schema_version {found:?} is not supported; this Palisade reads {SUPPORTED_MAJOR}.x \
         (upgrade Palisade or re-collect the snapshot)"
    )]
    Version { file: PathBuf, found: String },
}

/// Loads a snapshot file, plain JSON or gzip-compressed (recognised by its magic bytes, so a
/// renamed file still reads).
pub fn load_snapshot(path: &Path) -> Result<Inventory, SnapshotError> {
    let io = |source| SnapshotError::Io {
        file: path.to_path_buf(),
        source,
    };
    let mut file = std::fs::File::open(path).map_err(io)?;
    let mut magic = [0u8; 2];
    let gzip = read_prefix(&mut file, &mut magic).map_err(io)? == 2 && magic == [0x1f, 0x8b];
    file.seek(SeekFrom::Start(0)).map_err(io)?;
    let mut text = String::new();
    if gzip {
        flate2::read::MultiGzDecoder::new(std::io::BufReader::new(file))
            .read_to_string(&mut text)
            .map_err(|source| SnapshotError::Gzip {
                file: path.to_path_buf(),
                source,
            })?;
    } else {
        file.read_to_string(&mut text).map_err(io)?;
    }
    load_snapshot_str(&text, path)
}

/// Reads up to `buf.len()` bytes (fewer only at the end of the file).
fn read_prefix(file: &mut std::fs::File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match file.read(&mut buf[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

/// Parses snapshot text; `origin` names it in errors.
pub fn load_snapshot_str(text: &str, origin: &Path) -> Result<Inventory, SnapshotError> {
    let file = origin.to_path_buf();
    // Fast path: plain serde. Only a snapshot that fails is parsed again with path tracking,
    // which costs about a third more on large files.
    // A stream of several documents (`collect --org`) takes the same path.
    if let Some(inventory) = load_documents(text, &file)? {
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
            Ok(with_missing_collections(inventory))
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

/// One snapshot document, or a stream of them one after another (what `collect --org`
/// writes: one per account as it completes, then the run's own), combined into one inventory
/// as `merge` would. `None` when the first document does not parse (the caller then says why).
fn load_documents(text: &str, file: &Path) -> Result<Option<Inventory>, SnapshotError> {
    let mut documents = serde_json::Deserializer::from_str(text).into_iter::<Inventory>();
    let Some(Ok(first)) = documents.next() else {
        return Ok(None);
    };
    let mut parts = vec![first];
    for document in documents {
        let document = document.map_err(|e| {
            let message = strip_position(&e.to_string());
            if e.is_syntax() || e.is_eof() {
                SnapshotError::Syntax {
                    file: file.to_path_buf(),
                    line: e.line(),
                    column: e.column(),
                    message,
                }
            } else {
                SnapshotError::Data {
                    file: file.to_path_buf(),
                    json_path: format!("(document {})", parts.len() + 1),
                    line: e.line(),
                    column: e.column(),
                    message,
                }
            }
        })?;
        parts.push(document);
    }
    if parts.len() == 1 {
        let inventory = parts.remove(0);
        check_version(&inventory.schema_version, file)?;
        return Ok(Some(with_missing_collections(inventory)));
    }
    let mut named = Vec::with_capacity(parts.len());
    for (n, part) in parts.into_iter().enumerate() {
        check_version(&part.schema_version, file)?;
        let name = PathBuf::from(format!("{} (document {})", file.display(), n + 1));
        named.push((name, with_missing_collections(part)));
    }
    Ok(Some(super::combine::combine(named)?))
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

/// Collections added in a minor version whose absence would not be harmless, with the call
/// that fills them: (minor version, service, operation). A policy that judges a whole account
/// from them (no alarm on root sign-ins, say) would fail every account of an older snapshot
/// that simply predates them, so such a snapshot records a gap per account for each, and
/// those results are `not-evaluated` instead.
const ADDED_IN: &[(u32, &str, &str)] = &[
    (3, "logs", "DescribeLogGroups"),
    (3, "cloudwatch", "DescribeAlarms"),
    (4, "securityhub", "DescribeHub"),
    (4, "account", "GetAlternateContact"),
    (6, "dynamodb", "ListTables"),
    (6, "secretsmanager", "ListSecrets"),
    (6, "acm", "ListCertificates"),
    (7, "lambda", "ListFunctions"),
    (7, "ecr", "DescribeRepositories"),
    (7, "eks", "ListClusters"),
    (7, "access-analyzer", "ListAnalyzers"),
    (7, "macie2", "GetMacieSession"),
    (7, "inspector2", "BatchGetAccountStatus"),
    (7, "redshift", "DescribeClusters"),
    (7, "elasticache", "DescribeReplicationGroups"),
    (7, "es", "ListDomainNames"),
    (7, "ec2", "GetSnapshotBlockPublicAccessState"),
    (7, "ec2", "GetImageBlockPublicAccessState"),
    (7, "ec2", "GetSerialConsoleAccessStatus"),
    (8, "ecs", "ListTaskDefinitionFamilies"),
    (8, "cloudfront", "ListDistributions"),
    (8, "wafv2", "ListWebACLs"),
    (8, "wafv2", "GetWebACLForResource"),
    (8, "apigateway", "GetRestApis"),
    // The detectors' protection plans (`features`): older snapshots have the detectors but
    // not their plans, which the plan policies would read as off.
    (10, "guardduty", "GetDetector"),
    // Buckets' Object Lock: an optional field, so the gap blinds only the policies that
    // name the call in `needs`.
    (10, "s3", "GetObjectLockConfiguration"),
];

fn with_missing_collections(mut inventory: Inventory) -> Inventory {
    let minor = inventory
        .schema_version
        .split('.')
        .nth(1)
        .and_then(|m| m.parse::<u32>().ok())
        .unwrap_or(0);
    let version = inventory.schema_version.clone();
    for (added, service, operation) in ADDED_IN {
        if minor >= *added {
            continue;
        }
        for account in &inventory.accounts {
            inventory.gaps.push(super::Gap {
                service: service.to_string(),
                region: "global".to_string(),
                operation: operation.to_string(),
                error: super::gaps::NOT_IN_SNAPSHOT.to_string(),
                account_id: Some(account.id.clone()),
                resource: None,
                message: Some(format!(
                    "schema {version} predates it, added in {SUPPORTED_MAJOR}.{added}; collect again"
                )),
            });
        }
    }
    inventory
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
    fn gzip_snapshots_load_and_broken_ones_say_so() {
        use std::io::Write;
        let dir = tempfile::tempdir().unwrap();
        // Named .json: the magic bytes decide, not the name.
        let path = dir.path().join("s.json");
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(MINIMAL.as_bytes()).unwrap();
        let bytes = gz.finish().unwrap();
        std::fs::write(&path, &bytes).unwrap();
        assert_eq!(load_snapshot(&path).unwrap().schema_version, "1.0");
        std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
        let err = load_snapshot(&path).unwrap_err();
        assert!(matches!(err, SnapshotError::Gzip { .. }), "{err}");
        assert!(err.to_string().contains("s.json"), "{err}");
    }

    #[test]
    fn a_stream_of_documents_is_one_snapshot_and_repeats_are_refused() {
        let part = |id: &str| {
            format!(
                r#"{{"schema_version":"1.9","collected_at":"2026-01-01T00:00:00Z","accounts":[{{"id":"{id}"}}]}}"#
            )
        };
        let stream = format!(
            "{}\n{}\n{}\n",
            part("111111111111"),
            part("222222222222"),
            MINIMAL
        );
        let inv = load_snapshot_str(&stream, Path::new("s.json")).unwrap();
        let ids: Vec<&str> = inv.accounts.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["111111111111", "222222222222"]);
        let repeated = format!("{}\n{}\n", part("111111111111"), part("111111111111"));
        let err = load_snapshot_str(&repeated, Path::new("s.json")).unwrap_err();
        assert!(err.to_string().contains("s.json (document 2)"), "{err}");
        let broken = format!("{}\n{{\"schema_version\": \"1.9\", ", part("111111111111"));
        let err = load_snapshot_str(&broken, Path::new("s.json")).unwrap_err();
        assert!(
            matches!(err, SnapshotError::Syntax { line: 2, .. }),
            "{err}"
        );
    }

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
        let text = r#"{"schema_version":"1.8","collected_at":"2026-01-01T00:00:00Z","future":1}"#;
        assert!(load_snapshot_str(text, Path::new("n.json")).is_ok());
    }

    #[test]
    fn an_older_minor_version_records_what_it_predates_as_gaps() {
        let accounts =
            r#""accounts":[{"id":"111122223333","partition":"aws","regions":["us-east-1"]}]"#;
        let old = format!(
            r#"{{"schema_version":"1.2","collected_at":"2026-01-01T00:00:00Z",{accounts}}}"#
        );
        let inv = load_snapshot_str(&old, Path::new("o.json")).unwrap();
        let calls: Vec<String> = inv
            .gaps
            .iter()
            .map(|g| {
                format!(
                    "{}:{} {:?} {}",
                    g.service, g.operation, g.account_id, g.error
                )
            })
            .collect();
        assert_eq!(
            calls,
            [
                "logs:DescribeLogGroups Some(\"111122223333\") NotInSnapshot",
                "cloudwatch:DescribeAlarms Some(\"111122223333\") NotInSnapshot",
                "securityhub:DescribeHub Some(\"111122223333\") NotInSnapshot",
                "account:GetAlternateContact Some(\"111122223333\") NotInSnapshot",
                "dynamodb:ListTables Some(\"111122223333\") NotInSnapshot",
                "secretsmanager:ListSecrets Some(\"111122223333\") NotInSnapshot",
                "acm:ListCertificates Some(\"111122223333\") NotInSnapshot",
                "lambda:ListFunctions Some(\"111122223333\") NotInSnapshot",
                "ecr:DescribeRepositories Some(\"111122223333\") NotInSnapshot",
                "eks:ListClusters Some(\"111122223333\") NotInSnapshot",
                "access-analyzer:ListAnalyzers Some(\"111122223333\") NotInSnapshot",
                "macie2:GetMacieSession Some(\"111122223333\") NotInSnapshot",
                "inspector2:BatchGetAccountStatus Some(\"111122223333\") NotInSnapshot",
                "redshift:DescribeClusters Some(\"111122223333\") NotInSnapshot",
                "elasticache:DescribeReplicationGroups Some(\"111122223333\") NotInSnapshot",
                "es:ListDomainNames Some(\"111122223333\") NotInSnapshot",
                "ec2:GetSnapshotBlockPublicAccessState Some(\"111122223333\") NotInSnapshot",
                "ec2:GetImageBlockPublicAccessState Some(\"111122223333\") NotInSnapshot",
                "ec2:GetSerialConsoleAccessStatus Some(\"111122223333\") NotInSnapshot",
                "ecs:ListTaskDefinitionFamilies Some(\"111122223333\") NotInSnapshot",
                "cloudfront:ListDistributions Some(\"111122223333\") NotInSnapshot",
                "wafv2:ListWebACLs Some(\"111122223333\") NotInSnapshot",
                "wafv2:GetWebACLForResource Some(\"111122223333\") NotInSnapshot",
                "apigateway:GetRestApis Some(\"111122223333\") NotInSnapshot",
                "guardduty:GetDetector Some(\"111122223333\") NotInSnapshot",
                "s3:GetObjectLockConfiguration Some(\"111122223333\") NotInSnapshot"
            ]
        );
        assert!(inv.gaps[0]
            .message
            .as_deref()
            .unwrap()
            .contains("schema 1.2 predates"));
        let newer = old.replace("1.2", "1.3");
        let inv = load_snapshot_str(&newer, Path::new("n.json")).unwrap();
        assert_eq!(
            inv.gaps.len(),
            24,
            "1.3 predates Security Hub, contacts, DynamoDB, Secrets Manager, ACM, the 1.7 and 1.8 services and the 1.10 fields"
        );
        let before = old.replace("1.2", "1.5");
        let inv = load_snapshot_str(&before, Path::new("b.json")).unwrap();
        assert_eq!(
            inv.gaps.len(),
            22,
            "1.5 predates DynamoDB, Secrets Manager, ACM, the 1.7 and 1.8 services and the 1.10 fields"
        );
        let before = old.replace("1.2", "1.6");
        let inv = load_snapshot_str(&before, Path::new("s.json")).unwrap();
        assert_eq!(
            inv.gaps.len(),
            19,
            "1.6 predates Lambda, ECR, EKS, Access Analyzer, Macie, Inspector, Redshift, ElastiCache, OpenSearch, three EC2 switches, the 1.8 services and the 1.10 fields"
        );
        let before = old.replace("1.2", "1.7");
        let inv = load_snapshot_str(&before, Path::new("p.json")).unwrap();
        assert_eq!(
            inv.gaps.len(),
            7,
            "1.7 predates ECS, CloudFront, WAF, API Gateway and the 1.10 fields"
        );
        for before in ["1.8", "1.9"] {
            let inv = load_snapshot_str(&old.replace("1.2", before), Path::new("q.json")).unwrap();
            let calls: Vec<String> = inv
                .gaps
                .iter()
                .map(|g| format!("{}:{}", g.service, g.operation))
                .collect();
            assert_eq!(
                calls,
                ["guardduty:GetDetector", "s3:GetObjectLockConfiguration"],
                "{before} predates the detectors' protection plans and the buckets' Object Lock"
            );
        }
        let current = old.replace("1.2", "1.10");
        let inv = load_snapshot_str(&current, Path::new("c.json")).unwrap();
        assert!(inv.gaps.is_empty());
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
