//! Generated regions inside hand-written Markdown: the text between
//! `<!-- BEGIN GENERATED: name -->` and `<!-- END GENERATED: name -->` belongs to the generator.

use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum SpliceError {
    #[error("{file}: no `<!-- BEGIN GENERATED: {region} -->` ... `<!-- END GENERATED: {region} -->` region")]
    Missing { file: String, region: String },
}

impl SpliceError {
    pub fn in_file(self, path: &Path) -> SpliceError {
        match self {
            SpliceError::Missing { region, .. } => SpliceError::Missing {
                file: path.display().to_string(),
                region,
            },
        }
    }
}

/// `text` with the named region's body replaced by `body` (markers kept).
pub fn replace(text: &str, region: &str, body: &str) -> Result<String, SpliceError> {
    let begin = format!("<!-- BEGIN GENERATED: {region} -->\n");
    let end = format!("<!-- END GENERATED: {region} -->");
    let missing = || SpliceError::Missing {
        file: String::new(),
        region: region.to_string(),
    };
    let start = text.find(&begin).ok_or_else(missing)? + begin.len();
    let stop = text[start..].find(&end).ok_or_else(missing)? + start;
    let mut out = String::with_capacity(text.len() + body.len());
    out.push_str(&text[..start]);
    out.push_str(body);
    if !body.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(&text[stop..]);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_region_changes() {
        let text = "a\n<!-- BEGIN GENERATED: t -->\nold\n<!-- END GENERATED: t -->\nb\n";
        assert_eq!(
            replace(text, "t", "new").unwrap(),
            "a\n<!-- BEGIN GENERATED: t -->\nnew\n<!-- END GENERATED: t -->\nb\n"
        );
        assert!(replace(text, "other", "x").is_err());
    }
}
