//! Timestamps: the SDK's `aws_smithy_types::DateTime` as the inventory's `chrono` UTC time.

use chrono::{DateTime, Utc};

/// The same instant as a `chrono` UTC time (seconds plus sub-second nanoseconds). Instants
/// beyond chrono's range (hundreds of millennia away) clamp to its nearest end.
pub(crate) fn to_chrono(t: &aws_smithy_types::DateTime) -> DateTime<Utc> {
    DateTime::from_timestamp(t.secs(), t.subsec_nanos()).unwrap_or(if t.secs() < 0 {
        DateTime::<Utc>::MIN_UTC
    } else {
        DateTime::<Utc>::MAX_UTC
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_seconds_and_nanoseconds() {
        let t = aws_smithy_types::DateTime::from_secs_and_nanos(1_700_000_000, 123_000_000);
        let c = to_chrono(&t);
        assert_eq!(c.timestamp(), 1_700_000_000);
        assert_eq!(c.timestamp_subsec_nanos(), 123_000_000);
    }
}
