//! Positions in YAML text: where a key path (`controls[3].id`, `custom.severity`) sits, and where
//! serde_yaml puts its own errors. serde_yaml gives no positions for parsed values, so checks made
//! after parsing (a duplicate control id, a missing field) find their line here.
//!
//! An approximation by indentation, which is exact for the block style Palisade's files use:
//! block mappings and `- ` sequences are followed; flow collections (`{a: 1}`, `[a, b]`) are not
//! entered but can be searched as text (`Step::Text`). When a step is not found, the deepest
//! step that was is returned, so a caller always has somewhere to point.

/// One step of a path into a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step<'a> {
    /// A key of the current mapping.
    Key(&'a str),
    /// The n-th (0-based) `- ` item of the current sequence.
    Item(usize),
    /// A word anywhere in the current value, e.g. one entry of a flow list `[a, b]`.
    Text(&'a str),
}

/// Where a path was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// 0-based index into the lines searched.
    pub line: usize,
    /// 0-based column, in characters.
    pub column: usize,
    /// Characters of the key, item marker or word found.
    pub width: usize,
    /// How many steps of the path were found (the place is that of the last of them).
    pub steps: usize,
}

/// A significant line, or the part of one after a `- ` or a `key:`.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    index: usize,
    text: &'a str,
    /// Byte offset of the content; YAML indentation is ASCII, so also its column.
    start: usize,
}

impl<'a> Line<'a> {
    fn content(&self) -> &'a str {
        &self.text[self.start..]
    }

    /// The same line from `offset` bytes further in, past spaces; `None` if nothing is left.
    fn rest(&self, offset: usize) -> Option<Line<'a>> {
        let from = self.start + offset;
        let trimmed = self.text[from..].trim_start_matches(' ');
        let start = self.text.len() - trimmed.len();
        (!trimmed.is_empty() && !trimmed.starts_with('#')).then_some(Line { start, ..*self })
    }
}

/// Where `path` is in `lines` (the document's lines, in order), or the deepest step of it that
/// could be found; `None` if not even the first step is there.
pub fn locate(lines: &[&str], path: &[Step]) -> Option<Place> {
    let mut region: Vec<Line> = lines
        .iter()
        .enumerate()
        .filter_map(|(index, text)| {
            Line {
                index,
                text,
                start: 0,
            }
            .rest(0)
        })
        .collect();
    let mut found = None;
    for (n, step) in path.iter().enumerate() {
        let next = match *step {
            Step::Key(key) => find_key(&region, key),
            Step::Item(i) => find_item(&region, i),
            Step::Text(word) => find_text(&region, word).map(|p| (p, Vec::new())),
        };
        let Some((place, inner)) = next else { break };
        found = Some(Place {
            steps: n + 1,
            ..place
        });
        region = inner;
    }
    found
}

/// The lines after `at` that are indented deeper than `indent`: the value of a key or an item.
fn block<'a>(region: &[Line<'a>], at: usize, indent: usize) -> Vec<Line<'a>> {
    region[at + 1..]
        .iter()
        .take_while(|l| l.start > indent)
        .copied()
        .collect()
}

fn find_key<'a>(region: &[Line<'a>], key: &str) -> Option<(Place, Vec<Line<'a>>)> {
    let indent = region.first()?.start;
    region.iter().enumerate().find_map(|(i, line)| {
        if line.start != indent {
            return None;
        }
        let width = key_width(line.content(), key)?;
        let place = place(line, line.start, width);
        let mut inner: Vec<Line> = line.rest(width + 1).into_iter().collect();
        inner.extend(block(region, i, indent));
        Some((place, inner))
    })
}

/// The width of `key` (with its quotes) when `content` starts with `key:`.
fn key_width(content: &str, key: &str) -> Option<usize> {
    ["", "\"", "'"].iter().find_map(|q| {
        let rest = content
            .strip_prefix(q)?
            .strip_prefix(key)?
            .strip_prefix(q)?;
        let after = rest.strip_prefix(':')?;
        (after.is_empty() || after.starts_with([' ', '\t'])).then_some(key.len() + 2 * q.len())
    })
}

fn find_item<'a>(region: &[Line<'a>], n: usize) -> Option<(Place, Vec<Line<'a>>)> {
    let indent = region.first()?.start;
    let is_item = |l: &Line| {
        let c = l.content();
        l.start == indent && (c == "-" || c.starts_with("- "))
    };
    let (i, line) = region
        .iter()
        .enumerate()
        .filter(|(_, l)| is_item(l))
        .nth(n)?;
    let mut inner: Vec<Line> = line.rest(1).into_iter().collect();
    inner.extend(block(region, i, indent));
    Some((place(line, line.start, 1), inner))
}

