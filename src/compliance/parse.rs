//! Framework files from YAML to checked [`Framework`]s, every mistake reported at its line: the
//! built-in files and each `DIR/frameworks/*.yaml`, all of them read before any is refused.
//!
//! The file is parsed once into a YAML value (a syntax error is one located error); then the
//! header and each control are read on their own, so a typo in one control does not hide the
//! mistakes in the others. serde_yaml keeps no positions for values, so mistakes found after
//! parsing are located by key path with `util::yaml::locate` (see its approximations).

use super::framework::{Control, Framework, FrameworkError};
use crate::util::diagnostic::{Diagnostic, Diagnostics, Position};
use crate::util::yaml::{self, Step};
use serde::de::DeserializeOwned;
use serde_yaml::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A framework file's text, and where to point in it.
struct Source<'a> {
    path: &'a str,
    text: &'a str,
    lines: Vec<&'a str>,
}

impl Source<'_> {
    /// A diagnostic at `path` (or as deep into it as exists), else at the first line.
    fn at(&self, path: &[Step], message: String) -> Diagnostic {
        let position = match yaml::locate(&self.lines, path) {
            Some(p) => Position::at(self.text, p.line + 1, p.column + 1, p.width),
            None => Position::at(self.text, 1, 1, 1),
        };
        Diagnostic::at(self.path, position, message)
    }
}

/// Framework ids are short kebab-case slugs with dots allowed (`pci-dss-4.0`).
fn is_framework_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.')
}

/// Parses and checks one framework file; `path` names it in errors and gives the expected id.
pub fn parse(path: &str, text: &str) -> Result<Framework, Diagnostics> {
    let src = Source {
        path,
        text,
        lines: text.lines().collect(),
    };
    let value: Value = serde_yaml::from_str(text).map_err(|e| {
        let (message, at) = yaml::error_parts(&e);
        let (line, column) = at.unwrap_or((1, 1));
        let d = Diagnostic::at(path, Position::at(text, line, column, 1), message);
        Diagnostics(vec![d])
    })?;
    let Value::Mapping(mut header) = value else {
        let message = "a framework file is a mapping with `id`, `title`, `version`, `description` and `controls`";
        return Err(Diagnostics(vec![src.at(&[], message.into())]));
    };
    let mut problems = Diagnostics::default();
    let controls = read_controls(&src, header.remove("controls"), &mut problems);
    let framework = read::<Framework>(&src, Value::Mapping(header), &[], "framework");
    let mut fw = match framework {
        Ok(fw) => fw,
        Err(d) => {
            // The controls are still checked, so that one run shows their mistakes too.
            problems.push(d);
            Framework::default()
        }
    };
    if problems.is_empty() {
        problems.extend(check_id(&src, &fw.id));
    }
    if controls.is_empty() && problems.is_empty() {
        let message = "lists no controls: add at least one under `controls:`";
        problems.push(src.at(&[Step::Key("controls")], message.into()));
    }
    problems.extend(check_controls(&src, &controls));
    fw.path = path.to_string();
    fw.text = Arc::from(text);
    fw.controls = controls.into_iter().map(|(_, c)| Arc::new(c)).collect();
    problems.sort();
    problems.into_result(fw)
}

/// The id is a slug and matches the file name.
fn check_id(src: &Source, id: &str) -> Option<Diagnostic> {
    let at = [Step::Key("id"), Step::Text(id)];
    let stem = Path::new(src.path)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    if !is_framework_id(id) {
        let message = format!(
            "framework id {id:?} must be lowercase letters, digits, `-` and `.` (e.g. `pci-dss-4.0`)"
        );
        return Some(src.at(&at, message));
    }
    (id != stem).then(|| {
        let message = format!("framework id `{id}` must match the file name (`{id}.yaml`)");
        src.at(&at, message)
    })
}

/// Each control read on its own, with its position in the list; the mistakes of those that
/// cannot be read go to `problems`.
fn read_controls(
    src: &Source,
    controls: Option<Value>,
    problems: &mut Diagnostics,
) -> Vec<(usize, Control)> {
    match controls {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Sequence(items)) => items
            .into_iter()
            .enumerate()
            .filter_map(|(i, item)| {
                let name = control_name(i, &item);
                let at = [Step::Key("controls"), Step::Item(i)];
                read::<Control>(src, item, &at, &name)
                    .map_err(|d| problems.push(d))
                    .ok()
                    .map(|c| (i, c))
            })
            .collect(),
        Some(_) => {
            let message = "`controls` must be a list of controls (`- id: ...`)";
            problems.push(src.at(&[Step::Key("controls")], message.into()));
            Vec::new()
        }
    }
}

