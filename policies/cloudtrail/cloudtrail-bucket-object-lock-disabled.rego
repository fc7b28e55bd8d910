# METADATA
# title: S3 bucket receiving CloudTrail logs does not lock them
# description: |
#   A trail delivers its log files to this bucket, but the bucket has no S3 Object Lock, or
#   has it without a default retention rule (CloudTrail sets no retention on the files it
#   writes, so they are not locked). Anyone with delete rights on the bucket, an intruder
#   covering their tracks included, can then remove or overwrite the record before its
#   retention ends; log file validation would show the loss but not prevent it. Either lock
#   mode counts (`GOVERNANCE` can still be bypassed with `s3:BypassGovernanceRetention`).
#   Trails whose bucket was not collected (another, unscanned account) are not judged; scan
#   the log archive account too.
# custom:
#   id: cloudtrail-bucket-object-lock-disabled
#   severity: low
#   resource_type: AWS::S3::Bucket
#   scope: storage.s3_buckets
#   inputs: [logging.trails]
#   needs: [s3:GetObjectLockConfiguration]
#   remediation: |
#     Object Lock needs versioning: `aws s3api put-bucket-versioning --bucket B
#     --versioning-configuration Status=Enabled`, then `aws s3api put-object-lock-configuration
#     --bucket B --object-lock-configuration '{"ObjectLockEnabled":"Enabled","Rule":
#     {"DefaultRetention":{"Mode":"COMPLIANCE","Days":365}}}'`. Keep the retention at least as
#     long as the logs must be kept (a year for PCI DSS 10.5.1). Terraform:
#     `aws_s3_bucket_object_lock_configuration`.
#   references:
#     - https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html
#     - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/best-practices-security.html
package palisade.cloudtrail.bucket_object_lock_disabled

import data.palisade.lib.index
import rego.v1

# The names of the trails delivering to bucket `name` (a lookup in `input.index`: scanning
# the trails for every bucket would grow with accounts squared).
trails_of(name) := sort([t.name | some t in index.lookup("trails_by_s3_bucket", [name])])

judged(b) if {
	is_object(b.object_lock)
	count(index.lookup("trails_by_s3_bucket", [b.name])) > 0
}

checked contains b.arn if {
	some b in input.storage.s3_buckets
	judged(b)
}

why(lock) := "has no Object Lock" if lock.enabled != true

why(lock) := "has Object Lock without a default retention, so the files CloudTrail writes are not locked" if {
	lock.enabled == true
	not is_string(lock.mode)
}

deny contains result if {
	some b in input.storage.s3_buckets
	judged(b)
	reason := why(b.object_lock)
	trails := trails_of(b.name)
	result := {
		"arn": b.arn,
		"message": sprintf("S3 bucket %s receives the logs of CloudTrail trail(s) %s but %s", [b.name, concat(", ", trails), reason]),
		"evidence": {"object_lock": b.object_lock, "trails": trails},
	}
}
