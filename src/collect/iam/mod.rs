//! IAM with few calls: `GetAccountAuthorizationDetails` for every principal and policy with its
//! documents, the credential report for passwords, MFA and access keys, and a handful of
//! account-wide calls. Per-user calls are made only for users that have access keys (their ids).

mod credentials;
mod principals;
mod settings;

pub(crate) use principals::decode_document;

use super::call::At;
use super::session::Session;
use crate::inventory::collections::op;
use crate::inventory::Inventory;
use credentials::UserCredentials;

pub async fn collect(s: &Session, home_region: &str) -> Inventory {
    let iam = crate::client!(s, aws_sdk_iam, home_region);
    let at = At::global;
    let (details, users, mut report, virtual_mfa, password, summary, certificates) = futures::join!(
        s.paginate(at(op::iam::GET_ACCOUNT_AUTHORIZATION_DETAILS), || {
            iam.get_account_authorization_details()
                .into_paginator()
                .send()
        }),
        s.paginate(at(op::iam::LIST_USERS), || {
            iam.list_users().into_paginator().items().send()
        }),
        credentials::credential_report(s, &iam),
        s.paginate(at(op::iam::LIST_VIRTUAL_MFA_DEVICES), || {
            iam.list_virtual_mfa_devices()
                .into_paginator()
                .items()
                .send()
        }),
        s.call_absent(
            at(op::iam::GET_ACCOUNT_PASSWORD_POLICY),
            &["NoSuchEntity"],
            || iam.get_account_password_policy().send()
        ),
        s.call(at(op::iam::GET_ACCOUNT_SUMMARY), || {
            iam.get_account_summary().send()
        }),
        s.paginate(at(op::iam::LIST_SERVER_CERTIFICATES), || {
            iam.list_server_certificates()
                .into_paginator()
                .items()
                .send()
        }),
    );
    let mut inv = Inventory::empty(chrono::Utc::now());
    inv.iam
        .password_policies
        .extend(settings::password_policy(s, password));
    inv.iam
        .account_summaries
        .extend(summary.map(|out| settings::account_summary(s, &out)));
    let mut credentials = UserCredentials::new(
        report.as_ref(),
        users.as_deref().unwrap_or_default(),
        virtual_mfa.as_deref().unwrap_or_default(),
    );
    for page in details.iter().flatten() {
        principals::add_page(s, page, &mut credentials, &mut inv.iam);
    }
    credentials::access_keys(s, &iam, &mut inv.iam.users, &credentials.rows).await;
    if let Some(report) = report.as_mut() {
        report.root_virtual_mfa = virtual_mfa.as_deref().map(settings::root_has_virtual_mfa);
    }
    inv.iam.credential_reports.extend(report);
    inv.iam.server_certificates = certificates
        .unwrap_or_default()
        .iter()
        .map(|c| settings::server_certificate(s, c))
        .collect();
    inv
}
