package palisade.cloudtrail.trail_not_sent_to_cloudwatch_logs_test

import data.palisade.cloudtrail.trail_not_sent_to_cloudwatch_logs as policy
import rego.v1

arn := "arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail"

trail(group) := {"logging": {"trails": [{
	"arn": arn,
	"account_id": "111122223333",
	"region": "us-east-1",
	"name": "org-trail",
	"cloudwatch_logs_log_group_arn": group,
}]}}

test_fail_s3_only if {
	inp := trail(null)
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	r.message == "CloudTrail trail org-trail (home region us-east-1, account 111122223333) sends its events only to S3, not to a CloudWatch Logs log group"
}

test_pass_with_log_group if {
	inp := trail("arn:aws:logs:us-east-1:111122223333:log-group:cloudtrail:*")
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}
