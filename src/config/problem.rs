//! A mistake found in `palisade.toml` after parsing, with the path of the value at fault
//! (`flows[1].to`), so that loading can point at its line and column.

/// One step of a path into the config document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Key(String),
    /// 0-based position in an array.
    Index(usize),
}

/// A mistake and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: Vec<Step>,
    pub message: String,
}

impl Problem {
    pub fn new(path: Vec<Step>, message: impl Into<String>) -> Problem {
        Problem {
            path,
            message: message.into(),
        }
    }

    /// The same problem, its path inside `prefix`.
    pub fn within(mut self, prefix: &[Step]) -> Problem {
        self.path.splice(0..0, prefix.iter().cloned());
        self
    }
}

/// `key("flows")` reads better than `Step::Key("flows".into())` in a path.
pub fn key(name: &str) -> Step {
    Step::Key(name.to_string())
}
