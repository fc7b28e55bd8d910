# METADATA
# title: CloudTrail trail logs are not encrypted with a KMS key
# description: |
#   A CloudTrail trail delivers its log files without SSE-KMS encryption (no KMS key is set), so
#   they are protected only by S3-managed keys. With a customer managed KMS key, reading the
#   logs also requires kms:Decrypt on the key, which adds a second, separately audited access
#   control over records that reveal the account's activity and configuration.
# custom:
#   id: cloudtrail-trail-not-kms-encrypted
#   severity: medium
#   resource_type: AWS::CloudTrail::Trail
#   scope: logging.trails
#   remediation: |
#     Create a customer managed KMS key whose policy lets cloudtrail.amazonaws.com encrypt
#     (`kms:GenerateDataKey*`) and your log readers decrypt, then
#     `aws cloudtrail update-trail --name TRAIL --kms-key-id KEY_ARN`. Terraform: `kms_key_id`
#     on the `aws_cloudtrail`.
#   references:
#     - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html
package palisade.cloudtrail.trail_not_kms_encrypted

import rego.v1

checked contains t.arn if some t in input.logging.trails

deny contains result if {
	some t in input.logging.trails
	not encrypted(t)
	result := {
		"arn": t.arn,
		"message": sprintf("CloudTrail trail %s (home region %s, account %s) does not encrypt its log files with a KMS key%s", [t.name, t.region, t.account_id, bucket_text(t)]),
		"evidence": {"kms_key_id": object.get(t, "kms_key_id", null)},
	}
}

bucket_text(t) := sprintf(" (delivered to S3 bucket %s)", [t.s3_bucket]) if is_string(t.s3_bucket)

bucket_text(t) := "" if not is_string(t.s3_bucket)

encrypted(t) if {
	key := object.get(t, "kms_key_id", null)
	is_string(key)
	key != ""
}
