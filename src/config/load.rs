//! Loading `palisade.toml` in one step from text to a checked [`Config`], reporting every
//! mistake with its line and column. The document is parsed once into spanned TOML; each
//! segment, flow and suppression is then read on its own, so a typo in one entry does not hide
//! the mistakes in the others.

use super::check::{self, Entries};
use super::model::{Config, Flow, Segment};
use super::problem::{Problem, Step};
use super::suppression::Suppression;
use crate::util::diagnostic::{Diagnostic, Diagnostics, Position};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::de::{DeTable, DeValue, ValueDeserializer};
use toml::Spanned;

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read the config file {path}: {error}")]
    Read {
        path: PathBuf,
        error: std::io::Error,
    },
    /// Every mistake in the file, located; the message is the summary line.
    #[error("{}", .diagnostics.summary())]
    Invalid {
        path: PathBuf,
        #[source]
        diagnostics: Diagnostics,
    },
}

impl Config {
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|error| ConfigError::Read {
            path: path.to_path_buf(),
            error,
        })?;
        Config::parse_file(&path.display().to_string(), &text).map_err(|diagnostics| {
            ConfigError::Invalid {
                path: path.to_path_buf(),
                diagnostics,
            }
        })
    }

    /// [`Config::parse_file`] for text that diagnostics call `palisade.toml`.
    pub fn parse(text: &str) -> Result<Config, Diagnostics> {
        Config::parse_file("palisade.toml", text)
    }

    /// Parses and checks: every flow names known segments and valid services, every CIDR parses,
    /// every segment selects something. Errors name `file` and are in the order of the text.
    pub fn parse_file(file: &str, text: &str) -> Result<Config, Diagnostics> {
        let doc = DeTable::parse(text).map_err(|e| {
            // A syntax error ends parsing: there is no document to look further into.
            let mut d = Diagnostics::default();
            d.push(located(file, text, e.message(), e.span().unwrap_or(0..0)));
            d
        })?;
        let mut parsed = Parsed::default();
        for (k, value) in doc.get_ref() {
            match k.get_ref().as_ref() {
                "segments" => parsed.segments(value),
                "flows" => parsed.flows(value),
                "suppressions" => parsed.suppressions(value),
                other => parsed.shape.push((
                    k.span(),
                    format!(
                        "unknown field `{other}`, expected `segments`, `flows` or `suppressions`"
                    ),
                )),
            }
        }
        let problems = check::problems(&Entries {
            names: &parsed.names,
            segments: &parsed.segments,
            flows: &parsed.flows,
            suppressions: &parsed.suppressions,
        });
        let mut diagnostics: Diagnostics = parsed
            .shape
            .into_iter()
            .map(|(span, message)| located(file, text, &message, span))
            .chain(problems.into_iter().map(|p| {
                let Problem { path, message } = p;
                located(file, text, &message, span_of(&doc, &path))
            }))
            .collect();
        diagnostics.sort();
        let mut suppressions = parsed.suppressions;
        for s in &mut suppressions {
            let path = [
                Step::Key("suppressions".into()),
                Step::Index(s.index - 1),
                Step::Key("policy".into()),
            ];
            let at = Position::of_span(text, span_of(&doc, &path));
            s.policy_at = Some((file.to_string(), at));
        }
        diagnostics.into_result(Config {
            segments: parsed.segments,
            flows: parsed.flows.into_iter().map(|(_, f)| f).collect(),
            suppressions,
        })
    }
}

fn located(file: &str, text: &str, message: &str, span: Range<usize>) -> Diagnostic {
    Diagnostic::at(file, Position::of_span(text, span), message)
}

/// The entries parsed so far, and the shape mistakes (wrong type, unknown or missing field) of
/// those that could not be read, by span.
#[derive(Default)]
struct Parsed {
    names: BTreeSet<String>,
    segments: BTreeMap<String, Segment>,
    flows: Vec<(usize, Flow)>,
    suppressions: Vec<Suppression>,
    shape: Vec<(Range<usize>, String)>,
}

