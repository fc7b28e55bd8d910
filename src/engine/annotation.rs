//! The `# METADATA` comment block of a Rego file as YAML, remembering where each YAML line sits
//! in the `.rego` file, so that a mistake in the metadata points at the policy's own line and
//! column rather than at a line of the extracted YAML.

use crate::util::diagnostic::{Diagnostic, Position};
use crate::util::yaml::{self, Step};

/// The first `# METADATA` block of a policy.
#[derive(Debug, Clone)]
pub struct Block<'a> {
    /// 1-based line of the `# METADATA` comment itself.
    pub header: usize,
    /// Each YAML line: its 1-based line in the file, how many characters of comment marker
    /// (indentation, `#` and one space) precede it, and the YAML text.
    pub lines: Vec<(usize, usize, &'a str)>,
}

impl<'a> Block<'a> {
    /// The block that follows the first `# METADATA` line, up to the first line that is not a
    /// comment.
    pub fn find(rego: &'a str) -> Option<Block<'a>> {
        let mut lines = rego.lines().enumerate();
        let (header, _) = lines.find(|(_, l)| l.trim() == "# METADATA")?;
        let lines = lines
            .map_while(|(i, line)| {
                let after = line.trim_start().strip_prefix('#')?;
                let yaml = after.strip_prefix(' ').unwrap_or(after);
                let marker = line[..line.len() - yaml.len()].chars().count();
                Some((i + 1, marker, yaml))
            })
            .collect();
        Some(Block {
            header: header + 1,
            lines,
        })
    }

    /// The YAML text, without the comment markers.
    pub fn yaml(&self) -> String {
        self.lines
            .iter()
            .map(|(_, _, y)| format!("{y}\n"))
            .collect()
    }

    /// The file position of 1-based `line` and `column` of the YAML text.
    pub fn position(&self, rego: &str, line: usize, column: usize, width: usize) -> Position {
        match self.lines.get(line.saturating_sub(1)) {
            Some((at, marker, _)) => Position::at(rego, *at, column + marker, width),
            None => self.header_position(rego),
        }
    }

    fn header_position(&self, rego: &str) -> Position {
        Position::at(rego, self.header, 1, "# METADATA".len())
    }

    /// A diagnostic at `path` in the YAML (or as deep into it as exists), else at the
    /// `# METADATA` line.
    pub fn diagnostic(&self, file: &str, rego: &str, path: &[Step], message: String) -> Diagnostic {
        let lines: Vec<&str> = self.lines.iter().map(|(_, _, y)| *y).collect();
        let position = match yaml::locate(&lines, path) {
            Some(p) => self.position(rego, p.line + 1, p.column + 1, p.width),
            None => self.header_position(rego),
        };
        Diagnostic::at(file, position, message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const REGO: &str =
        "package x\n\n# METADATA\n# title: T\n#custom:\n  #   id: a-b\npackage x.y\n";

    #[test]
    fn yaml_lines_know_their_file_position() {
        let b = Block::find(REGO).unwrap();
        assert_eq!(b.header, 3);
        assert_eq!(b.yaml(), "title: T\ncustom:\n  id: a-b\n");
        // `id` is column 3 of YAML line 3; in the file, after `  # `, it is column 7 of line 6.
        let p = b.position(REGO, 3, 3, 2);
        assert_eq!(
            (p.line, p.column, p.source.as_str()),
            (6, 7, "  #   id: a-b")
        );
        let d = b.diagnostic(
            "f.rego",
            REGO,
            &[Step::Key("custom"), Step::Key("id")],
            "m".into(),
        );
        assert_eq!(d.location(), "f.rego:6:7");
        let d = b.diagnostic("f.rego", REGO, &[Step::Key("severity")], "m".into());
        assert_eq!(d.location(), "f.rego:3:1", "not found: the METADATA line");
        assert!(Block::find("package x\n").is_none());
    }
}
