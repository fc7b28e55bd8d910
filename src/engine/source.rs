//! Policy sources: the embedded built-ins and `--policies DIR` directories, sorted into
//! policies, their tests, and shared library modules.

use crate::util::diagnostic::Position;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One Rego file.
#[derive(Debug, Clone)]
pub struct RegoFile {
    /// Where it came from, as shown in messages (`policies/ec2/x.rego` or the user's path).
    pub path: String,
    pub text: Arc<str>,
    pub package: String,
}

impl RegoFile {
    pub fn file_stem(&self) -> &str {
        let name = self.path.rsplit(['/', '\\']).next().unwrap_or(&self.path);
        name.strip_suffix(".rego").unwrap_or(name)
    }

    /// Where this file's tests live: `x.rego` → `x_test.rego`, in the same directory.
    pub fn test_path(&self) -> String {
        format!("{}_test.rego", self.path.trim_end_matches(".rego"))
    }

    pub fn is_test(&self) -> bool {
        self.file_stem().ends_with("_test")
    }

    /// Where the package name is declared, for messages about it; else the first line.
    pub fn package_position(&self) -> Position {
        let found = self.text.lines().enumerate().find_map(|(i, l)| {
            let name = l.trim().strip_prefix("package ")?.trim();
            let column = l.find(name).map_or(0, |c| l[..c].chars().count());
            Some((i + 1, column + 1, name.chars().count()))
        });
        let (line, column, width) = found.unwrap_or((1, 1, 1));
        Position::at(&self.text, line, column, width)
    }

    /// Library modules (`package palisade.lib.*` or `lib.*`) hold helpers shared by policies.
    pub fn is_library(&self) -> bool {
        self.package.starts_with("palisade.lib.") || self.package.starts_with("lib.")
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("cannot read policy directory {dir}")]
    Dir {
        dir: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot read policy file {file}")]
    File {
        file: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{file}:1: no `package` declaration")]
    NoPackage { file: String },
}

fn package_of(text: &str) -> Option<String> {
    text.lines().find_map(|l| {
        let rest = l.trim().strip_prefix("package ")?;
        Some(rest.trim().to_string())
    })
}

fn rego_file(path: String, text: Arc<str>) -> Result<RegoFile, SourceError> {
    let package = package_of(&text).ok_or_else(|| SourceError::NoPackage { file: path.clone() })?;
    Ok(RegoFile {
        path,
        text,
        package,
    })
}

/// The built-in policy files.
pub fn builtin() -> Result<Vec<RegoFile>, SourceError> {
    crate::util::builtin::policy_files()
        .iter()
        .map(|(path, text)| rego_file(path.to_string(), Arc::from(*text)))
        .collect()
}

/// Every `.rego` file under `dir`, recursively, in path order.
pub fn directory(dir: &Path) -> Result<Vec<RegoFile>, SourceError> {
    if !dir.is_dir() {
        return Err(SourceError::Dir {
            dir: dir.to_path_buf(),
            source: std::io::Error::new(std::io::ErrorKind::NotFound, "not a directory"),
        });
    }
    let mut paths = Vec::new();
    walk(dir, &mut paths)?;
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).map_err(|source| SourceError::File {
                file: p.clone(),
                source,
            })?;
            rego_file(p.display().to_string(), Arc::from(text))
        })
        .collect()
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), SourceError> {
    let entries = std::fs::read_dir(dir).map_err(|source| SourceError::Dir {
        dir: dir.to_path_buf(),
        source,
    })?;
    for entry in entries {
        let entry = entry.map_err(|source| SourceError::Dir {
            dir: dir.to_path_buf(),
            source,
        })?;
        let path = entry.path();
        if path.is_dir() {
            walk(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "rego") {
            out.push(path);
        }
    }
    Ok(())
}
