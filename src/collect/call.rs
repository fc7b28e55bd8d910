//! One AWS API call under the shared concurrency limit: success, an expected "absent" answer
//! (`NoSuchEntity` for a password policy is a fact, not an error), or a recorded collection gap.
//! Calls name their operation through the collection registry (`inventory::collections::op`).

use super::session::Session;
use crate::inventory::collections::Operation;
use crate::inventory::Gap;
use aws_smithy_async::future::pagination_stream::PaginationStream;
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use std::future::Future;

/// A string field AWS may answer with `""` for "not set", as `None` then.
pub fn non_empty(s: Option<&str>) -> Option<String> {
    s.filter(|x| !x.is_empty()).map(str::to_string)
}

/// For listings the SDK has no paginator for: moves `token` to the page's `next` one and says
/// whether to ask for another page. An empty token, or the one just sent again (a service that
/// would loop), ends the listing.
pub fn next_page(token: &mut Option<String>, next: Option<&str>) -> bool {
    match next {
        Some(t) if !t.is_empty() && Some(t) != token.as_deref() => {
            *token = Some(t.to_string());
            true
        }
        _ => false,
    }
}

/// The result of a call that may legitimately find nothing.
#[derive(Debug)]
pub enum Outcome<T> {
    Found(T),
    /// AWS answered with one of the expected "does not exist" codes.
    Absent,
    /// The call failed; a gap is recorded.
    Failed,
}

/// Where a call was made, for gaps and progress.
#[derive(Debug, Clone, Copy)]
pub struct At<'a> {
    pub op: Operation,
    pub region: &'a str,
    /// Set when the call concerns one resource (a bucket's policy, a key's rotation).
    pub resource: Option<&'a str>,
}

impl<'a> At<'a> {
    /// A call that concerns no single resource: a listing or an account-wide setting.
    pub const fn new(op: Operation, region: &'a str) -> Self {
        At {
            op,
            region,
            resource: None,
        }
    }

    /// A call of a global service (IAM, Organizations, the S3 bucket listing): gaps say
    /// `global`, and blind every region's view of the account.
    pub const fn global(op: Operation) -> Self {
        At::new(op, "global")
    }

    /// The same call, about one resource (its ARN).
    pub const fn on(self, resource: &'a str) -> Self {
        At {
            resource: Some(resource),
            ..self
        }
    }
}

/// (code, message) of a failed call. Unimplemented APIs (HTTP 501/500 without an AWS error
/// code) are named by their status, so the gap says what happened.
pub fn classify<E: ProvideErrorMetadata + std::error::Error>(
    e: &SdkError<E, HttpResponse>,
) -> (String, String) {
    match e {
        SdkError::ServiceError(se) => {
            let err = se.err();
            let status = se.raw().status().as_u16();
            match err.code() {
                Some(code) => (
                    code.to_string(),
                    err.message().unwrap_or_default().to_string(),
                ),
                // A success status the SDK could not read: the service (or an emulator) answered
                // in a shape the API does not define.
                None if (200..300).contains(&status) => (
                    "UnparseableResponse".into(),
                    format!("HTTP {status} response that does not match the API's shape"),
                ),
                None => (
                    format!("HTTP{status}"),
                    format!("HTTP status {status} without an AWS error code"),
                ),
            }
        }
        SdkError::TimeoutError(_) => ("Timeout".into(), "the call timed out".into()),
        SdkError::DispatchFailure(d) => {
            let kind = if d.is_timeout() {
                "Timeout"
            } else if d.is_io() {
                "ConnectionError"
            } else {
                "DispatchFailure"
            };
            (kind.into(), format!("{d:?}"))
        }
        SdkError::ResponseError(r) => ("ResponseError".into(), format!("{r:?}")),
        SdkError::ConstructionFailure(c) => ("ConstructionFailure".into(), format!("{c:?}")),
        other => ("Unknown".into(), other.to_string()),
    }
}

