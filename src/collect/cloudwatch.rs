//! CloudWatch in one region: log groups with their metric filters (CloudWatch Logs) and
//! metric alarms (CloudWatch).
//!
//! Metric filters are listed once for the whole region and filed under their log groups; when
//! that listing fails, the gap covers every log group of the region, so no monitoring check
//! mistakes "not read" for "no filter".

use super::call::At;
use super::session::Session;
use crate::inventory::cloudwatch::{LogGroup, MetricAlarm, MetricFilter, MetricRef};
use crate::inventory::collections::op;
use crate::inventory::{Gap, Inventory};
use std::collections::HashMap;

pub async fn collect(s: &Session, region: &str) -> Inventory {
    let mut inv = Inventory::empty(chrono::Utc::now());
    let (groups, alarms) = futures::join!(log_groups(s, region), metric_alarms(s, region));
    inv.logging.log_groups = groups;
    inv.logging.metric_alarms = alarms;
    inv
}

/// `arn:…:log-group:NAME:*` as IAM and CloudTrail write it, without the trailing `:*`.
pub fn bare_log_group_arn(arn: &str) -> &str {
    arn.strip_suffix(":*").unwrap_or(arn)
}

async fn log_groups(s: &Session, region: &str) -> Vec<LogGroup> {
    let client = crate::client!(s, aws_sdk_cloudwatchlogs, region);
    let (groups, filters) = futures::join!(
        s.paginate(At::new(op::logs::DESCRIBE_LOG_GROUPS, region), || client
            .describe_log_groups()
            .into_paginator()
            .items()
            .send()),
        s.paginate(At::new(op::logs::DESCRIBE_METRIC_FILTERS, region), || {
            client
                .describe_metric_filters()
                .into_paginator()
                .items()
                .send()
        }),
    );
    let mut by_group: HashMap<String, Vec<MetricFilter>> = HashMap::new();
    for f in filters.unwrap_or_default() {
        let Some(group) = f.log_group_name() else {
            continue;
        };
        by_group
            .entry(group.to_string())
            .or_default()
            .push(metric_filter(&f));
    }
    groups
        .unwrap_or_default()
        .iter()
        .filter_map(|g| {
            let name = g.log_group_name()?.to_string();
            let arn = g
                .log_group_arn()
                .or(g.arn())
                .map(|a| bare_log_group_arn(a).to_string())
                .unwrap_or_else(|| s.arn("logs", region, &format!("log-group:{name}")));
            Some(LogGroup {
                arn,
                account_id: s.account_id.clone(),
                region: region.to_string(),
                kms_key_id: g.kms_key_id().map(str::to_string),
                retention_days: g.retention_in_days().map(i64::from),
                metric_filters: by_group.remove(&name).unwrap_or_default(),
                name,
            })
        })
        .collect()
}

fn metric_filter(f: &aws_sdk_cloudwatchlogs::types::MetricFilter) -> MetricFilter {
    MetricFilter {
        name: f.filter_name().unwrap_or_default().to_string(),
        pattern: f.filter_pattern().unwrap_or_default().to_string(),
        metrics: f
            .metric_transformations()
            .iter()
            .map(|t| MetricRef {
                namespace: t.metric_namespace().to_string(),
                name: t.metric_name().to_string(),
            })
            .collect(),
    }
}

async fn metric_alarms(s: &Session, region: &str) -> Vec<MetricAlarm> {
    use aws_sdk_cloudwatch::types::AlarmType;
    let client = crate::client!(s, aws_sdk_cloudwatch, region);
    let at = At::new(op::cloudwatch::DESCRIBE_ALARMS, region);
    let pages = s
        .call(at, || {
            client
                .describe_alarms()
                .alarm_types(AlarmType::MetricAlarm)
                .into_paginator()
                .send()
                .try_collect()
        })
        .await;
    pages
        .unwrap_or_default()
        .iter()
        .flat_map(|p| p.metric_alarms())
        .filter_map(|a| metric_alarm(s, region, a))
        .collect()
}

