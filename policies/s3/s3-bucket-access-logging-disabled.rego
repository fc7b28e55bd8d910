# METADATA
# title: S3 bucket server access logging is disabled
# description: |
#   The bucket has no server access logging target, so there is no per-request record of who read,
#   wrote or deleted its objects (CloudTrail records object-level requests only when data events
#   are enabled). Access records are needed to investigate data exposure and to evidence review of
#   access to sensitive data.
# custom:
#   id: s3-bucket-access-logging-disabled
#   severity: low
#   resource_type: AWS::S3::Bucket
#   scope: storage.s3_buckets
#   needs: [s3:GetBucketLocation, s3:GetBucketLogging]
#   remediation: |
#     Send access logs to a dedicated log bucket (in the same region, without logging to itself):
#     `aws s3api put-bucket-logging --bucket <bucket> --bucket-logging-status '{"LoggingEnabled":{"TargetBucket":"<log-bucket>","TargetPrefix":"<bucket>/"}}'`.
#     Alternatively enable CloudTrail S3 data events for the bucket. Terraform: `aws_s3_bucket_logging`.
#   references:
#     - https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html
#     - https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html
package palisade.s3.bucket_access_logging_disabled

import rego.v1

checked contains b.arn if some b in input.storage.s3_buckets

deny contains result if {
	some b in input.storage.s3_buckets
	object.get(b, "logging_target", null) == null
	result := {
		"arn": b.arn,
		"message": sprintf("S3 bucket %s (account %s, %s) has server access logging disabled", [b.name, b.account_id, b.region]),
		"evidence": {"logging_target": null},
	}
}
