package palisade.ec2.subnet_auto_assign_public_ip_test

import data.palisade.ec2.subnet_auto_assign_public_ip as policy
import rego.v1

arn := "arn:aws:ec2:us-east-1:111122223333:subnet/subnet-1"

subnet(extra) := {"network": {"subnets": [object.union(
	{
		"arn": arn,
		"account_id": "111122223333",
		"region": "us-east-1",
		"id": "subnet-1",
		"vpc_id": "vpc-1",
		"cidr_block": "10.0.1.0/24",
	},
	extra,
)]}}

test_fail_map_public_ip_on_launch if {
	inp := subnet({"map_public_ip_on_launch": true})
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	contains(r.message, "subnet-1")
	contains(r.message, "public IP")
}

test_pass_map_public_ip_off if {
	inp := subnet({"map_public_ip_on_launch": false})
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_pass_attribute_absent if {
	inp := subnet({})
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}
