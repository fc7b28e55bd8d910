//! One region's EC2 context, shared by the EC2 collectors: the client, where calls are made,
//! ARNs, and the small field conversions every EC2 type needs.

use crate::collect::call::At;
use crate::collect::session::Session;
use crate::inventory::collections::Operation;
use crate::inventory::Tags;
use aws_sdk_ec2::types::Tag;
use aws_sdk_ec2::Client;
use aws_smithy_async::future::pagination_stream::PaginationStream;
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;

pub(super) struct Ec2<'a> {
    pub s: &'a Session,
    pub client: Client,
    pub region: &'a str,
}

impl<'a> Ec2<'a> {
    pub fn new(s: &'a Session, region: &'a str) -> Self {
        Ec2 {
            s,
            client: crate::client!(s, aws_sdk_ec2, region),
            region,
        }
    }

    /// A call of this region.
    pub fn at(&self, op: Operation) -> At<'a> {
        At::new(op, self.region)
    }

    /// Every item of a paginated listing; nothing (and a gap) when a page fails.
    pub async fn list<T, E>(
        &self,
        op: Operation,
        items: impl FnOnce(&Client) -> PaginationStream<Result<T, SdkError<E, HttpResponse>>>,
    ) -> Vec<T>
    where
        E: ProvideErrorMetadata + std::error::Error,
    {
        self.s
            .paginate(self.at(op), || items(&self.client))
            .await
            .unwrap_or_default()
    }

    /// `arn:aws:ec2:<region>:<account>:<kind>/<id>`, for types whose API gives no ARN.
    pub fn arn(&self, kind: &str, id: &str) -> String {
        self.s.arn("ec2", self.region, &format!("{kind}/{id}"))
    }

    pub fn account_id(&self) -> String {
        self.s.account_id.clone()
    }

    pub fn region(&self) -> String {
        self.region.to_string()
    }
}

/// EC2 tags as a map (a tag without a value has the empty value, as in the console).
pub(super) fn tags(tags: &[Tag]) -> Tags {
    crate::collect::tags::tag_map(tags, |t| (t.key(), t.value()))
}

/// The string of an optional field, empty when AWS left it out (for fields the API always sets).
pub(super) fn text(v: Option<&str>) -> String {
    v.unwrap_or_default().to_string()
}

/// Every string of `items` that `f` finds, in order.
pub(super) fn ids<T>(items: &[T], f: impl Fn(&T) -> Option<&str>) -> Vec<String> {
    items
        .iter()
        .filter_map(|i| f(i).map(str::to_string))
        .collect()
}

/// Whether an association in this state is (or is about to be) in effect.
pub(super) fn live(state: Option<&str>) -> bool {
    !matches!(state, Some("disassociated" | "failed"))
}
