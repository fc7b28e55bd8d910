package palisade.lambda.function_vpc_single_availability_zone_test

import data.palisade.lambda.function_vpc_single_availability_zone as policy
import rego.v1

arn := "arn:aws:lambda:us-east-1:111122223333:function:orders"

subnet(id, az) := {"account_id": "111122223333", "region": "us-east-1", "id": id, "vpc_id": "vpc-1", "availability_zone": az}

inventory(subnet_ids) := with_vpc(subnet_ids, "vpc-1")

with_vpc(subnet_ids, vpc) := {
	"network": {"subnets": [subnet("subnet-a", "us-east-1a"), subnet("subnet-b", "us-east-1a"), subnet("subnet-c", "us-east-1b")]},
	"compute": {"lambda_functions": [{
		"arn": arn, "account_id": "111122223333", "region": "us-east-1", "name": "orders",
		"vpc_id": vpc, "subnet_ids": subnet_ids,
	}]},
}

test_fail_one_zone if {
	inp := inventory(["subnet-a", "subnet-b"])
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	r.message == "Lambda function orders in us-east-1 (account 111122223333) runs in VPC vpc-1 through 2 subnet(s), all in Availability Zone us-east-1a"
}

test_fail_vpc_from_subnet_when_lambda_omits_it if {
	inp := with_vpc(["subnet-a"], null)
	some r in policy.deny with input as inp
	contains(r.message, "runs in VPC vpc-1 through 1 subnet(s)")
}

test_pass_two_zones if {
	inp := inventory(["subnet-a", "subnet-c"])
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_unknown_subnet_not_judged if {
	inp := inventory(["subnet-a", "subnet-zz"])
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 0 with input as inp
}

test_outside_vpc_not_judged if {
	count(policy.checked) == 0 with input as inventory([])
}
