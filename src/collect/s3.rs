//! S3: every bucket (location, default encryption, Block Public Access, policy, ACL, versioning,
//! access logging, object ownership, tags, Object Lock) and the account-level Block Public Access.

use super::call::{At, Outcome};
use super::session::Session;
use super::time::to_chrono;
use crate::inventory::collections::op;
use crate::inventory::storage::{
    AclGrant, BucketEncryption, ObjectLock, PublicAccessBlock, S3AccountPublicAccessBlock, S3Bucket,
};
use crate::inventory::{Inventory, Tags};
use aws_sdk_s3control::config::endpoint::{Endpoint, EndpointFuture, Params, ResolveEndpoint};
use futures::future::join_all;
use std::collections::BTreeMap;

/// An S3 client for `region`. Against a custom endpoint (an emulator such as moto on
/// `http://127.0.0.1:PORT`) path-style addressing is forced: the virtual-host form
/// `bucket.127.0.0.1` does not resolve.
fn s3_client(s: &Session, region: &str) -> aws_sdk_s3::Client {
    let mut conf = aws_sdk_s3::config::Builder::from(&s.sdk)
        .region(aws_config::Region::new(region.to_string()))
        .interceptor(s.counting());
    if s.endpoint_override.is_some() {
        conf = conf.force_path_style(true);
    }
    aws_sdk_s3::Client::from_conf(conf.build())
}

/// Resolves every S3 Control call to one fixed URL.
///
/// S3 Control puts the account id in the host name (`<account>.s3-control.<region>...`); with a
/// custom endpoint that becomes `<account>.127.0.0.1`, which does not resolve. An emulator serves
/// S3 Control on its single host, so the override URL is used unchanged.
#[derive(Debug)]
pub struct FixedEndpoint(pub String);

impl ResolveEndpoint for FixedEndpoint {
    fn resolve_endpoint<'a>(&'a self, _params: &'a Params) -> EndpointFuture<'a> {
        EndpointFuture::ready(Ok(Endpoint::builder().url(self.0.clone()).build()))
    }
}

fn s3control_client(s: &Session, region: &str) -> aws_sdk_s3control::Client {
    let mut conf = aws_sdk_s3control::config::Builder::from(&s.sdk)
        .region(aws_config::Region::new(region.to_string()))
        .interceptor(s.counting());
    if let Some(url) = &s.endpoint_override {
        conf = conf.endpoint_resolver(FixedEndpoint(url.clone()));
    }
    aws_sdk_s3control::Client::from_conf(conf.build())
}

/// S3 is global: collected once per account, each bucket read in its own region.
pub async fn collect(s: &Session, home_region: &str) -> Inventory {
    let mut inv = Inventory::empty(chrono::Utc::now());
    let (buckets, account_block) =
        futures::join!(buckets(s, home_region), account_block(s, home_region));
    inv.storage.s3_buckets = buckets;
    inv.storage
        .s3_account_public_access_blocks
        .extend(account_block);
    inv
}

/// `s3control:GetPublicAccessBlock`: `None` when the call failed (a gap), `config: None` when
/// the account has no block.
async fn account_block(s: &Session, home_region: &str) -> Option<S3AccountPublicAccessBlock> {
    let client = s3control_client(s, home_region);
    let at = At::global(op::s3control::GET_PUBLIC_ACCESS_BLOCK);
    let config = match s
        .call_absent(at, &["NoSuchPublicAccessBlockConfiguration"], || {
            client
                .get_public_access_block()
                .account_id(&s.account_id)
                .send()
        })
        .await
    {
        Outcome::Found(o) => o
            .public_access_block_configuration()
            .map(|c| PublicAccessBlock {
                block_public_acls: c.block_public_acls().unwrap_or(false),
                ignore_public_acls: c.ignore_public_acls().unwrap_or(false),
                block_public_policy: c.block_public_policy().unwrap_or(false),
                restrict_public_buckets: c.restrict_public_buckets().unwrap_or(false),
            }),
        Outcome::Absent => None,
        Outcome::Failed => return None,
    };
    Some(S3AccountPublicAccessBlock {
        account_id: s.account_id.clone(),
        config,
    })
}

/// A bucket from `ListBuckets`, before its own calls.
struct Listed {
    name: String,
    arn: String,
    created: Option<chrono::DateTime<chrono::Utc>>,
    /// `BucketRegion` as `ListBuckets` reports it (not every endpoint does).
    listed_region: Option<String>,
}

