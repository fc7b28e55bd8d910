# METADATA
# title: S3 account-level Block Public Access is not fully enabled
# description: |
#   The account has no S3 Block Public Access configuration, or one of its four switches
#   (block_public_acls, ignore_public_acls, block_public_policy, restrict_public_buckets) is off.
#   The account-level block is the guardrail that keeps every bucket, including ones created later
#   or by automation, from being made public through ACLs or bucket policies.
# custom:
#   id: s3-account-public-access-block-disabled
#   severity: medium
#   resource_type: AWS::Account
#   scope: storage.s3_account_public_access_blocks
#   remediation: |
#     Enable all four switches for the account (buckets that must be public, such as static
#     websites, are better served through CloudFront with origin access control):
#     `aws s3control put-public-access-block --account-id <account> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true`.
#     Terraform: `aws_s3_account_public_access_block` with all four attributes `true`; in AWS
#     Organizations, an SCP can deny `s3:PutAccountPublicAccessBlock` to keep it on.
#   references:
#     - https://docs.aws.amazon.com/AmazonS3/latest/userguide/configuring-block-public-access-account.html
#     - https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
package palisade.s3.account_public_access_block_disabled

import data.palisade.lib.aws
import data.palisade.lib.util
import rego.v1

checked contains util.account_arn(rec.account_id) if some rec in input.storage.s3_account_public_access_blocks

deny contains result if {
	some rec in input.storage.s3_account_public_access_blocks
	cfg := object.get(rec, "config", null)
	off := aws.config_off(cfg)
	count(off) > 0
	result := {
		"arn": util.account_arn(rec.account_id),
		"message": sprintf("Account %s %s", [rec.account_id, problem(cfg, off)]),
		"evidence": {"config": cfg, "off": off},
	}
}

problem(null, _) := "has no account-level S3 Block Public Access configuration"

problem(cfg, off) := sprintf("has account-level S3 Block Public Access switches off: %s", [concat(", ", off)]) if cfg != null
