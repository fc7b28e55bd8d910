package palisade.ec2.default_security_group_has_rules_test

import data.palisade.ec2.default_security_group_has_rules as policy
import rego.v1

arn := "arn:aws:ec2:us-east-1:111122223333:security-group/sg-d"

group(name, ingress, egress) := {
	"arn": arn,
	"account_id": "111122223333",
	"region": "us-east-1",
	"id": "sg-d",
	"name": name,
	"vpc_id": "vpc-1",
	"ingress": ingress,
	"egress": egress,
}

self_rule := {"protocol": "-1", "security_group_ids": ["sg-d"]}

all_out := {"protocol": "-1", "cidr_blocks": ["0.0.0.0/0"]}

test_fail_default_group_as_created if {
	inp := {"network": {"security_groups": [group("default", [self_rule], [all_out])]}}
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	contains(r.message, "1 inbound and 1 outbound rules")
}

test_fail_default_group_with_egress_only if {
	some r in policy.deny with input as {"network": {"security_groups": [group("default", [], [all_out])]}}
	contains(r.message, "0 inbound and 1 outbound")
}

test_fail_default_group_missing_egress_field if {
	g := object.remove(group("default", [self_rule], []), ["egress"])
	count(policy.deny) == 1 with input as {"network": {"security_groups": [g]}}
}

test_pass_empty_default_group if {
	inp := {"network": {"security_groups": [group("default", [], [])]}}
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_pass_non_default_group_not_in_scope if {
	inp := {"network": {"security_groups": [group("web", [self_rule], [all_out])]}}
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 0 with input as inp
}