impl Parsed {
    fn segments(&mut self, value: &Spanned<DeValue>) {
        let Some(table) = value.get_ref().as_table() else {
            return self.not_a(
                value,
                "`segments` must be a table of segments: [segments.NAME]",
            );
        };
        for (name, v) in table {
            let name = name.get_ref().to_string();
            self.names.insert(name.clone());
            match entry::<Segment>(v, || format!("segment `{name}`")) {
                Ok(s) => {
                    self.segments.insert(name, s);
                }
                Err(e) => self.shape.push(e),
            }
        }
    }

    fn flows(&mut self, value: &Spanned<DeValue>) {
        let Some(array) = value.get_ref().as_array() else {
            return self.not_a(value, "`flows` must be an array of tables: [[flows]]");
        };
        for (i, v) in array.iter().enumerate() {
            match entry::<Flow>(v, || format!("flow {}", i + 1)) {
                Ok(f) => self.flows.push((i, f)),
                Err(e) => self.shape.push(e),
            }
        }
    }

    fn suppressions(&mut self, value: &Spanned<DeValue>) {
        let Some(array) = value.get_ref().as_array() else {
            return self.not_a(
                value,
                "`suppressions` must be an array of tables: [[suppressions]]",
            );
        };
        for (i, v) in array.iter().enumerate() {
            match entry::<Suppression>(v, || format!("suppression {}", i + 1)) {
                Ok(mut s) => {
                    s.index = i + 1;
                    self.suppressions.push(s);
                }
                Err(e) => self.shape.push(e),
            }
        }
    }

    fn not_a(&mut self, value: &Spanned<DeValue>, message: &str) {
        self.shape.push((value.span(), message.to_string()));
    }
}

/// One entry read on its own; a mistake is located at the value serde stopped at, else at the
/// entry, and its message names the entry.
fn entry<'de, T: Deserialize<'de>>(
    value: &Spanned<DeValue<'de>>,
    name: impl Fn() -> String,
) -> Result<T, (Range<usize>, String)> {
    T::deserialize(ValueDeserializer::from(value.clone())).map_err(|e| {
        (
            e.span().unwrap_or(value.span()),
            format!("{}: {}", name(), e.message()),
        )
    })
}