/// `control 1.2` by its id when it has one, else by its position (`control #3`).
fn control_name(i: usize, item: &Value) -> String {
    match item.get("id").and_then(Value::as_str) {
        Some(id) if !id.trim().is_empty() => format!("control {id}"),
        _ => format!("control #{}", i + 1),
    }
}

/// Reads one value; a mistake is located at the key serde stopped at, inside `at`.
fn read<T: DeserializeOwned>(
    src: &Source,
    value: Value,
    at: &[Step],
    name: &str,
) -> Result<T, Diagnostic> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let mut path = at.to_vec();
        path.extend(e.path().iter().filter_map(|s| match s {
            serde_path_to_error::Segment::Map { key } => Some(Step::Key(key)),
            serde_path_to_error::Segment::Seq { index } => Some(Step::Item(*index)),
            _ => None,
        }));
        let (message, _) = yaml::error_parts(e.inner());
        // Name the key at fault unless the message does (`unknown field `titel``).
        let key = e.path().to_string();
        let last = e
            .path()
            .iter()
            .next_back()
            .map(|s| s.to_string())
            .unwrap_or_default();
        let message = if key == "." || message.contains(&format!("`{last}`")) {
            format!("{name}: {message}")
        } else {
            format!("{name}: {key}: {message}")
        };
        src.at(&path, message)
    })
}

/// What serde cannot check: ids and titles present and unique, each control evidenced or
/// manual, no policy listed twice. `controls` are the ones that parsed, with their position.
fn check_controls(src: &Source, controls: &[(usize, Control)]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    for (i, c) in controls {
        let at = |key| [Step::Key("controls"), Step::Item(*i), Step::Key(key)];
        if c.id.trim().is_empty() || c.title.trim().is_empty() {
            let key = if c.id.trim().is_empty() {
                "id"
            } else {
                "title"
            };
            out.push(src.at(&at(key), format!("control #{} has an empty `{key}`", i + 1)));
            continue;
        }
        if !seen.insert(c.id.as_str()) {
            out.push(src.at(
                &at("id"),
                format!(
                    "control {} is listed twice: give each control its own id",
                    c.id
                ),
            ));
        }
        let manual = c.manual.as_deref().is_some_and(|m| !m.trim().is_empty());
        if c.policies.is_empty() && !manual {
            out.push(src.at(&at("id"), format!(
                "control {} has neither `policies` nor `manual`: say which policies evidence it, or what an auditor checks by hand",
                c.id
            )));
        }
        let mut policies = BTreeSet::new();
        for p in &c.policies {
            if !policies.insert(p) {
                // Points at the first mention of the policy in the list: the locator finds
                // words, not their n-th occurrence.
                let path = [
                    Step::Key("controls"),
                    Step::Item(*i),
                    Step::Key("policies"),
                    Step::Text(p),
                ];
                out.push(src.at(&path, format!("control {} lists policy `{p}` twice", c.id)));
            }
        }
    }
    out
}

