package palisade.guardduty.lambda_protection_disabled_test

import data.palisade.guardduty.lambda_protection_disabled as policy
import rego.v1

arn := "arn:aws:guardduty:eu-west-1:111122223333:detector/d1"

inventory(status, features, region) := {
	"logging": {"guardduty_detectors": [{
		"arn": arn, "id": "d1", "account_id": "111122223333", "region": "eu-west-1",
		"status": status, "features": features,
	}]},
	"compute": {"lambda_functions": [
		{"name": "settle", "account_id": "111122223333", "region": region},
		{"name": "refund", "account_id": "111122223333", "region": region},
	]},
}

test_fail_plan_disabled if {
	inp := inventory("ENABLED", {"LAMBDA_NETWORK_LOGS": {"status": "DISABLED"}}, "eu-west-1")
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	r.message == "GuardDuty Lambda Protection is disabled for detector d1 in eu-west-1 (account 111122223333), where the account has Lambda functions: 2 (refund, settle)"
}

test_fail_plan_not_listed if {
	count(policy.deny) == 1 with input as inventory("ENABLED", {}, "eu-west-1")
}

test_pass_plan_enabled if {
	inp := inventory("ENABLED", {"LAMBDA_NETWORK_LOGS": {"status": "ENABLED"}}, "eu-west-1")
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_pass_nothing_to_protect_in_region if {
	inp := inventory("ENABLED", {}, "us-east-1")
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_disabled_detector_is_left_to_the_detector_policy if {
	inp := inventory("DISABLED", {}, "eu-west-1")
	count(policy.deny) == 0 with input as inp
	not arn in policy.checked with input as inp
}
