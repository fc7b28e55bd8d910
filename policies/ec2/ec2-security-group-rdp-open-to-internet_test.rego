package palisade.ec2.security_group_rdp_open_to_internet_test

import data.palisade.ec2.security_group_rdp_open_to_internet as policy
import rego.v1

arn := "arn:aws:ec2:us-east-1:111122223333:security-group/sg-1"

sg(ingress) := {"network": {"security_groups": [{
	"arn": arn,
	"account_id": "111122223333",
	"region": "us-east-1",
	"id": "sg-1",
	"name": "win",
	"vpc_id": "vpc-1",
	"ingress": ingress,
}]}}

rule(from, to, cidrs, v6) := {"protocol": "tcp", "from_port": from, "to_port": to, "cidr_blocks": cidrs, "ipv6_cidr_blocks": v6}

test_fail_rdp_from_ipv4_world if {
	inp := sg([rule(3389, 3389, ["0.0.0.0/0"], [])])
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	contains(r.message, "port 3389")
	contains(r.message, "0.0.0.0/0")
}

test_fail_rdp_from_ipv6_world if {
	some r in policy.deny with input as sg([rule(3389, 3389, [], ["::/0"])])
	contains(r.message, "::/0")
}

test_fail_port_range_covering_rdp if {
	count(policy.deny) == 1 with input as sg([rule(3000, 4000, ["0.0.0.0/0"], [])])
}

test_fail_all_traffic_from_world if {
	count(policy.deny) == 1 with input as sg([{"protocol": "-1", "cidr_blocks": ["0.0.0.0/0"], "ipv6_cidr_blocks": []}])
}

test_pass_rdp_from_office_range if {
	inp := sg([rule(3389, 3389, ["203.0.113.0/24"], ["2001:db8::/32"])])
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_pass_ssh_from_world_is_not_rdp if {
	count(policy.deny) == 0 with input as sg([rule(22, 22, ["0.0.0.0/0"], [])])
}

test_pass_no_ingress_rules if {
	inp := sg([])
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

jump := "arn:aws:ec2:us-east-1:111122223333:instance/i-1"

# with_facts(ingress, groups): the group, and network facts with `groups` as security_groups.
with_facts(ingress, groups) := object.union(sg(ingress), {"facts": {"network": {"exposures": {}, "security_groups": groups}}})

test_fail_without_network_facts_keeps_full_severity if {
	inp := sg([rule(3389, 3389, ["0.0.0.0/0"], [])])
	some r in policy.deny with input as inp
	r.message == "Security group sg-1 (win) in vpc-1 admits RDP (port 3389) from 0.0.0.0/0"
	not "severity" in object.keys(r)
}

test_fail_reachable_keeps_full_severity if {
	inp := with_facts([rule(3389, 3389, ["0.0.0.0/0"], [])], {arn: {"attached": 1, "open": [{"protocol": "tcp", "ports": [[3000, 4000]]}], "exposed": [jump]}})
	some r in policy.deny with input as inp
	r.message == sprintf("Security group sg-1 (win) in vpc-1 admits RDP (port 3389) from 0.0.0.0/0; reachable from the internet on %s", [jump])
	not "severity" in object.keys(r)
}

test_fail_not_reachable_is_low if {
	inp := with_facts([rule(3389, 3389, ["0.0.0.0/0"], [])], {arn: {"attached": 1, "open": [], "exposed": []}})
	some r in policy.deny with input as inp
	r.severity == "low"
	startswith(r.message, "Security group sg-1 (win) in vpc-1 admits RDP (port 3389) from 0.0.0.0/0; nothing it is attached to is reachable from the internet on port 3389 (attached to 1 resource: ")
}

test_fail_attached_to_nothing_is_low if {
	inp := with_facts([rule(3389, 3389, ["0.0.0.0/0"], [])], {})
	some r in policy.deny with input as inp
	r.severity == "low"
	endswith(r.message, "; it is attached to nothing")
}
