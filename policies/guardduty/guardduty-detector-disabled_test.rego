package palisade.guardduty.detector_disabled_test

import data.palisade.guardduty.detector_disabled as policy
import rego.v1

# Tests bind their inputs to locals: regorus does not see rules of this package inside `with`.

inventory(regions, detectors) := {
	"accounts": [{"id": "111122223333", "partition": "aws", "regions": regions}],
	"logging": {"guardduty_detectors": detectors},
}

detector(account, region, status) := {
	"arn": sprintf("arn:aws:guardduty:%s:%s:detector/abc123", [region, account]),
	"account_id": account,
	"region": region,
	"id": "abc123",
	"status": status,
}

test_fail_no_detector_in_region if {
	inp := inventory(["us-east-1", "eu-west-1"], [detector("111122223333", "us-east-1", "ENABLED")])
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:guardduty:eu-west-1:111122223333:detector"
	contains(r.message, "no detector in eu-west-1")
	policy.checked == {
		"arn:aws:guardduty:us-east-1:111122223333:detector",
		"arn:aws:guardduty:eu-west-1:111122223333:detector",
	} with input as inp
}

test_fail_detector_suspended if {
	inp := inventory(["us-east-1"], [detector("111122223333", "us-east-1", "DISABLED")])
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:guardduty:us-east-1:111122223333:detector"
	contains(r.message, "abc123")
	contains(r.message, "DISABLED")
}

test_fail_detector_of_other_account_does_not_count if {
	inp := inventory(["us-east-1"], [detector("444455556666", "us-east-1", "ENABLED")])
	count(policy.deny) == 1 with input as inp
}

test_pass_enabled_everywhere if {
	inp := inventory(["us-east-1", "eu-west-1"], [
		detector("111122223333", "us-east-1", "ENABLED"),
		detector("111122223333", "eu-west-1", "enabled"),
	])
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 2 with input as inp
	"arn:aws:guardduty:us-east-1:111122223333:detector" in policy.checked with input as inp
}

test_pass_unscanned_region_is_ignored if {
	inp := inventory(["us-east-1"], [
		detector("111122223333", "us-east-1", "ENABLED"),
		detector("111122223333", "sa-east-1", "DISABLED"),
	])
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 1 with input as inp
}

test_pass_account_without_regions_has_nothing_to_check if {
	inp := {"accounts": [{"id": "111122223333"}], "logging": {"guardduty_detectors": []}}
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 0 with input as inp
}
