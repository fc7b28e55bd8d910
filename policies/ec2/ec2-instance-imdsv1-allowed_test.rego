package palisade.ec2.instance_imdsv1_allowed_test

import data.palisade.ec2.instance_imdsv1_allowed as policy
import rego.v1

arn := "arn:aws:ec2:us-east-1:111122223333:instance/i-1"

inst(state, opts) := {"network": {"instances": [{
	"arn": arn,
	"account_id": "111122223333",
	"region": "us-east-1",
	"id": "i-1",
	"state": state,
	"metadata_options": opts,
}]}}

test_fail_tokens_optional if {
	inp := inst("running", {"http_tokens": "optional", "http_endpoint": "enabled", "http_put_response_hop_limit": 1})
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	contains(r.message, "i-1")
	contains(r.message, "http_tokens \"optional\"")
}

test_fail_stopped_instance_endpoint_defaulted if {
	# http_endpoint absent: the inventory defaults it to enabled.
	count(policy.deny) == 1 with input as inst("stopped", {"http_tokens": "optional"})
}

test_pass_tokens_required if {
	inp := inst("running", {"http_tokens": "required", "http_endpoint": "enabled"})
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_pass_tokens_required_case_insensitive if {
	count(policy.deny) == 0 with input as inst("running", {"http_tokens": "Required", "http_endpoint": "enabled"})
}

test_pass_endpoint_disabled if {
	inp := inst("running", {"http_tokens": "optional", "http_endpoint": "disabled"})
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_pass_terminated_instance_out_of_scope if {
	inp := inst("terminated", {"http_tokens": "optional", "http_endpoint": "enabled"})
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 0 with input as inp
}
