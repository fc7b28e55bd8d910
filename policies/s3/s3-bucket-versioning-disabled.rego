# METADATA
# title: S3 bucket versioning is not enabled
# description: |
#   Versioning is suspended or was never enabled on the bucket, so an overwrite or delete (by
#   mistake, by a faulty deployment or by ransomware using stolen credentials) destroys the only
#   copy of an object. Versioning keeps prior versions recoverable and is a prerequisite for
#   replication, MFA Delete and Object Lock.
# custom:
#   id: s3-bucket-versioning-disabled
#   severity: low
#   resource_type: AWS::S3::Bucket
#   scope: storage.s3_buckets
#   needs: [s3:GetBucketLocation, s3:GetBucketVersioning]
#   remediation: |
#     Enable versioning and add lifecycle rules to expire old versions:
#     `aws s3api put-bucket-versioning --bucket <bucket> --versioning-configuration Status=Enabled`.
#     Terraform: `aws_s3_bucket_versioning` with `versioning_configuration { status = "Enabled" }`
#     (and `aws_s3_bucket_lifecycle_configuration` with `noncurrent_version_expiration`).
#   references:
#     - https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html
#     - https://docs.aws.amazon.com/AmazonS3/latest/userguide/manage-versioning-examples.html
package palisade.s3.bucket_versioning_disabled

import rego.v1

checked contains b.arn if some b in input.storage.s3_buckets

deny contains result if {
	some b in input.storage.s3_buckets
	status := object.get(b, "versioning", null)
	status != "Enabled"
	result := {
		"arn": b.arn,
		"message": sprintf("S3 bucket %s (account %s, %s) does not have versioning enabled (%s)", [b.name, b.account_id, b.region, describe(status)]),
		"evidence": {"versioning": status},
	}
}

describe(null) := "never enabled"

describe(status) := sprintf("status %s", [status]) if status != null
