package palisade.cloudwatch.log_group_retention_too_short_test

import data.palisade.cloudwatch.log_group_retention_too_short as policy
import rego.v1

group(days, minimum) := {
	"logging": {"log_groups": [{
		"arn": "arn:aws:logs:us-east-1:111122223333:log-group:app",
		"account_id": "111122223333",
		"region": "us-east-1",
		"name": "app",
		"retention_days": days,
		"metric_filters": [],
	}]},
	"facts": {"settings": {"min_log_retention_days": minimum}},
}

test_fail_short_retention if {
	inp := group(30, 365)
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.message == "CloudWatch Logs log group app in us-east-1 (account 111122223333) keeps events for 30 days, less than the minimum of 365"
}

test_pass_never_expires if {
	inp := group(null, 365)
	count(policy.deny) == 0 with input as inp
	policy.checked == {"arn:aws:logs:us-east-1:111122223333:log-group:app"} with input as inp
}

test_pass_long_enough_and_configurable_minimum if {
	count(policy.deny) == 0 with input as group(400, 365)
	count(policy.deny) == 0 with input as group(90, 90)
	count(policy.deny) == 1 with input as group(90, 91)
}