fn metric_alarm(
    s: &Session,
    region: &str,
    a: &aws_sdk_cloudwatch::types::MetricAlarm,
) -> Option<MetricAlarm> {
    let name = a.alarm_name()?.to_string();
    let own = match (a.namespace(), a.metric_name()) {
        (Some(ns), Some(m)) => Some(MetricRef {
            namespace: ns.to_string(),
            name: m.to_string(),
        }),
        _ => None,
    };
    let queried = a
        .metrics()
        .iter()
        .filter_map(|q| q.metric_stat()?.metric())
        .filter_map(|m| {
            Some(MetricRef {
                namespace: m.namespace()?.to_string(),
                name: m.metric_name()?.to_string(),
            })
        });
    let mut metrics: Vec<MetricRef> = own.into_iter().chain(queried).collect();
    metrics.sort();
    metrics.dedup();
    Some(MetricAlarm {
        arn: a
            .alarm_arn()
            .map(str::to_string)
            .unwrap_or_else(|| s.arn("cloudwatch", region, &format!("alarm:{name}"))),
        account_id: s.account_id.clone(),
        region: region.to_string(),
        metrics,
        actions_enabled: a.actions_enabled().unwrap_or(false),
        alarm_actions: a.alarm_actions().to_vec(),
        state: a.state_value().map(|v| v.as_str().to_string()),
        name,
    })
}

/// A trail that delivers to a log group in a region the scan did not cover leaves that
/// group's metric filters unread: a gap, so the monitoring checks say `not-evaluated` rather
/// than "no filter".
pub fn unscanned_log_groups(inv: &Inventory, regions: &[String]) -> Vec<Gap> {
    let mut gaps: Vec<Gap> = Vec::new();
    for t in &inv.logging.trails {
        let Some(arn) = t.cloudwatch_logs_log_group_arn.as_deref() else {
            continue;
        };
        // arn:PARTITION:logs:REGION:ACCOUNT:log-group:NAME[:*]
        let parts: Vec<&str> = arn.splitn(7, ':').collect();
        let (Some(region), Some(account)) = (parts.get(3), parts.get(4)) else {
            continue;
        };
        if regions.iter().any(|r| r == region) {
            continue;
        }
        gaps.push(Gap {
            service: "logs".into(),
            region: region.to_string(),
            operation: op::logs::DESCRIBE_METRIC_FILTERS.name.into(),
            error: "RegionNotScanned".into(),
            account_id: Some(account.to_string()),
            resource: None,
            message: Some(format!(
                "trail {} delivers to log group {} in {region}, which this scan did not cover (add --region {region})",
                t.name,
                bare_log_group_arn(arn)
            )),
        });
    }
    gaps
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_group_arns_lose_the_trailing_wildcard() {
        assert_eq!(
            bare_log_group_arn("arn:aws:logs:us-east-1:111122223333:log-group:trail:*"),
            "arn:aws:logs:us-east-1:111122223333:log-group:trail"
        );
        assert_eq!(
            bare_log_group_arn("arn:aws:logs:r:a:log-group:x"),
            "arn:aws:logs:r:a:log-group:x"
        );
    }

    #[test]
    fn a_trail_delivering_to_an_unscanned_region_is_a_gap() {
        let mut inv = crate::demo::inventory().unwrap();
        inv.logging.trails.truncate(1);
        let t = &mut inv.logging.trails[0];
        t.cloudwatch_logs_log_group_arn =
            Some("arn:aws:logs:eu-west-1:111122223333:log-group:trail:*".into());
        let gaps = unscanned_log_groups(&inv, &["us-east-1".to_string()]);
        assert_eq!(gaps.len(), 1);
        assert_eq!(gaps[0].region, "eu-west-1");
        assert_eq!(gaps[0].account_id.as_deref(), Some("111122223333"));
        assert!(unscanned_log_groups(&inv, &["eu-west-1".to_string()]).is_empty());
        inv.logging.trails[0].cloudwatch_logs_log_group_arn = Some("garbage".into());
        assert!(unscanned_log_groups(&inv, &[]).is_empty());
    }
}
