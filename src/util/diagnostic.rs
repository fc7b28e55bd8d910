//! Located errors in a file the user wrote (`palisade.toml`, a policy's METADATA, a framework
//! YAML), rendered like rustc and cargo-deny: the message, `--> file:line:col`, the source line
//! with a caret under the culprit. A load reports all of them at once, not just the first.

use std::fmt;
use std::ops::Range;

/// One mistake, at a place in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file as the user named it (or the built-in path).
    pub file: String,
    /// Where in the file; `None` when the mistake is the file as a whole.
    pub at: Option<Position>,
    /// What is wrong, naming the entry at fault and what to do about it.
    pub message: String,
}

/// A place in a file, with the text of its line so the diagnostic renders on its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Characters to underline, at least one.
    pub width: usize,
    /// The whole line, without its line break.
    pub source: String,
}

impl Position {
    /// Line and column (both 1-based, the column in characters) in `text`. A line past the end
    /// (a parser's "unexpected end of file") points just after the last character, as rustc does.
    pub fn at(text: &str, line: usize, column: usize, width: usize) -> Position {
        let count = text.lines().count().max(1);
        let source = |n: usize| text.lines().nth(n - 1).unwrap_or_default().to_string();
        if line > count {
            let last = source(count);
            return Position {
                line: count,
                column: last.chars().count() + 1,
                width: 1,
                source: last,
            };
        }
        Position {
            line: line.max(1),
            column: column.max(1),
            width: width.max(1),
            source: source(line.max(1)),
        }
    }

    /// The position of a byte range of `text` (as TOML parsers report spans). A range running
    /// over several lines is underlined to the end of its first line.
    pub fn of_span(text: &str, span: Range<usize>) -> Position {
        let start = floor_char_boundary(text, span.start.min(text.len()));
        let end = floor_char_boundary(text, span.end.clamp(start, text.len()));
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let line = text[..start].matches('\n').count() + 1;
        let column = text[line_start..start].chars().count() + 1;
        let width = text[start..end.min(line_end)].chars().count();
        Position {
            line,
            column,
            width: width.max(1),
            source: text[line_start..line_end]
                .trim_end_matches('\r')
                .to_string(),
        }
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl Diagnostic {
    /// A mistake in the file as a whole (it has no place to point at).
    pub fn file(file: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            file: file.into(),
            at: None,
            message: message.into(),
        }
    }

    /// A mistake at `position` in `file`.
    pub fn at(file: impl Into<String>, position: Position, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.into(),
            at: Some(position),
            message: message.into(),
        }
    }

    /// `file:line:col`, or just the file.
    pub fn location(&self) -> String {
        match &self.at {
            Some(p) => format!("{}:{}:{}", self.file, p.line, p.column),
            None => self.file.clone(),
        }
    }
}

/// rustc's layout: a gutter as wide as the line number, tabs shown as four spaces.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "error: {}", self.message)?;
        let Some(p) = &self.at else {
            return writeln!(f, " --> {}", self.file);
        };
        let gutter = " ".repeat(p.line.to_string().len());
        writeln!(f, "{gutter}--> {}", self.location())?;
        writeln!(f, "{gutter} |")?;
        writeln!(f, "{} | {}", p.line, p.source.replace('\t', "    "))?;
        let before: usize = p
            .source
            .chars()
            .take(p.column - 1)
            .map(|c| if c == '\t' { 4 } else { 1 })
            .sum();
        let pad = before + (p.column - 1).saturating_sub(p.source.chars().count());
        writeln!(f, "{gutter} | {}{}", " ".repeat(pad), "^".repeat(p.width))
    }
}

