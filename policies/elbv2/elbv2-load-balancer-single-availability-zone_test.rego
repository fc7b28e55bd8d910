package palisade.elbv2.load_balancer_single_availability_zone_test

import data.palisade.elbv2.load_balancer_single_availability_zone as policy
import rego.v1

arn := "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/net/nlb/1"

lb(subnets) := {"network": {"load_balancers": [{
	"arn": arn,
	"account_id": "111122223333",
	"region": "us-east-1",
	"name": "nlb",
	"type": "network",
	"scheme": "internal",
	"subnet_ids": subnets,
}]}}

test_fail_one_zone if {
	inp := lb(["subnet-a"])
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	r.message == "Load balancer nlb (network, internal, account 111122223333, us-east-1) runs in 1 Availability Zone(s) (subnets: subnet-a); it needs two or more to survive a zone failure"
}

test_pass_two_zones if {
	inp := lb(["subnet-a", "subnet-b"])
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}
