//! Logging and monitoring of one region: CloudTrail trails, AWS Config recorders, GuardDuty
//! detectors.

use super::call::At;
use super::session::Session;
use crate::inventory::collections::op;
use crate::inventory::logging::{ConfigRecorder, DetectorFeature, GuardDutyDetector, Trail};
use crate::inventory::Inventory;
use futures::future::join_all;
use serde_json::{json, Map, Value as Json};
use std::collections::BTreeMap;

pub async fn collect(s: &Session, region: &str) -> Inventory {
    let mut inv = Inventory::empty(chrono::Utc::now());
    let (trails, recorders, detectors) = futures::join!(
        trails(s, region),
        config_recorders(s, region),
        guardduty_detectors(s, region)
    );
    inv.logging.trails = trails;
    inv.logging.config_recorders = recorders;
    inv.logging.guardduty_detectors = detectors;
    inv
}

/// Trails whose home region is `region` (no shadow copies, so a multi-region trail appears once,
/// in its home region), each with its logging status and event selectors.
async fn trails(s: &Session, region: &str) -> Vec<Trail> {
    let client = crate::client!(s, aws_sdk_cloudtrail, region);
    let at = At::new(op::cloudtrail::DESCRIBE_TRAILS, region);
    let Some(out) = s
        .call(at, || {
            client.describe_trails().include_shadow_trails(false).send()
        })
        .await
    else {
        return Vec::new();
    };
    let client = &client;
    join_all(
        out.trail_list()
            .iter()
            .filter(|t| t.home_region().is_none_or(|h| h == region))
            .filter_map(|t| {
                let name = t.name()?.to_string();
                let arn = t
                    .trail_arn()
                    .map(str::to_string)
                    .unwrap_or_else(|| s.arn("cloudtrail", region, &format!("trail/{name}")));
                Some(trail(s, client, region, t.clone(), name, arn))
            }),
    )
    .await
}

/// One trail. When `GetTrailStatus` fails the trail is still listed, with `is_logging: false`,
/// and the gap on its ARN makes its results `not-evaluated`.
async fn trail(
    s: &Session,
    client: &aws_sdk_cloudtrail::Client,
    region: &str,
    t: aws_sdk_cloudtrail::types::Trail,
    name: String,
    arn: String,
) -> Trail {
    let at = |op| At::new(op, region).on(&arn);
    let (status, selectors) = futures::join!(
        s.call(at(op::cloudtrail::GET_TRAIL_STATUS), || client
            .get_trail_status()
            .name(&arn)
            .send()),
        s.call(at(op::cloudtrail::GET_EVENT_SELECTORS), || client
            .get_event_selectors()
            .trail_name(&arn)
            .send()),
    );
    let event_selectors = selectors
        .map(|o| {
            let classic = o.event_selectors().iter().map(event_selector);
            let advanced = o.advanced_event_selectors().iter().map(advanced_selector);
            classic.chain(advanced).collect()
        })
        .unwrap_or_default();
    Trail {
        account_id: s.account_id.clone(),
        region: t.home_region().unwrap_or(region).to_string(),
        name,
        is_multi_region: t.is_multi_region_trail().unwrap_or(false),
        is_organization_trail: t.is_organization_trail().unwrap_or(false),
        log_file_validation: t.log_file_validation_enabled().unwrap_or(false),
        kms_key_id: t.kms_key_id().map(str::to_string),
        s3_bucket: t.s3_bucket_name().map(str::to_string),
        cloudwatch_logs_log_group_arn: t.cloud_watch_logs_log_group_arn().map(str::to_string),
        include_global_service_events: t.include_global_service_events().unwrap_or(false),
        is_logging: status.and_then(|o| o.is_logging()).unwrap_or(false),
        event_selectors,
        arn,
    }
}

/// A classic event selector, with the API's field names.
fn event_selector(e: &aws_sdk_cloudtrail::types::EventSelector) -> Json {
    let mut m = Map::new();
    if let Some(rw) = e.read_write_type() {
        m.insert("ReadWriteType".into(), json!(rw.as_str()));
    }
    if let Some(mgmt) = e.include_management_events() {
        m.insert("IncludeManagementEvents".into(), json!(mgmt));
    }
    let data: Vec<Json> = e
        .data_resources()
        .iter()
        .map(|d| {
            let mut r = Map::new();
            if let Some(ty) = d.r#type() {
                r.insert("Type".into(), json!(ty));
            }
            r.insert("Values".into(), json!(d.values()));
            Json::Object(r)
        })
        .collect();
    m.insert("DataResources".into(), Json::Array(data));
    m.insert(
        "ExcludeManagementEventSources".into(),
        json!(e.exclude_management_event_sources()),
    );
    Json::Object(m)
}

