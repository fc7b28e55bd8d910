# METADATA
# title: CloudTrail trail has log file validation disabled
# description: |
#   A CloudTrail trail does not have log file integrity validation enabled. With validation,
#   CloudTrail delivers signed hourly digest files that prove whether a log file was modified,
#   deleted or forged after delivery; without it, an attacker who reaches the log bucket can
#   rewrite history undetected and the logs lose their value as evidence.
# custom:
#   id: cloudtrail-log-file-validation-disabled
#   severity: medium
#   resource_type: AWS::CloudTrail::Trail
#   scope: logging.trails
#   remediation: |
#     `aws cloudtrail update-trail --name TRAIL --enable-log-file-validation`, then check
#     integrity when needed with `aws cloudtrail validate-logs --trail-arn ARN --start-time
#     ...`. Terraform: `enable_log_file_validation = true` on the `aws_cloudtrail`.
#   references:
#     - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html
package palisade.cloudtrail.log_file_validation_disabled

import rego.v1

checked contains t.arn if some t in input.logging.trails

deny contains result if {
	some t in input.logging.trails
	not t.log_file_validation == true
	result := {
		"arn": t.arn,
		"message": sprintf("CloudTrail trail %s (home region %s, account %s) has log file validation disabled", [t.name, t.region, t.account_id]),
		"evidence": {"log_file_validation": object.get(t, "log_file_validation", null)},
	}
}
