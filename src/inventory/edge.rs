//! Edge services: CloudFront distributions, AWS WAF (v2) web ACLs and API Gateway REST API
//! stages.

use super::tags::Tags;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct Edge {
    #[serde(default)]
    pub cloudfront_distributions: Vec<CloudFrontDistribution>,
    #[serde(default)]
    pub waf_web_acls: Vec<WebAcl>,
    #[serde(default)]
    pub api_gateway_stages: Vec<ApiGatewayStage>,
}

/// A CloudFront distribution (global: its ARN has no region).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CloudFrontDistribution {
    pub arn: String,
    pub account_id: String,
    /// `global`.
    pub region: String,
    /// The distribution id (`E2QWRUHAPOMQZL`).
    pub id: String,
    /// `d111111abcdef8.cloudfront.net`.
    #[serde(default)]
    pub domain_name: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub enabled: bool,
    /// The default cache behavior first (`path_pattern` `*`), then the others in order.
    #[serde(default)]
    pub cache_behaviors: Vec<CacheBehavior>,
    #[serde(default)]
    pub origins: Vec<Origin>,
    /// The viewer certificate: `true` when the distribution serves the shared
    /// `*.cloudfront.net` certificate (which accepts TLS 1.0 viewers whatever the setting).
    pub default_certificate: bool,
    /// `TLSv1.2_2021`, `TLSv1`, `SSLv3`, ...; meaningful with a custom certificate.
    #[serde(default)]
    pub minimum_protocol_version: Option<String>,
    /// `sni-only`, `vip` or `static-ip`.
    #[serde(default)]
    pub ssl_support_method: Option<String>,
    /// The web ACL protecting it: a WAFv2 web ACL ARN or a WAF Classic id; `None` for none.
    #[serde(default)]
    pub web_acl_id: Option<String>,
    /// Legacy standard logging to an S3 bucket.
    pub logging_enabled: bool,
    #[serde(default)]
    pub logging_bucket: Option<String>,
    /// Standard logging (v2): a CloudWatch Logs delivery of the distribution's `ACCESS_LOGS`
    /// to S3, CloudWatch Logs or Firehose exists; `None` when the deliveries could not be
    /// listed (a gap says why) or before schema 1.8.
    #[serde(default)]
    pub access_log_delivery: Option<bool>,
    #[serde(default)]
    pub default_root_object: Option<String>,
    #[serde(default)]
    pub tags: Tags,
}

/// One cache behavior: how viewers reach the paths it matches.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CacheBehavior {
    /// `*` for the default cache behavior.
    pub path_pattern: String,
    pub target_origin_id: String,
    /// `allow-all`, `redirect-to-https` or `https-only`.
    pub viewer_protocol_policy: String,
    /// The field-level encryption configuration applied, if any.
    #[serde(default)]
    pub field_level_encryption_id: Option<String>,
}

/// One origin of a distribution.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Origin {
    pub id: String,
    pub domain_name: String,
    /// `s3` (an S3 REST origin, `S3OriginConfig`), `custom` (anything over HTTP(S), S3
    /// website endpoints included), `vpc` (a VPC origin), or `unknown` (none of the three
    /// in the answer; no policy judges it).
    pub kind: String,
    /// S3 origins: the legacy origin access identity (`origin-access-identity/cloudfront/ID`).
    #[serde(default)]
    pub origin_access_identity: Option<String>,
    /// The origin access control signing requests to the origin (S3, Lambda URLs, ...).
    #[serde(default)]
    pub origin_access_control_id: Option<String>,
    /// Custom origins: `http-only`, `match-viewer` or `https-only`.
    #[serde(default)]
    pub protocol_policy: Option<String>,
    /// Custom origins: the SSL/TLS protocols CloudFront may use to the origin (`SSLv3`,
    /// `TLSv1`, `TLSv1.1`, `TLSv1.2`).
    #[serde(default)]
    pub ssl_protocols: Vec<String>,
}

/// An AWS WAF (v2) web ACL.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct WebAcl {
    pub arn: String,
    pub account_id: String,
    /// The region of a `REGIONAL` web ACL; `global` for a `CLOUDFRONT` one.
    pub region: String,
    pub name: String,
    pub id: String,
    /// `REGIONAL` or `CLOUDFRONT`.
    pub scope: String,
    /// `ALLOW` or `BLOCK`: what happens to a request no rule matched.
    #[serde(default)]
    pub default_action: Option<String>,
    /// The rules and rule groups, in priority order.
    #[serde(default)]
    pub rules: Vec<WebAclRule>,
    /// The web ACL's own CloudWatch metrics.
    pub metrics_enabled: bool,
    /// Where its traffic logs go (a Firehose stream, an S3 bucket or a log group); empty
    /// when logging is off; `None` when the logging configuration could not be read (a gap).
    #[serde(default)]
    pub log_destinations: Option<Vec<String>>,
}

/// One rule (or rule group reference) of a web ACL.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct WebAclRule {
    pub name: String,
    pub priority: i32,
    /// `managed_rule_group`, `rule_group`, `rate_based`, `ip_set`, `geo_match` or `statement`.
    pub kind: String,
    /// For rule groups: the group (`AWS/AWSManagedRulesCommonRuleSet` or a rule group ARN).
    #[serde(default)]
    pub rule_group: Option<String>,
    /// `ALLOW`, `BLOCK`, `COUNT`, `CAPTCHA`, `CHALLENGE`; for rule groups the override
    /// (`COUNT` when everything in the group only counts, `NONE` when the group decides).
    #[serde(default)]
    pub action: Option<String>,
    pub metrics_enabled: bool,
}

/// A stage of an API Gateway REST API: what is deployed and served under one URL prefix.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ApiGatewayStage {
    /// `arn:aws:apigateway:REGION::/restapis/API/stages/STAGE` (the form WAF and IAM use).
    pub arn: String,
    pub account_id: String,
    pub region: String,
    pub api_id: String,
    pub api_name: String,
    pub stage_name: String,
    /// `EDGE`, `REGIONAL` or `PRIVATE` (from the API's endpoint configuration).
    #[serde(default)]
    pub endpoint_types: Vec<String>,
    /// Method settings by `RESOURCE_PATH/HTTP_METHOD`; `*/*` holds the stage's defaults.
    #[serde(default)]
    pub method_settings: Vec<ApiMethodSetting>,
    /// Where access logs go (a log group or Firehose ARN); `None` when off.
    #[serde(default)]
    pub access_log_destination: Option<String>,
    /// The AWS WAF web ACL associated with the stage.
    #[serde(default)]
    pub web_acl_arn: Option<String>,
    #[serde(default)]
    pub client_certificate_id: Option<String>,
    pub tracing_enabled: bool,
    pub cache_cluster_enabled: bool,
    #[serde(default)]
    pub tags: Tags,
}

/// The settings of one method (or, for `*/*`, of every method not overridden).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ApiMethodSetting {
    /// `*/*`, or `RESOURCE_PATH/HTTP_METHOD` with the path's slashes escaped as `~1`.
    pub path: String,
    /// CloudWatch execution logging: `OFF`, `ERROR` or `INFO`; `None` when unset (off).
    #[serde(default)]
    pub logging_level: Option<String>,
    pub data_trace_enabled: bool,
    pub caching_enabled: bool,
    pub cache_data_encrypted: bool,
}