impl Session {
    /// Runs one call (or one whole pagination) under the concurrency limit. A final failure
    /// becomes a gap and `None`.
    pub async fn call<T, E, Fut>(&self, at: At<'_>, f: impl FnOnce() -> Fut) -> Option<T>
    where
        Fut: Future<Output = Result<T, SdkError<E, HttpResponse>>>,
        E: ProvideErrorMetadata + std::error::Error,
    {
        match self.call_absent(at, &[], f).await {
            Outcome::Found(v) => Some(v),
            Outcome::Absent | Outcome::Failed => None,
        }
    }

    /// Every item of every page of a paginated listing (the SDK's `into_paginator().items()`),
    /// or a gap and `None` when a page fails: a listing is whole or it is a gap.
    pub async fn paginate<T, E>(
        &self,
        at: At<'_>,
        items: impl FnOnce() -> PaginationStream<Result<T, SdkError<E, HttpResponse>>>,
    ) -> Option<Vec<T>>
    where
        E: ProvideErrorMetadata + std::error::Error,
    {
        self.call(at, || items().try_collect()).await
    }

    /// Records a gap: a call that failed, or answered with something unusable.
    pub fn record_gap(&self, at: At<'_>, code: String, message: String) {
        let gap = Gap {
            service: at.op.service.to_string(),
            region: at.region.to_string(),
            operation: at.op.name.to_string(),
            error: code,
            account_id: Some(self.account_id.clone()),
            resource: at.resource.map(str::to_string),
            message: Some(message),
        };
        if let Ok(mut gaps) = self.shared.gaps.lock() {
            gaps.push(gap);
        }
    }

    /// Like [`Session::call`], but an error whose code is in `absent` means "there is none".
    pub async fn call_absent<T, E, Fut>(
        &self,
        at: At<'_>,
        absent: &[&str],
        f: impl FnOnce() -> Fut,
    ) -> Outcome<T>
    where
        Fut: Future<Output = Result<T, SdkError<E, HttpResponse>>>,
        E: ProvideErrorMetadata + std::error::Error,
    {
        self.call_absent_when(at, |code, _| absent.contains(&code), f)
            .await
    }

    /// Like [`Session::call_absent`], for services whose "there is none" shares its code with
    /// real failures and only the message tells them apart (Macie answers
    /// `AccessDeniedException` "Macie is not enabled").
    pub async fn call_absent_when<T, E, Fut>(
        &self,
        at: At<'_>,
        absent: impl Fn(&str, &str) -> bool,
        f: impl FnOnce() -> Fut,
    ) -> Outcome<T>
    where
        Fut: Future<Output = Result<T, SdkError<E, HttpResponse>>>,
        E: ProvideErrorMetadata + std::error::Error,
    {
        let _permit = match self.shared.limiter.acquire().await {
            Ok(p) => p,
            Err(_) => return Outcome::Failed,
        };
        self.shared.progress.calling(at.op.service, at.op.name);
        let result = f().await;
        match result {
            Ok(v) => Outcome::Found(v),
            Err(e) => {
                let (code, message) = classify(&e);
                if absent(&code, &message) {
                    return Outcome::Absent;
                }
                tracing::debug!(service = at.op.service, region = at.region, operation = at.op.name, %code, %message, "call failed");
                self.record_gap(at, code, message);
                Outcome::Failed
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::next_page;

    #[test]
    fn next_page_follows_new_tokens_and_stops_on_empty_or_repeated_ones() {
        let mut token = None;
        assert!(next_page(&mut token, Some("a")));
        assert_eq!(token.as_deref(), Some("a"));
        assert!(
            !next_page(&mut token, Some("a")),
            "a repeated token ends the listing"
        );
        assert!(!next_page(&mut token, Some("")));
        assert!(!next_page(&mut token, None));
        assert_eq!(token.as_deref(), Some("a"));
    }
}
