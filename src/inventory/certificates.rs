//! AWS Certificate Manager: certificates with their key, validity and use.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct AcmCertificate {
    pub arn: String,
    pub account_id: String,
    pub region: String,
    pub domain_name: String,
    /// `ISSUED`, `EXPIRED`, `PENDING_VALIDATION`, `INACTIVE`, `REVOKED`, `FAILED`, ...
    #[serde(default)]
    pub status: Option<String>,
    /// `AMAZON_ISSUED`, `IMPORTED` or `PRIVATE`.
    #[serde(default)]
    pub cert_type: Option<String>,
    /// `RSA_1024`, `RSA_2048`, ..., `EC_prime256v1`, ...
    #[serde(default)]
    pub key_algorithm: Option<String>,
    #[serde(default)]
    pub not_after: Option<DateTime<Utc>>,
    /// Attached to a load balancer, CloudFront distribution, API or other AWS resource.
    #[serde(default)]
    pub in_use: Option<bool>,
    /// `ELIGIBLE` when ACM renews it itself (issued by ACM and validated).
    #[serde(default)]
    pub renewal_eligibility: Option<String>,
}
