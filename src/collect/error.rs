//! Why a collection run could not produce a snapshot at all (everything less is a gap).

#[derive(Debug, thiserror::Error)]
pub enum CollectError {
    #[error("cannot identify the AWS account (sts:GetCallerIdentity failed: {code}: {message}); check credentials (environment, --profile, SSO login) and network access")]
    Identity { code: String, message: String },
    #[error("no region given and none configured: pass --region REGION (or --regions all), or set AWS_REGION")]
    NoRegion,
    #[error("nothing could be collected: every API call failed (first: {first})")]
    Nothing { first: String },
    #[error("cannot list the organization's accounts ({first}); --shard, --accounts and --org-only need organizations:ListAccounts with the calling credentials (the management account or a delegated administrator)")]
    Members { first: String },
    #[error("not active accounts of the organization: {}", .0.join(", "))]
    NotMembers(Vec<String>),
    #[error("cannot write the snapshot: {0}")]
    Write(std::io::Error),
}