/// Every mistake found in one load, in the order found (each producer sorts its own file's).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }

    /// Orders each file's diagnostics by line and column; files keep the order they first
    /// appeared in.
    pub fn sort(&mut self) {
        let mut files: Vec<String> = Vec::new();
        for d in &self.0 {
            if !files.contains(&d.file) {
                files.push(d.file.clone());
            }
        }
        self.0.sort_by_key(|d| {
            let file = files.iter().position(|f| *f == d.file);
            let (line, column) = d.at.as_ref().map_or((0, 0), |p| (p.line, p.column));
            (file, line, column)
        });
    }

    /// `Ok(value)` when nothing was found, else every diagnostic.
    pub fn into_result<T>(self, value: T) -> Result<T, Diagnostics> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }

    /// One line for the end of the report: `palisade.toml has 2 errors`, or, across files,
    /// `3 errors in 2 files`.
    pub fn summary(&self) -> String {
        let n = self.len();
        let errors = if n == 1 { "error" } else { "errors" };
        let mut files: Vec<&str> = self.0.iter().map(|d| d.file.as_str()).collect();
        files.sort_unstable();
        files.dedup();
        match files.as_slice() {
            [one] => format!("{one} has {n} {errors}"),
            _ => format!("{n} {errors} in {} files", files.len()),
        }
    }
}

impl Extend<Diagnostic> for Diagnostics {
    fn extend<I: IntoIterator<Item = Diagnostic>>(&mut self, iter: I) {
        self.0.extend(iter);
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        Diagnostics(iter.into_iter().collect())
    }
}

/// Every block, each followed by a blank line. The summary is the caller's error message.
impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "[segments.cde]\nkind = \"cde\"\n\tto = \"nowhere\"\n";

    #[test]
    fn renders_like_rustc() {
        let d = Diagnostic::at(
            "palisade.toml",
            Position::of_span(TEXT, 10..13),
            "segment `cde` selects nothing",
        );
        assert_eq!(
            d.to_string(),
            "error: segment `cde` selects nothing\n --> palisade.toml:1:11\n  |\n1 | [segments.cde]\n  |           ^^^\n"
        );
    }

    #[test]
    fn spans_give_line_column_and_width() {
        let p = Position::of_span(TEXT, 34..43);
        assert_eq!((p.line, p.column, p.width), (3, 7, 9));
        assert_eq!(p.source, "\tto = \"nowhere\"");
        // The tab is shown as four spaces, and the caret moves with it.
        let shown = Diagnostic::at("f", p, "m").to_string();
        let caret = format!("  | {}{}\n", " ".repeat(9), "^".repeat(9));
        assert!(shown.contains("3 |     to = \"nowhere\"\n"), "{shown}");
        assert!(shown.ends_with(&caret), "{shown}");
        // A span past the end of the text points at the end, not out of bounds.
        assert_eq!(Position::of_span(TEXT, 500..600).line, 4);
        // A span over two lines is underlined to the end of the first.
        assert_eq!(Position::of_span(TEXT, 10..20).width, 4);
    }

    #[test]
    fn a_line_past_the_end_points_after_the_last_character() {
        let p = Position::at(TEXT, 9, 3, 0);
        assert_eq!((p.line, p.column, p.width), (3, 16, 1));
        assert_eq!(p.source, "\tto = \"nowhere\"");
        let p = Position::at(TEXT, 2, 3, 0);
        assert_eq!((p.line, p.column, p.width), (2, 3, 1));
    }

    #[test]
    fn a_whole_file_mistake_has_no_caret() {
        let d = Diagnostic::file("d/x_test.rego", "no policy beside it");
        assert_eq!(
            d.to_string(),
            "error: no policy beside it\n --> d/x_test.rego\n"
        );
    }

    #[test]
    fn summary_counts_errors_and_files_and_sort_orders_by_position() {
        let at = |file: &str, line| Diagnostic::at(file, Position::at(TEXT, line, 1, 1), "m");
        let mut ds: Diagnostics = [at("b", 3), at("a", 2), at("b", 1)].into_iter().collect();
        assert_eq!(ds.summary(), "3 errors in 2 files");
        ds.sort();
        let order: Vec<String> = ds.iter().map(Diagnostic::location).collect();
        assert_eq!(order, ["b:1:1", "b:3:1", "a:2:1"]);
        let one: Diagnostics = [at("palisade.toml", 1)].into_iter().collect();
        assert_eq!(one.summary(), "palisade.toml has 1 error");
        assert_eq!(one.clone().into_result(()), Err(one));
        assert_eq!(Diagnostics::default().into_result(7), Ok(7));
    }
}
