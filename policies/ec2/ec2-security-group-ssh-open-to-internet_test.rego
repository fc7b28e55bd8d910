package palisade.ec2.security_group_ssh_open_to_internet_test

import data.palisade.ec2.security_group_ssh_open_to_internet as policy
import rego.v1

sg(ingress) := {"network": {"security_groups": [{
	"arn": "arn:aws:ec2:us-east-1:111122223333:security-group/sg-1",
	"id": "sg-1",
	"name": "web",
	"vpc_id": "vpc-1",
	"ingress": ingress,
}]}}

rule(from, to, cidrs, v6) := {"protocol": "tcp", "from_port": from, "to_port": to, "cidr_blocks": cidrs, "ipv6_cidr_blocks": v6}

test_fail_ssh_from_ipv4_world if {
	some r in policy.deny with input as sg([rule(22, 22, ["0.0.0.0/0"], [])])
	contains(r.message, "port 22")
}

test_fail_port_range_covering_ssh_from_ipv6_world if {
	count(policy.deny) == 1 with input as sg([rule(0, 1024, [], ["::/0"])])
}

test_fail_all_traffic_from_world if {
	count(policy.deny) == 1 with input as sg([{"protocol": "-1", "cidr_blocks": ["0.0.0.0/0"], "ipv6_cidr_blocks": []}])
}

test_pass_ssh_from_office_range if {
	inp := sg([rule(22, 22, ["203.0.113.0/24"], [])])
	count(policy.deny) == 0 with input as inp
	"arn:aws:ec2:us-east-1:111122223333:security-group/sg-1" in policy.checked with input as inp
}

test_pass_https_from_world if {
	count(policy.deny) == 0 with input as sg([rule(443, 443, ["0.0.0.0/0"], [])])
}
