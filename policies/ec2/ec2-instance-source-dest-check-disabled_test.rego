package palisade.ec2.instance_source_dest_check_disabled_test

import data.palisade.ec2.instance_source_dest_check_disabled as policy
import rego.v1

arn := "arn:aws:ec2:eu-west-1:111122223333:instance/i-1"

instance(check) := {
	"arn": arn, "id": "i-1", "account_id": "111122223333", "region": "eu-west-1", "state": "running",
	"network_interface_ids": ["eni-1"], "source_dest_check": check,
}

inventory(check, routes) := {"network": {
	"instances": [instance(check)],
	"route_tables": [{"id": "rtb-1", "routes": routes}],
}}

local := {"destination_cidr": "10.0.0.0/16", "target_type": "local", "target_id": "local"}

test_fail_check_off_and_routes_nothing if {
	inp := inventory(false, [local])
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	r.message == "EC2 instance i-1 (account 111122223333, eu-west-1) has source/destination checking off, but no route table routes traffic through it or its interfaces"
}

test_fail_route_through_it_is_a_blackhole if {
	route := {"destination_cidr": "0.0.0.0/0", "target_type": "instance", "target_id": "i-1", "state": "blackhole"}
	count(policy.deny) == 1 with input as inventory(false, [local, route])
}

test_pass_check_on if {
	inp := inventory(true, [local])
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_pass_nat_instance_routed_through_its_interface if {
	route := {"destination_cidr": "0.0.0.0/0", "target_type": "eni", "target_id": "eni-1", "state": "active"}
	inp := inventory(false, [local, route])
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_pass_routed_through_the_instance if {
	route := {"destination_cidr": "10.9.0.0/16", "target_type": "instance", "target_id": "i-1"}
	count(policy.deny) == 0 with input as inventory(false, [local, route])
}

test_unread_setting_is_not_judged if {
	inp := inventory(null, [local])
	count(policy.deny) == 0 with input as inp
	not arn in policy.checked with input as inp
}
