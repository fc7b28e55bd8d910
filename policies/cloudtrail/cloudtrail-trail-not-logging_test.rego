package palisade.cloudtrail.trail_not_logging_test

import data.palisade.cloudtrail.trail_not_logging as policy
import rego.v1

# Tests bind their inputs to locals: regorus does not see rules of this package inside `with`.

trail(logging) := {"logging": {"trails": [{
	"arn": "arn:aws:cloudtrail:eu-west-1:111122223333:trail/audit",
	"account_id": "111122223333",
	"region": "eu-west-1",
	"name": "audit",
	"is_multi_region": true,
	"log_file_validation": true,
	"is_logging": logging,
}]}}

test_fail_logging_stopped if {
	inp := trail(false)
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:cloudtrail:eu-west-1:111122223333:trail/audit"
	contains(r.message, "audit")
	contains(r.message, "eu-west-1")
	contains(r.message, "not logging")
}

test_pass_logging if {
	inp := trail(true)
	count(policy.deny) == 0 with input as inp
	"arn:aws:cloudtrail:eu-west-1:111122223333:trail/audit" in policy.checked with input as inp
}