/// The built-in frameworks, then those in each `DIR/frameworks/*.yaml`, sorted by id. Every
/// file is read and checked before any mistake is returned.
pub fn load(dirs: &[PathBuf]) -> Result<Vec<Framework>, FrameworkError> {
    let mut files: Vec<(String, String)> = crate::util::builtin::framework_files()
        .iter()
        .map(|(p, t)| (p.to_string(), t.to_string()))
        .collect();
    for dir in dirs {
        let fw_dir = dir.join("frameworks");
        let Ok(entries) = std::fs::read_dir(&fw_dir) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
            .collect();
        paths.sort();
        for p in paths {
            let text = std::fs::read_to_string(&p).map_err(|error| FrameworkError::Read {
                file: p.clone(),
                error,
            })?;
            files.push((p.display().to_string(), text));
        }
    }
    let mut problems = Diagnostics::default();
    let mut by_id: BTreeMap<String, Framework> = BTreeMap::new();
    for (path, text) in files {
        let fw = match parse(&path, &text) {
            Ok(fw) => fw,
            Err(found) => {
                problems.extend(found.0);
                continue;
            }
        };
        if let Some(first) = by_id.get(&fw.id) {
            let src = Source {
                path: &path,
                text: &text,
                lines: text.lines().collect(),
            };
            problems.push(src.at(
                &[Step::Key("id"), Step::Text(&fw.id)],
                format!(
                    "duplicate framework id `{}`: also defined in {}",
                    fw.id, first.path
                ),
            ));
            continue;
        }
        by_id.insert(fw.id.clone(), fw);
    }
    problems
        .into_result(by_id.into_values().collect())
        .map_err(FrameworkError::Invalid)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "id: test-fw\ntitle: Test\nversion: \"1\"\ndescription: d\ncontrols:\n  - id: \"1.1\"\n    title: One\n    description: d\n    policies: [a-b]\n  - id: \"1.2\"\n    title: Two\n    description: d\n    manual: Look at the paper records.\n";

    fn errors(path: &str, text: &str) -> Vec<String> {
        parse(path, text)
            .unwrap_err()
            .iter()
            .map(|d| format!("{}: {}", d.location(), d.message))
            .collect()
    }

    #[test]
    fn a_good_file_parses() {
        let fw = parse("x/test-fw.yaml", GOOD).unwrap();
        assert_eq!(fw.controls.len(), 2);
        assert!(fw.controls[1].is_manual());
        assert_eq!(fw.automated(), 1);
        assert_eq!(&*fw.text, GOOD);
    }

    #[test]
    fn every_mistake_is_located_at_its_control() {
        let text = GOOD
            .replace("    manual: Look at the paper records.\n", "")
            .replace("title: One", "titel: One")
            + "  - id: \"1.2\"\n    title: Again\n    description: d\n    policies: [a-b, c-d, a-b]\n";
        assert_eq!(
            errors("x/test-fw.yaml", &text),
            [
                "x/test-fw.yaml:7:5: control 1.1: unknown field `titel`, expected one of `id`, `title`, `section`, `description`, `policies`, `manual`",
                "x/test-fw.yaml:10:5: control 1.2 has neither `policies` nor `manual`: say which policies evidence it, or what an auditor checks by hand",
                "x/test-fw.yaml:13:5: control 1.2 is listed twice: give each control its own id",
                "x/test-fw.yaml:16:16: control 1.2 lists policy `a-b` twice",
            ]
        );
    }

    #[test]
    fn header_mistakes_are_located() {
        assert_eq!(
            errors("x/other.yaml", GOOD),
            ["x/other.yaml:1:5: framework id `test-fw` must match the file name (`test-fw.yaml`)"]
        );
        let found = errors(
            "x/test-fw.yaml",
            &GOOD.replace("version: \"1\"", "version: [1]"),
        );
        assert_eq!(found.len(), 1);
        assert!(
            found[0].starts_with("x/test-fw.yaml:3:1: framework: version: invalid type"),
            "{}",
            found[0]
        );
        let found = errors("x/test-fw.yaml", "id: test-fw\ncontrols: [\n");
        assert_eq!(
            found,
            ["x/test-fw.yaml:2:12: did not find expected node content, while parsing a flow node"],
            "a syntax error is one error; at the end of the file, after the last character"
        );
        let text = GOOD
            .replace("title: Test\n", "")
            .replace("title: Two", "titel: Two");
        let found = errors("x/test-fw.yaml", &text);
        assert_eq!(
            found.len(),
            2,
            "a header mistake does not hide a control's: {found:#?}"
        );
        assert!(
            found[0].starts_with("x/test-fw.yaml:1:1: framework: missing field `title`"),
            "{}",
            found[0]
        );
        assert!(
            found[1].starts_with("x/test-fw.yaml:10:5: control 1.2: unknown field `titel`"),
            "{}",
            found[1]
        );
        let found = errors(
            "x/test-fw.yaml",
            "id: test-fw\ntitle: T\nversion: \"1\"\ndescription: d\n",
        );
        assert_eq!(
            found,
            ["x/test-fw.yaml:1:1: lists no controls: add at least one under `controls:`"]
        );
    }
}
