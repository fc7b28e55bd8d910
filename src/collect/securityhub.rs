//! AWS Security Hub in one region: is the account subscribed?
//!
//! DescribeHub answers `InvalidAccessException` ("not subscribed to AWS Security Hub") when
//! the hub is off; that is recorded as a hub with `enabled: false`. Any other failure is a gap,
//! so a region whose hub could not be read has no record and its result is `not-evaluated`.

use super::call::{At, Outcome};
use super::session::Session;
use crate::inventory::collections::op;
use crate::inventory::logging::SecurityHub;
use crate::inventory::Inventory;

const NOT_SUBSCRIBED: &[&str] = &["InvalidAccessException"];

pub async fn collect(s: &Session, region: &str) -> Inventory {
    let client = crate::client!(s, aws_sdk_securityhub, region);
    let at = At::new(op::securityhub::DESCRIBE_HUB, region);
    let found = s
        .call_absent(at, NOT_SUBSCRIBED, || client.describe_hub().send())
        .await;
    let mut inv = Inventory::empty(chrono::Utc::now());
    // Not subscribed: the hub's usual ARN, off, nothing more to say.
    let (arn, enabled, subscribed_at, auto_enable_controls) = match found {
        Outcome::Found(out) => (
            out.hub_arn().map(str::to_string),
            true,
            out.subscribed_at().map(str::to_string),
            out.auto_enable_controls(),
        ),
        Outcome::Absent => (None, false, None, None),
        Outcome::Failed => return inv,
    };
    let hub = SecurityHub {
        arn: arn.unwrap_or_else(|| s.arn("securityhub", region, "hub/default")),
        account_id: s.account_id.clone(),
        region: region.to_string(),
        enabled,
        subscribed_at,
        auto_enable_controls,
    };
    inv.logging.security_hubs.push(hub);
    inv
}