async fn buckets(s: &Session, home_region: &str) -> Vec<S3Bucket> {
    let client = s3_client(s, home_region);
    let at = At::global(op::s3::LIST_BUCKETS);
    let Some(found) = s
        .paginate(at, || client.list_buckets().into_paginator().items().send())
        .await
    else {
        return Vec::new();
    };
    let listed: Vec<Listed> = found
        .iter()
        .filter_map(|b| {
            let name = b.name()?.to_string();
            Some(Listed {
                arn: format!("arn:{}:s3:::{name}", s.partition),
                name,
                created: b.creation_date().map(to_chrono),
                listed_region: b
                    .bucket_region()
                    .filter(|r| !r.is_empty())
                    .map(str::to_string),
            })
        })
        .collect();

    // Where each bucket lives; the rest of its calls must go to that region.
    let regions = join_all(listed.iter().map(|b| location(s, &client, home_region, b))).await;
    let mut clients: BTreeMap<String, aws_sdk_s3::Client> = BTreeMap::new();
    for r in &regions {
        clients.entry(r.clone()).or_insert_with(|| s3_client(s, r));
    }
    join_all(listed.into_iter().zip(regions).map(|(b, region)| {
        let client = clients
            .get(&region)
            .cloned()
            .unwrap_or_else(|| client.clone());
        async move { bucket(s, &client, b, region).await }
    }))
    .await
}

/// `GetBucketLocation`: an empty location is `us-east-1`, `EU` is `eu-west-1`. When the call
/// fails (a gap on the bucket), the region `ListBuckets` reported, else the home region.
async fn location(
    s: &Session,
    client: &aws_sdk_s3::Client,
    home_region: &str,
    b: &Listed,
) -> String {
    let at = At::new(op::s3::GET_BUCKET_LOCATION, home_region).on(&b.arn);
    match s
        .call(at, || client.get_bucket_location().bucket(&b.name).send())
        .await
    {
        Some(o) => match o.location_constraint().map(|c| c.as_str()) {
            None | Some("") => "us-east-1".to_string(),
            Some("EU") => "eu-west-1".to_string(),
            Some(r) => r.to_string(),
        },
        None => b
            .listed_region
            .clone()
            .unwrap_or_else(|| home_region.to_string()),
    }
}

/// Every per-bucket call, concurrently. A failed call leaves its field empty and records a gap
/// on the bucket, so the bucket's results are `not-evaluated` rather than guessed.
async fn bucket(s: &Session, client: &aws_sdk_s3::Client, b: Listed, region: String) -> S3Bucket {
    let name = b.name.as_str();
    let at = |op| At::new(op, &region).on(&b.arn);
    let (encryption, pab, policy, acl, versioning, logging, ownership, tagging, lock) = futures::join!(
        s.call_absent(
            at(op::s3::GET_BUCKET_ENCRYPTION),
            &["ServerSideEncryptionConfigurationNotFoundError"],
            || client.get_bucket_encryption().bucket(name).send()
        ),
        s.call_absent(
            at(op::s3::GET_PUBLIC_ACCESS_BLOCK),
            &["NoSuchPublicAccessBlockConfiguration"],
            || client.get_public_access_block().bucket(name).send()
        ),
        s.call_absent(
            at(op::s3::GET_BUCKET_POLICY),
            &["NoSuchBucketPolicy"],
            || { client.get_bucket_policy().bucket(name).send() }
        ),
        s.call(at(op::s3::GET_BUCKET_ACL), || {
            client.get_bucket_acl().bucket(name).send()
        }),
        s.call(at(op::s3::GET_BUCKET_VERSIONING), || {
            client.get_bucket_versioning().bucket(name).send()
        }),
        s.call(at(op::s3::GET_BUCKET_LOGGING), || {
            client.get_bucket_logging().bucket(name).send()
        }),
        s.call_absent(
            at(op::s3::GET_BUCKET_OWNERSHIP_CONTROLS),
            &["OwnershipControlsNotFoundError"],
            || client.get_bucket_ownership_controls().bucket(name).send()
        ),
        s.call_absent(at(op::s3::GET_BUCKET_TAGGING), &["NoSuchTagSet"], || {
            client.get_bucket_tagging().bucket(name).send()
        }),
        s.call_absent(
            at(op::s3::GET_OBJECT_LOCK_CONFIGURATION),
            &["ObjectLockConfigurationNotFoundError"],
            || client.get_object_lock_configuration().bucket(name).send()
        ),
    );
    let (versioning, mfa_delete) = versioning
        .map(|o| {
            (
                o.status().map(|v| v.as_str().to_string()),
                o.mfa_delete().is_some_and(|m| m.as_str() == "Enabled"),
            )
        })
        .unwrap_or((None, false));
    S3Bucket {
        arn: b.arn.clone(),
        account_id: s.account_id.clone(),
        region: region.clone(),
        name: b.name.clone(),
        created: b.created,
        encryption: found(encryption).and_then(|o| default_encryption(&o)),
        public_access_block: found(pab).and_then(|o| {
            o.public_access_block_configuration()
                .map(|c| PublicAccessBlock {
                    block_public_acls: c.block_public_acls().unwrap_or(false),
                    ignore_public_acls: c.ignore_public_acls().unwrap_or(false),
                    block_public_policy: c.block_public_policy().unwrap_or(false),
                    restrict_public_buckets: c.restrict_public_buckets().unwrap_or(false),
                })
        }),
        policy: found(policy).and_then(|o| o.policy().map(parse_policy)),
        acl_grants: acl
            .map(|o| o.grants().iter().filter_map(acl_grant).collect())
            .unwrap_or_default(),
        versioning,
        mfa_delete,
        logging_target: logging
            .and_then(|o| o.logging_enabled().map(|l| l.target_bucket().to_string()))
            .filter(|t| !t.is_empty()),
        object_ownership: found(ownership).and_then(|o| {
            o.ownership_controls()?
                .rules()
                .first()
                .map(|r| r.object_ownership().as_str().to_string())
        }),
        tags: found(tagging)
            .map(|o| {
                o.tag_set()
                    .iter()
                    .map(|t| (t.key().to_string(), t.value().to_string()))
                    .collect::<Tags>()
            })
            .unwrap_or_default(),
        object_lock: object_lock(lock),
    }
}

