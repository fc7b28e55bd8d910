//! AWS Certificate Manager in one region: every certificate of every key type (ListCertificates
//! returns only 2048-bit RSA ones unless asked for the others), from the listing alone.

use super::call::At;
use super::session::Session;
use super::time::to_chrono;
use crate::inventory::certificates::AcmCertificate;
use crate::inventory::collections::op;
use crate::inventory::Inventory;
use aws_sdk_acm::types::{CertificateSummary, Filters, KeyAlgorithm};

pub async fn collect(s: &Session, region: &str) -> Inventory {
    let client = crate::client!(s, aws_sdk_acm, region);
    let mut inv = Inventory::empty(chrono::Utc::now());
    let every_key_type = Filters::builder()
        .set_key_types(Some(
            KeyAlgorithm::values()
                .iter()
                .map(|k| KeyAlgorithm::from(*k))
                .collect(),
        ))
        .build();
    let at = At::new(op::acm::LIST_CERTIFICATES, region);
    let Some(listed) = s
        .paginate(at, || {
            client
                .list_certificates()
                .includes(every_key_type)
                .into_paginator()
                .items()
                .send()
        })
        .await
    else {
        return inv;
    };
    inv.storage.acm_certificates = listed
        .iter()
        .filter_map(|c| certificate(s, region, c))
        .collect();
    inv
}

fn certificate(s: &Session, region: &str, c: &CertificateSummary) -> Option<AcmCertificate> {
    Some(AcmCertificate {
        arn: c.certificate_arn()?.to_string(),
        account_id: s.account_id.clone(),
        region: region.to_string(),
        domain_name: c.domain_name().unwrap_or_default().to_string(),
        status: c.status().map(|x| x.as_str().to_string()),
        cert_type: c.r#type().map(|x| x.as_str().to_string()),
        key_algorithm: c.key_algorithm().map(|x| x.as_str().to_string()),
        not_after: c.not_after().map(to_chrono),
        in_use: c.in_use(),
        renewal_eligibility: c.renewal_eligibility().map(|x| x.as_str().to_string()),
    })
}
