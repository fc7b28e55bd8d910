# METADATA
# title: CloudTrail trail is not logging
# description: |
#   A CloudTrail trail exists but logging is stopped, so it records nothing. Stopping a trail
#   is a classic step to hide an intrusion; a stopped trail also gives a false sense of
#   coverage to anyone who only checks that trails exist.
# custom:
#   id: cloudtrail-trail-not-logging
#   severity: high
#   resource_type: AWS::CloudTrail::Trail
#   scope: logging.trails
#   remediation: |
#     Find out who stopped it and why (CloudTrail event history: `StopLogging`), then
#     `aws cloudtrail start-logging --name TRAIL`. Alert on `StopLogging`/`DeleteTrail` events
#     and deny them with an SCP. Terraform: `enable_logging = true` on the `aws_cloudtrail`.
#   references:
#     - https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_StartLogging.html
#     - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-turning-off-logging.html
package palisade.cloudtrail.trail_not_logging

import rego.v1

checked contains t.arn if some t in input.logging.trails

deny contains result if {
	some t in input.logging.trails
	not t.is_logging == true
	result := {
		"arn": t.arn,
		"message": sprintf("CloudTrail trail %s (home region %s, account %s) is not logging", [t.name, t.region, t.account_id]),
		"evidence": {"is_logging": object.get(t, "is_logging", null)},
	}
}