/// Object Lock as the bucket has it: off when S3 says it has no configuration, unknown
/// (`None`, with the gap the call recorded) when the call failed.
fn object_lock(
    o: Outcome<
        aws_sdk_s3::operation::get_object_lock_configuration::GetObjectLockConfigurationOutput,
    >,
) -> Option<ObjectLock> {
    let off = ObjectLock {
        enabled: false,
        mode: None,
        days: None,
        years: None,
    };
    match o {
        Outcome::Failed => None,
        Outcome::Absent => Some(off),
        Outcome::Found(out) => {
            let Some(c) = out.object_lock_configuration() else {
                return Some(off);
            };
            let retention = c.rule().and_then(|r| r.default_retention());
            Some(ObjectLock {
                enabled: c
                    .object_lock_enabled()
                    .is_some_and(|e| e.as_str() == "Enabled"),
                mode: retention
                    .and_then(|d| d.mode())
                    .map(|m| m.as_str().to_string()),
                days: retention.and_then(|d| d.days()),
                years: retention.and_then(|d| d.years()),
            })
        }
    }
}

/// The first rule that sets default encryption.
fn default_encryption(
    o: &aws_sdk_s3::operation::get_bucket_encryption::GetBucketEncryptionOutput,
) -> Option<BucketEncryption> {
    let rules = o.server_side_encryption_configuration()?.rules();
    rules.iter().find_map(|rule| {
        let d = rule.apply_server_side_encryption_by_default()?;
        Some(BucketEncryption {
            algorithm: d.sse_algorithm().as_str().to_string(),
            kms_key_id: d.kms_master_key_id().map(str::to_string),
            bucket_key_enabled: rule.bucket_key_enabled().unwrap_or(false),
        })
    })
}

fn found<T>(o: Outcome<T>) -> Option<T> {
    match o {
        Outcome::Found(v) => Some(v),
        Outcome::Absent | Outcome::Failed => None,
    }
}

/// A policy document parsed, or kept as text when it is not JSON.
pub(crate) fn parse_policy(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|_| serde_json::Value::String(text.to_string()))
}

/// One ACL grant: the grantee named by canonical id, group URI or e-mail, per its type.
fn acl_grant(g: &aws_sdk_s3::types::Grant) -> Option<AclGrant> {
    let grantee = g.grantee()?;
    let grantee_type = grantee.r#type().as_str().to_string();
    let who = match grantee_type.as_str() {
        "CanonicalUser" => grantee.id(),
        "Group" => grantee.uri(),
        "AmazonCustomerByEmail" => grantee.email_address(),
        _ => None,
    }
    .or(grantee.id())
    .or(grantee.uri())
    .or(grantee.email_address())?;
    Some(AclGrant {
        grantee_type,
        grantee: who.to_string(),
        permission: g.permission().map(|p| p.as_str().to_string())?,
    })
}
