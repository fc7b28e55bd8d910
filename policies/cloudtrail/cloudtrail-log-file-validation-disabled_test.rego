package palisade.cloudtrail.log_file_validation_disabled_test

import data.palisade.cloudtrail.log_file_validation_disabled as policy
import rego.v1

# Tests bind their inputs to locals: regorus does not see rules of this package inside `with`.

trail(validation) := {"logging": {"trails": [{
	"arn": "arn:aws:cloudtrail:us-east-1:111122223333:trail/main",
	"account_id": "111122223333",
	"region": "us-east-1",
	"name": "main",
	"is_multi_region": true,
	"log_file_validation": validation,
	"is_logging": true,
}]}}

test_fail_validation_disabled if {
	inp := trail(false)
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:cloudtrail:us-east-1:111122223333:trail/main"
	contains(r.message, "main")
	contains(r.message, "log file validation disabled")
}

test_pass_validation_enabled if {
	inp := trail(true)
	count(policy.deny) == 0 with input as inp
	"arn:aws:cloudtrail:us-east-1:111122223333:trail/main" in policy.checked with input as inp
}
