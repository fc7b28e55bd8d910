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

test_fail_without_network_facts_keeps_full_severity if {
	inp := sg([rule(22, 22, ["0.0.0.0/0"], [])])
	some r in policy.deny with input as inp
	r.message == "Security group sg-1 (web) in vpc-1 admits SSH (port 22) from 0.0.0.0/0"
	not "severity" in object.keys(r)
}

sg_arn := "arn:aws:ec2:us-east-1:111122223333:security-group/sg-1"

bastion := "arn:aws:ec2:us-east-1:111122223333:instance/i-1"

# with_facts(ingress, groups): the group, and network facts with `groups` as security_groups.
with_facts(ingress, groups) := object.union(sg(ingress), {"facts": {"network": {"exposures": {}, "security_groups": groups}}})

test_fail_reachable_keeps_full_severity if {
	inp := with_facts([rule(22, 22, ["0.0.0.0/0"], [])], {sg_arn: {"attached": 1, "open": [{"protocol": "tcp", "ports": [[22, 22]]}], "exposed": [bastion]}})
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.message == sprintf("Security group sg-1 (web) in vpc-1 admits SSH (port 22) from 0.0.0.0/0; reachable from the internet on %s", [bastion])
	not "severity" in object.keys(r)
}

test_fail_not_reachable_is_low if {
	inp := with_facts([rule(22, 22, ["0.0.0.0/0"], [])], {sg_arn: {"attached": 2, "open": [{"protocol": "tcp", "ports": [[443, 443]]}], "exposed": [bastion]}})
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.severity == "low"
	startswith(r.message, "Security group sg-1 (web) in vpc-1 admits SSH (port 22) from 0.0.0.0/0; nothing it is attached to is reachable from the internet on port 22 (attached to 2 resources: ")
	contains(r.message, "palisade reach --from internet --to")
}

test_fail_attached_to_nothing_is_low if {
	inp := with_facts([rule(22, 22, ["0.0.0.0/0"], [])], {})
	some r in policy.deny with input as inp
	r.severity == "low"
	r.message == "Security group sg-1 (web) in vpc-1 admits SSH (port 22) from 0.0.0.0/0; it is attached to nothing"
}

test_pass_ssh_from_office_range_with_facts if {
	inp := with_facts([rule(22, 22, ["203.0.113.0/24"], [])], {sg_arn: {"attached": 1, "open": [], "exposed": []}})
	count(policy.deny) == 0 with input as inp
	sg_arn in policy.checked with input as inp
}
