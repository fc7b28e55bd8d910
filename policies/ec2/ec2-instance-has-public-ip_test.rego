package palisade.ec2.instance_has_public_ip_test

import data.palisade.ec2.instance_has_public_ip as policy
import rego.v1

arn := "arn:aws:ec2:us-east-1:111122223333:instance/i-1"

inst(state, ip) := {"network": {"instances": [{
	"arn": arn,
	"account_id": "111122223333",
	"region": "us-east-1",
	"id": "i-1",
	"state": state,
	"subnet_id": "subnet-1",
	"private_ip": "10.0.0.5",
	"public_ip": ip,
	"metadata_options": {"http_tokens": "required", "http_endpoint": "enabled"},
}]}}

test_fail_running_with_public_ip if {
	inp := inst("running", "198.51.100.7")
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	contains(r.message, "i-1")
	contains(r.message, "198.51.100.7")
	contains(r.message, "(account 111122223333, us-east-1, subnet subnet-1)")
}

test_pass_running_without_public_ip if {
	inp := inst("running", null)
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_pass_public_ip_field_absent if {
	i := object.remove(inst("running", null).network.instances[0], ["public_ip"])
	inp := {"network": {"instances": [i]}}
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_pass_stopped_instance_out_of_scope if {
	inp := inst("stopped", "198.51.100.7")
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 0 with input as inp
}