/// An advanced event selector, with the API's field names (empty operators left out).
fn advanced_selector(a: &aws_sdk_cloudtrail::types::AdvancedEventSelector) -> Json {
    let mut m = Map::new();
    if let Some(name) = a.name() {
        m.insert("Name".into(), json!(name));
    }
    let fields: Vec<Json> = a
        .field_selectors()
        .iter()
        .map(|f| {
            let mut r = Map::new();
            r.insert("Field".into(), json!(f.field()));
            for (key, values) in [
                ("Equals", f.equals()),
                ("StartsWith", f.starts_with()),
                ("EndsWith", f.ends_with()),
                ("NotEquals", f.not_equals()),
                ("NotStartsWith", f.not_starts_with()),
                ("NotEndsWith", f.not_ends_with()),
            ] {
                if !values.is_empty() {
                    r.insert(key.into(), json!(values));
                }
            }
            Json::Object(r)
        })
        .collect();
    m.insert("FieldSelectors".into(), Json::Array(fields));
    Json::Object(m)
}

/// AWS Config recorders with their status. The ARN is the one AWS returns; older answers carry
/// none, and then it is built as `config-recorder/<name>`.
async fn config_recorders(s: &Session, region: &str) -> Vec<ConfigRecorder> {
    let client = crate::client!(s, aws_sdk_config, region);
    let rec_at = At::new(op::config::DESCRIBE_CONFIGURATION_RECORDERS, region);
    let status_at = At::new(op::config::DESCRIBE_CONFIGURATION_RECORDER_STATUS, region);
    let (recorders, statuses) = futures::join!(
        s.call(rec_at, || client.describe_configuration_recorders().send()),
        s.call(status_at, || client
            .describe_configuration_recorder_status()
            .send()),
    );
    let Some(recorders) = recorders else {
        return Vec::new();
    };
    recorders
        .configuration_recorders()
        .iter()
        .filter_map(|r| {
            let name = r.name()?.to_string();
            let status = statuses.as_ref().and_then(|o| {
                o.configuration_recorders_status()
                    .iter()
                    .find(|st| st.name() == Some(name.as_str()))
            });
            let group = r.recording_group();
            Some(ConfigRecorder {
                arn: r
                    .arn()
                    .map(str::to_string)
                    .unwrap_or_else(|| s.arn("config", region, &format!("config-recorder/{name}"))),
                account_id: s.account_id.clone(),
                region: region.to_string(),
                recording: status.is_some_and(|st| st.recording()),
                all_supported: group.is_some_and(|g| g.all_supported()),
                include_global_resource_types: group
                    .is_some_and(|g| g.include_global_resource_types()),
                last_status: status
                    .and_then(|st| st.last_status())
                    .map(|l| l.as_str().to_string()),
                name,
            })
        })
        .collect()
}

/// A detector's protection plans by name, as GetDetector lists them. A feature without a name
/// or status is left out: the policies read a missing feature as not enabled.
fn detector_features(
    features: &[aws_sdk_guardduty::types::DetectorFeatureConfigurationResult],
) -> BTreeMap<String, DetectorFeature> {
    features
        .iter()
        .filter_map(|f| {
            let feature = DetectorFeature {
                status: f.status()?.as_str().to_string(),
                additional: f
                    .additional_configuration()
                    .iter()
                    .filter_map(|a| {
                        Some((
                            a.name()?.as_str().to_string(),
                            a.status()?.as_str().to_string(),
                        ))
                    })
                    .collect(),
            };
            Some((f.name()?.as_str().to_string(), feature))
        })
        .collect()
}

/// GuardDuty detectors of the region with their status and protection plans.
async fn guardduty_detectors(s: &Session, region: &str) -> Vec<GuardDutyDetector> {
    let client = crate::client!(s, aws_sdk_guardduty, region);
    let at = At::new(op::guardduty::LIST_DETECTORS, region);
    let Some(ids) = s
        .paginate(at, || {
            client.list_detectors().into_paginator().items().send()
        })
        .await
    else {
        return Vec::new();
    };
    let client = &client;
    let found = join_all(ids.into_iter().map(|id| async move {
        let arn = s.arn("guardduty", region, &format!("detector/{id}"));
        let at = At::new(op::guardduty::GET_DETECTOR, region).on(&arn);
        let out = s
            .call(at, || client.get_detector().detector_id(&id).send())
            .await?;
        Some(GuardDutyDetector {
            status: out.status().map(|st| st.as_str().to_string())?,
            features: Some(detector_features(out.features())),
            account_id: s.account_id.clone(),
            region: region.to_string(),
            id,
            arn,
        })
    }))
    .await;
    found.into_iter().flatten().collect()
}
