//! Resource tags.

/// Tags as AWS returns them, kept in key order so output is deterministic.
pub type Tags = std::collections::BTreeMap<String, String>;