fn find_text(region: &[Line], word: &str) -> Option<Place> {
    let boundary = |c: Option<char>| c.is_none_or(|c| !(c.is_alphanumeric() || "-_.".contains(c)));
    region.iter().find_map(|line| {
        let content = line.content();
        content.match_indices(word).find_map(|(at, _)| {
            let before = content[..at].chars().next_back();
            let after = content[at + word.len()..].chars().next();
            (boundary(before) && boundary(after))
                .then(|| place(line, line.start + at, word.chars().count()))
        })
    })
}

fn place(line: &Line, byte: usize, width: usize) -> Place {
    Place {
        line: line.index,
        column: line.text[..byte].chars().count(),
        width,
        steps: 0,
    }
}

/// serde_yaml's message without the ` at line L column C` it puts in it, and that position
/// (1-based line and column) when it has one.
pub fn error_parts(e: &serde_yaml::Error) -> (String, Option<(usize, usize)>) {
    let text = e.to_string();
    let Some(loc) = e.location() else {
        return (text, None);
    };
    let mark = format!(" at line {} column {}", loc.line(), loc.column());
    (
        text.replacen(&mark, "", 1),
        Some((loc.line(), loc.column())),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "# a comment\nid: test-fw\ncontrols:\n  # first\n  - id: \"1.1\"\n    title: One\n    description: |\n      id: not a key\n    policies: [a-b, c-d]\n  -\n    id: \"1.2\"\n    policies:\n      - e-f\n'quoted': yes\n";

    fn at(path: &[Step]) -> Option<(usize, usize, usize, usize)> {
        let lines: Vec<&str> = DOC.lines().collect();
        locate(&lines, path).map(|p| (p.line, p.column, p.width, p.steps))
    }

    #[test]
    fn keys_and_items_by_indentation() {
        use Step::*;
        assert_eq!(at(&[Key("id")]), Some((1, 0, 2, 1)));
        assert_eq!(
            at(&[Key("controls"), Item(0), Key("id")]),
            Some((4, 4, 2, 3))
        );
        assert_eq!(
            at(&[Key("controls"), Item(1), Key("id")]),
            Some((10, 4, 2, 3))
        );
        assert_eq!(
            at(&[Key("controls"), Item(0), Key("title")]),
            Some((5, 4, 5, 3))
        );
        assert_eq!(at(&[Key("quoted")]), Some((13, 0, 8, 1)));
    }

    #[test]
    fn words_in_flow_and_block_lists() {
        use Step::*;
        let policies = |i| [Key("controls"), Item(i), Key("policies"), Text("c-d")];
        assert_eq!(at(&policies(0)), Some((8, 20, 3, 4)));
        let e_f = [Key("controls"), Item(1), Key("policies"), Text("e-f")];
        assert_eq!(at(&e_f), Some((12, 8, 3, 4)));
        // `a-b` is a word of its own; `b` inside `a-b` is not.
        let b = [Key("controls"), Item(0), Key("policies"), Text("b")];
        assert_eq!(at(&b), Some((8, 4, 8, 3)));
    }

    #[test]
    fn the_deepest_step_found_is_returned() {
        use Step::*;
        // Block scalar content is not a key, and there is no third control.
        let nested = [Key("controls"), Item(0), Key("description"), Key("id")];
        assert_eq!(at(&nested), Some((6, 4, 11, 3)));
        assert_eq!(at(&[Key("controls"), Item(2)]), Some((2, 0, 8, 1)));
        assert_eq!(at(&[Key("nope")]), None);
    }

    #[test]
    fn serde_yaml_errors_lose_their_position_suffix() {
        let e = serde_yaml::from_str::<serde_yaml::Value>("a: b: c\n").unwrap_err();
        let (message, at) = error_parts(&e);
        assert_eq!(message, "mapping values are not allowed in this context");
        assert_eq!(at, Some((1, 5)));
        // libyaml puts the position mid-sentence, before its context.
        let e = serde_yaml::from_str::<serde_yaml::Value>("a: [\n").unwrap_err();
        let (message, at) = error_parts(&e);
        assert_eq!(
            message,
            "did not find expected node content, while parsing a flow node"
        );
        assert_eq!(at, Some((2, 1)));
    }
}