/// The span of the value at `path`, or of the deepest part of it that exists. A key whose value
/// is a table points at the key (`cde` in `[segments.cde]`), other values at the value.
fn span_of(doc: &Spanned<DeTable>, path: &[Step]) -> Range<usize> {
    let mut span = 0..0;
    let mut table = Some(doc.get_ref());
    let mut array: Option<&toml::de::DeArray> = None;
    for step in path {
        let found = match (step, table, array) {
            (Step::Key(k), Some(t), _) => {
                t.iter()
                    .find(|(key, _)| key.get_ref() == k)
                    .map(|(key, v)| {
                        (
                            if v.get_ref().is_table() {
                                key.span()
                            } else {
                                v.span()
                            },
                            v,
                        )
                    })
            }
            (Step::Index(i), _, Some(a)) => a.get(*i).map(|v| (v.span(), v)),
            _ => None,
        };
        let Some((at, value)) = found else { break };
        span = at;
        table = value.get_ref().as_table();
        array = value.get_ref().as_array();
    }
    span
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(text: &str) -> Vec<String> {
        Config::parse(text)
            .unwrap_err()
            .iter()
            .map(|d| format!("{}: {}", d.location(), d.message))
            .collect()
    }

    #[test]
    fn every_mistake_is_located() {
        let text = "[segments.cde]\nkind = \"cde\"\n\n[segments.app]\ncidrs = [\"10.0.0.0/8\", \"10.0.0.0/33\"]\n\n[[flows]]\nfrom = \"app\"\nto = \"vault\"\nservices = [\"tcp/99999\"]\n";
        assert_eq!(
            errors(text),
            [
                "palisade.toml:1:11: segment `cde` selects nothing: give it `tags`, `subnets` or `cidrs`",
                "palisade.toml:5:24: segment `app`: `10.0.0.0/33` is not a CIDR block (e.g. 10.0.0.0/16)",
                "palisade.toml:9:6: flow 1 (app -> vault): there is no segment `vault`; segments are: app, cde",
                "palisade.toml:10:13: flow 1 (app -> vault): `tcp/99999`: `99999` is not a port (0-65535)",
            ]
        );
    }

    #[test]
    fn shape_mistakes_in_several_entries_are_all_reported() {
        let text = "[segments.a]\ncidrs = [\"10.0.0.0/8\"]\nkind = \"pci\"\n\n[segments.b]\ncidrs = [\"10.1.0.0/16\"]\nsubnet = [\"subnet-1\"]\n\n[[flows]]\nfrom = \"a\"\nto = \"b\"\n\n[[suppressions]]\npolicy = \"s3-*\"\nresources = [\"*\"]\njustification = \"\"\nexpires = \"31/01/2027\"\n\n[segment.c]\n";
        let found = errors(text);
        assert_eq!(found.len(), 5, "{found:#?}");
        let starts: Vec<&str> = found.iter().map(|e| &e[..e.find(": ").unwrap()]).collect();
        assert_eq!(
            starts,
            [
                "palisade.toml:3:8",
                "palisade.toml:7:1",
                "palisade.toml:9:1",
                "palisade.toml:17:11",
                "palisade.toml:19:2",
            ]
        );
        assert!(
            found[0].contains("segment `a`: unknown variant `pci`"),
            "{}",
            found[0]
        );
        assert!(
            found[1].contains("segment `b`: unknown field `subnet`"),
            "{}",
            found[1]
        );
        assert!(
            found[2].contains("flow 1: missing field `services`"),
            "{}",
            found[2]
        );
        assert!(
            found[3].contains("suppression 1: expires \"31/01/2027\" is not a date"),
            "{}",
            found[3]
        );
        assert!(found[4].contains("unknown field `segment`"), "{}", found[4]);
        // The flow's segments exist, even `a`, which did not parse: no false second mistake.
        assert!(
            !found.iter().any(|e| e.contains("no segment")),
            "{found:#?}"
        );
    }

    #[test]
    fn a_suppression_reports_each_of_its_mistakes() {
        let text = "[[suppressions]]\npolicy = \"s3-*\"\njustification = \" \"\nresources = [\"\"]\n\n[[suppressions]]\npolicy = \"s3-*\"\njustification = \"ok\"\n";
        let found = errors(text);
        assert_eq!(found.len(), 3, "{found:#?}");
        assert!(
            found[0].starts_with(
                "palisade.toml:3:17: suppression 1 (policy `s3-*`) has an empty justification"
            ),
            "{}",
            found[0]
        );
        assert!(
            found[1].starts_with(
                "palisade.toml:4:14: suppression 1 (policy `s3-*`) has an empty resource pattern"
            ),
            "{}",
            found[1]
        );
        assert!(
            found[2].starts_with(
                "palisade.toml:6:1: suppression 2 (policy `s3-*`) selects no resources"
            ),
            "{}",
            found[2]
        );
    }

    #[test]
    fn a_syntax_error_is_one_located_error() {
        assert_eq!(
            errors("[segments.a]\ncidrs = [\"10.0.0.0/8\"\nkind = \"cde\"\n").len(),
            1
        );
        let found = errors("[segments.a\n");
        assert_eq!(found.len(), 1);
        assert!(
            found[0].starts_with("palisade.toml:1:12: unclosed table"),
            "{}",
            found[0]
        );
    }

    #[test]
    fn the_file_is_named_as_given() {
        let e = Config::parse_file("/etc/palisade.toml", "[segments.a]\n").unwrap_err();
        assert_eq!(e.summary(), "/etc/palisade.toml has 1 error");
        assert_eq!(
            e.iter().next().unwrap().location(),
            "/etc/palisade.toml:1:11"
        );
    }
}
