package palisade.config.recorder_not_recording_test

import data.palisade.config.recorder_not_recording as policy
import rego.v1

# Tests bind their inputs to locals: regorus does not see rules of this package inside `with`.

inventory(regions, recorders) := {
	"accounts": [{"id": "111122223333", "partition": "aws", "regions": regions}],
	"logging": {"config_recorders": recorders},
}

recorder(account, region, recording) := {
	"arn": sprintf("arn:aws:config:%s:%s:config-recorder/default", [region, account]),
	"account_id": account,
	"region": region,
	"name": "default",
	"recording": recording,
	"all_supported": true,
	"last_status": "SUCCESS",
}

test_fail_no_recorder_in_region if {
	inp := inventory(["us-east-1", "eu-west-1"], [recorder("111122223333", "us-east-1", true)])
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:config:eu-west-1:111122223333:configuration-recorder"
	contains(r.message, "no configuration recorder in eu-west-1")
	policy.checked == {
		"arn:aws:config:us-east-1:111122223333:configuration-recorder",
		"arn:aws:config:eu-west-1:111122223333:configuration-recorder",
	} with input as inp
}

test_fail_recorder_stopped if {
	inp := inventory(["us-east-1"], [recorder("111122223333", "us-east-1", false)])
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:config:us-east-1:111122223333:configuration-recorder"
	contains(r.message, "recorder default in us-east-1")
	contains(r.message, "not recording")
}

test_fail_recorder_of_other_account_does_not_count if {
	inp := inventory(["us-east-1"], [recorder("444455556666", "us-east-1", true)])
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:config:us-east-1:111122223333:configuration-recorder"
}

test_pass_recording_in_every_region if {
	inp := inventory(["us-east-1", "eu-west-1"], [
		recorder("111122223333", "us-east-1", true),
		recorder("111122223333", "eu-west-1", true),
	])
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 2 with input as inp
	"arn:aws:config:eu-west-1:111122223333:configuration-recorder" in policy.checked with input as inp
}

test_pass_stopped_recorder_beside_a_recording_one if {
	other := object.union(recorder("111122223333", "us-east-1", false), {"name": "old"})
	inp := inventory(["us-east-1"], [recorder("111122223333", "us-east-1", true), other])
	count(policy.deny) == 0 with input as inp
}

test_pass_unscanned_region_is_ignored if {
	inp := inventory(["us-east-1"], [
		recorder("111122223333", "us-east-1", true),
		recorder("111122223333", "ap-south-1", false),
	])
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 1 with input as inp
}
