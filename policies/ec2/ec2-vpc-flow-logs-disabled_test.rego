package palisade.ec2.vpc_flow_logs_disabled_test

import data.palisade.ec2.vpc_flow_logs_disabled as policy
import rego.v1

arn := "arn:aws:ec2:us-east-1:111122223333:vpc/vpc-1"

vpc := {
	"arn": arn,
	"account_id": "111122223333",
	"region": "us-east-1",
	"id": "vpc-1",
	"cidr_block": "10.0.0.0/16",
}

flow_log(account, region, resource) := {
	"arn": sprintf("arn:aws:ec2:%s:%s:vpc-flow-log/fl-1", [region, account]),
	"account_id": account,
	"region": region,
	"id": "fl-1",
	"resource_id": resource,
	"traffic_type": "ALL",
}

test_fail_no_flow_logs if {
	inp := {"network": {"vpcs": [vpc], "flow_logs": []}}
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	contains(r.message, "vpc-1")
	contains(r.message, "no flow log")
}

test_fail_flow_log_only_on_a_subnet if {
	count(policy.deny) == 1 with input as {"network": {"vpcs": [vpc], "flow_logs": [flow_log("111122223333", "us-east-1", "subnet-1")]}}
}

test_fail_same_vpc_id_in_other_region_or_account if {
	inp := {"network": {"vpcs": [vpc], "flow_logs": [
		flow_log("111122223333", "eu-west-1", "vpc-1"),
		flow_log("444455556666", "us-east-1", "vpc-1"),
	]}}
	count(policy.deny) == 1 with input as inp
}

test_fail_missing_flow_logs_collection if {
	count(policy.deny) == 1 with input as {"network": {"vpcs": [vpc]}}
}

test_pass_vpc_flow_log if {
	inp := {"network": {"vpcs": [vpc], "flow_logs": [flow_log("111122223333", "us-east-1", "vpc-1")]}}
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}
