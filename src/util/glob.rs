//! Shell-style globs over whole strings: the matcher of IAM's `StringLike`/`ArnLike`
//! conditions and action patterns, and of suppressions' policy and ARN patterns.

/// `*` matches any run of characters (`/` and `:` included), `?` any one character; everything
/// else is literal, compared exactly or, with `ignore_case`, ASCII case-insensitively.
pub fn glob(pattern: &str, text: &str, ignore_case: bool) -> bool {
    let eq = |a: u8, b: u8| {
        if ignore_case {
            a.eq_ignore_ascii_case(&b)
        } else {
            a == b
        }
    };
    let (p, t) = (pattern.as_bytes(), text.as_bytes());
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && (p[pi] == b'?' || (p[pi] != b'*' && eq(p[pi], t[ti]))) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == b'*' {
            star = Some((pi, ti));
            pi += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == b'*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glob_matching() {
        assert!(glob("s3:Get*", "s3:GetObject", false));
        assert!(glob("S3:get*", "s3:GetObject", true));
        assert!(!glob("s3:Get*", "s3:PutObject", false));
        assert!(glob("*", "", false));
        assert!(glob("a?c*", "abcdef", false));
        assert!(!glob("a?c", "ac", false));
        assert!(glob("*Object*", "s3:GetObjectAcl", false));
    }

    #[test]
    fn whole_strings_only() {
        assert!(glob("arn:aws:s3:::logs-*", "arn:aws:s3:::logs-2026", false));
        assert!(!glob(
            "arn:aws:s3:::logs-*",
            "arn:aws:s3:::other-logs-1",
            false
        ));
        assert!(glob("*b*b", "abxbb", false) && !glob("*b*b", "abxba", false));
        assert!(!glob("s3-bucket-public", "s3-bucket-public-read", false));
    }
}
