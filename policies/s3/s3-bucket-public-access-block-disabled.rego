# METADATA
# title: S3 bucket is not fully covered by Block Public Access
# description: |
#   At least one of the four S3 Block Public Access switches (block_public_acls, ignore_public_acls,
#   block_public_policy, restrict_public_buckets) is off for this bucket at both the bucket and the
#   account level. Without all four, a single ACL change or bucket policy edit can make the bucket or
#   its objects public; with them, S3 refuses or ignores public grants whatever else is configured.
# custom:
#   id: s3-bucket-public-access-block-disabled
#   severity: medium
#   resource_type: AWS::S3::Bucket
#   scope: storage.s3_buckets
#   inputs: [storage.s3_account_public_access_blocks]
#   needs: [s3:GetBucketLocation, s3:GetPublicAccessBlock]
#   remediation: |
#     Turn on all four switches for the account (preferred) or for the bucket:
#     `aws s3control put-public-access-block --account-id <account> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true`
#     or `aws s3api put-public-access-block --bucket <bucket> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true`.
#     Terraform: `aws_s3_account_public_access_block` or `aws_s3_bucket_public_access_block` with
#     all four attributes set to `true`.
#   references:
#     - https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
package palisade.s3.bucket_public_access_block_disabled

import data.palisade.lib.aws
import rego.v1

checked contains b.arn if some b in input.storage.s3_buckets

deny contains result if {
	some b in input.storage.s3_buckets
	off := aws.pab_off(b)
	count(off) > 0
	result := {
		"arn": b.arn,
		"message": sprintf("S3 bucket %s (account %s, %s) has Block Public Access switches off at both bucket and account level: %s", [b.name, b.account_id, b.region, concat(", ", off)]),
		"evidence": {"off": off, "bucket_public_access_block": object.get(b, "public_access_block", null)},
	}
}
