//! Environment variables of Lambda functions and ECS containers: classified while collecting
//! and dropped, so the inventory keeps each variable's name and the kind of value it held,
//! never the value.

use crate::inventory::compute::EnvironmentVariable;

/// Names and value kinds of `(name, value)` pairs, sorted by name.
pub fn classify<'a>(
    pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Vec<EnvironmentVariable> {
    let mut out: Vec<EnvironmentVariable> = pairs
        .into_iter()
        .map(|(name, value)| EnvironmentVariable {
            name: name.to_string(),
            value: value_kind(value).to_string(),
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

/// What an environment variable's value is, so that the value itself need not be kept.
fn value_kind(value: &str) -> &'static str {
    let v = value.trim();
    let upper = v.to_ascii_uppercase();
    if v.is_empty() {
        "empty"
    } else if v.starts_with("arn:") && (v.contains(":secretsmanager:") || v.contains(":ssm:"))
        || v.starts_with("{{resolve:")
        || v.starts_with("/aws/reference/secretsmanager/")
    {
        "reference"
    } else if upper.contains("-----BEGIN") && upper.contains("PRIVATE KEY") {
        "private_key"
    } else if v.len() == 20
        && (v.starts_with("AKIA") || v.starts_with("ASIA"))
        && v.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    {
        "aws_access_key_id"
    } else if v.len() > 100 && (v.starts_with("AQICAH") || v.starts_with("AQECAH")) {
        // The base64 of a KMS ciphertext blob, as Lambda's encryption helpers leave it.
        "kms_ciphertext"
    } else {
        "literal"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_classified_not_kept() {
        assert_eq!(value_kind(""), "empty");
        assert_eq!(
            value_kind("arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf"),
            "reference"
        );
        assert_eq!(value_kind("{{resolve:ssm:/app/db}}"), "reference");
        assert_eq!(value_kind("AKIAIOSFODNN7EXAMPLE"), "aws_access_key_id");
        assert_eq!(value_kind("AKIAIOSFODNN7EXAMPL"), "literal");
        assert_eq!(
            value_kind("-----BEGIN RSA PRIVATE KEY-----\nMIIB..."),
            "private_key"
        );
        assert_eq!(
            value_kind(&format!("AQICAH{}", "x".repeat(120))),
            "kms_ciphertext"
        );
        assert_eq!(value_kind("hunter2"), "literal");
        assert_eq!(value_kind("https://example.com"), "literal");
    }
}
