//! Detection posture in one region: IAM Access Analyzer's analyzers, Amazon Macie's status and
//! Amazon Inspector's.
//!
//! Each is one record per account and region, standing for the region's setting. A region
//! whose analyzers or Macie status could not be read has no record (and a gap), so its result
//! is `not-evaluated`, not a pass.

use super::call::{At, Outcome};
use super::session::Session;
use crate::inventory::collections::op;
use crate::inventory::logging::{AccessAnalyzers, Analyzer, Inspector2Status, MacieSession};
use crate::inventory::Inventory;

pub async fn collect(s: &Session, region: &str) -> Inventory {
    let mut inv = Inventory::empty(chrono::Utc::now());
    let (analyzers, macie, inspector) =
        futures::join!(analyzers(s, region), macie(s, region), inspector(s, region));
    inv.logging.access_analyzers.extend(analyzers);
    inv.logging.macie_sessions.extend(macie);
    inv.logging.inspector2.extend(inspector);
    inv
}

async fn analyzers(s: &Session, region: &str) -> Option<AccessAnalyzers> {
    let client = crate::client!(s, aws_sdk_accessanalyzer, region);
    let at = At::new(op::accessanalyzer::LIST_ANALYZERS, region);
    let listed = s
        .paginate(at, || {
            client.list_analyzers().into_paginator().items().send()
        })
        .await?;
    Some(AccessAnalyzers {
        arn: s.arn("access-analyzer", region, "analyzers"),
        account_id: s.account_id.clone(),
        region: region.to_string(),
        analyzers: listed
            .iter()
            .map(|a| Analyzer {
                arn: a.arn().to_string(),
                name: a.name().to_string(),
                analyzer_type: a.r#type().as_str().to_string(),
                status: a.status().as_str().to_string(),
            })
            .collect(),
    })
}

/// Macie answers `AccessDeniedException` "Macie is not enabled" where it never was, and
/// `ResourceNotFoundException` once disabled: both are a fact (`DISABLED`). The same denial
/// code with any other message is a real denial, and a gap.
fn never_enabled(code: &str, message: &str) -> bool {
    code == "ResourceNotFoundException"
        || code == "AccessDeniedException" && message.to_ascii_lowercase().contains("not enabled")
}

async fn macie(s: &Session, region: &str) -> Option<MacieSession> {
    let client = crate::client!(s, aws_sdk_macie2, region);
    let at = At::new(op::macie2::GET_MACIE_SESSION, region);
    let status = match s
        .call_absent_when(at, never_enabled, || client.get_macie_session().send())
        .await
    {
        Outcome::Found(out) => out.status().map_or("DISABLED", |x| x.as_str()).to_string(),
        Outcome::Absent => "DISABLED".to_string(),
        Outcome::Failed => return None,
    };
    Some(MacieSession {
        arn: s.arn("macie2", region, "session"),
        account_id: s.account_id.clone(),
        region: region.to_string(),
        status,
    })
}

/// The account's Inspector status here. An answer that names neither the account nor a
/// failure for it is unusable, and a gap.
async fn inspector(s: &Session, region: &str) -> Option<Inspector2Status> {
    let client = crate::client!(s, aws_sdk_inspector2, region);
    let at = At::new(op::inspector2::BATCH_GET_ACCOUNT_STATUS, region);
    let out = s
        .call(at, || {
            client
                .batch_get_account_status()
                .account_ids(&s.account_id)
                .send()
        })
        .await?;
    let Some(account) = out
        .accounts()
        .iter()
        .find(|a| a.account_id() == s.account_id)
    else {
        let why = out
            .failed_accounts()
            .first()
            .map(|f| f.error_message())
            .unwrap_or("the answer does not include the account");
        s.record_gap(at, "AccountNotInAnswer".into(), why.to_string());
        return None;
    };
    let mut resources = std::collections::BTreeMap::new();
    if let Some(r) = account.resource_state() {
        for (kind, state) in [
            ("ec2", r.ec2()),
            ("ecr", r.ecr()),
            ("lambda", r.lambda()),
            ("lambda_code", r.lambda_code()),
        ] {
            if let Some(state) = state {
                resources.insert(kind.to_string(), state.status().as_str().to_string());
            }
        }
    }
    Some(Inspector2Status {
        arn: s.arn("inspector2", region, "status"),
        account_id: s.account_id.clone(),
        region: region.to_string(),
        status: account
            .state()
            .map_or("UNKNOWN", |st| st.status().as_str())
            .to_string(),
        resources,
    })
}

#[cfg(test)]
mod tests {
    use super::never_enabled;

    #[test]
    fn only_macies_own_not_enabled_answer_means_off() {
        assert!(never_enabled(
            "AccessDeniedException",
            "Macie is not enabled."
        ));
        assert!(!never_enabled(
            "AccessDeniedException",
            "User: arn:aws:iam::1:user/x is not authorized to perform: macie2:GetMacieSession"
        ));
        assert!(never_enabled("ResourceNotFoundException", "doesn't exist"));
        assert!(!never_enabled("ThrottlingException", "not enabled"));
    }
}
