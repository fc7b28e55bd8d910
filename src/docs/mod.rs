//! Reference documentation generated from the code it describes: one page per policy from its
//! METADATA, the collection table from the registry, and the IAM policy Palisade needs from
//! the operations collectors call. Committed docs are checked against these (a test fails
//! when they are stale); `palisade docs` rewrites them.

pub mod collections;
pub mod policies;
pub mod splice;

use crate::compliance::Catalog;
use std::path::{Path, PathBuf};

/// One generated file, or one generated region of a hand-written file.
pub struct Generated {
    /// Relative to the docs directory.
    pub path: PathBuf,
    /// For a region: the marker name in `<!-- BEGIN GENERATED: name -->`.
    pub region: Option<&'static str>,
    pub text: String,
}

/// Everything generated under `docs/`, in a stable order.
pub fn all(catalog: &Catalog) -> Vec<Generated> {
    let mut out = vec![
        Generated {
            path: "policy-authoring.md".into(),
            region: Some("collections"),
            text: collections::markdown_table(),
        },
        Generated {
            path: "permissions.md".into(),
            region: Some("audit-policy"),
            text: collections::audit_policy_block(),
        },
    ];
    for (name, text) in policies::pages(catalog) {
        out.push(Generated {
            path: Path::new("policies").join(name),
            region: None,
            text,
        });
    }
    out
}

#[derive(Debug, thiserror::Error)]
pub enum DocsError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Splice(#[from] splice::SpliceError),
}

/// The file's contents with `g` in place: the whole file, or its region replaced.
pub fn render(dir: &Path, g: &Generated) -> Result<String, DocsError> {
    let Some(region) = g.region else {
        return Ok(g.text.clone());
    };
    let path = dir.join(&g.path);
    let current = std::fs::read_to_string(&path).map_err(|source| DocsError::Read {
        path: path.clone(),
        source,
    })?;
    Ok(splice::replace(&current, region, &g.text).map_err(|e| e.in_file(&path))?)
}

/// The generated files under `dir` that differ from what the code says, and the policy pages
/// in `dir/policies/` that no policy has any more.
pub fn stale(dir: &Path, generated: &[Generated]) -> Result<Vec<PathBuf>, DocsError> {
    let mut out = Vec::new();
    for g in generated {
        let want = render(dir, g)?;
        let path = dir.join(&g.path);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(want.as_str()) {
            out.push(path);
        }
    }
    out.extend(orphans(dir, generated));
    Ok(out)
}

/// Writes every generated file under `dir` and removes orphaned policy pages; returns what
/// changed.
pub fn write(dir: &Path, generated: &[Generated]) -> Result<Vec<PathBuf>, DocsError> {
    let changed = stale(dir, generated)?;
    for g in generated {
        let path = dir.join(&g.path);
        let text = render(dir, g)?;
        if std::fs::read_to_string(&path).ok().as_deref() == Some(text.as_str()) {
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|source| DocsError::Write {
                path: parent.to_path_buf(),
                source,
            })?;
        }
        std::fs::write(&path, text).map_err(|source| DocsError::Write {
            path: path.clone(),
            source,
        })?;
    }
    for orphan in orphans(dir, generated) {
        std::fs::remove_file(&orphan).map_err(|source| DocsError::Write {
            path: orphan.clone(),
            source,
        })?;
    }
    Ok(changed)
}

/// Writes whole pages into `dir` (created if needed), leaving other files alone; returns the
/// pages that changed.
pub fn write_pages(dir: &Path, pages: &[Generated]) -> Result<Vec<PathBuf>, DocsError> {
    let mut changed = Vec::new();
    std::fs::create_dir_all(dir).map_err(|source| DocsError::Write {
        path: dir.to_path_buf(),
        source,
    })?;
    for g in pages {
        let path = dir.join(&g.path);
        if std::fs::read_to_string(&path).ok().as_deref() == Some(g.text.as_str()) {
            continue;
        }
        std::fs::write(&path, &g.text).map_err(|source| DocsError::Write {
            path: path.clone(),
            source,
        })?;
        changed.push(path);
    }
    Ok(changed)
}

/// Markdown files in `dir/policies/` that nothing generates (a policy renamed or removed).
fn orphans(dir: &Path, generated: &[Generated]) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir.join("policies")) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .filter(|p| !generated.iter().any(|g| &dir.join(&g.path) == p))
        .collect();
    out.sort();
    out
}
