package palisade.ec2.security_group_all_ports_open_to_internet_test

import data.palisade.ec2.security_group_all_ports_open_to_internet as policy
import rego.v1

arn := "arn:aws:ec2:us-east-1:111122223333:security-group/sg-1"

sg(ingress) := {"network": {"security_groups": [{
	"arn": arn,
	"account_id": "111122223333",
	"region": "us-east-1",
	"id": "sg-1",
	"name": "wide",
	"vpc_id": "vpc-1",
	"ingress": ingress,
}]}}

rule(proto, from, to, cidrs, v6) := {"protocol": proto, "from_port": from, "to_port": to, "cidr_blocks": cidrs, "ipv6_cidr_blocks": v6}

test_fail_all_traffic_from_ipv4_world if {
	inp := sg([{"protocol": "-1", "from_port": null, "to_port": null, "cidr_blocks": ["0.0.0.0/0"], "ipv6_cidr_blocks": []}])
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	contains(r.message, "all traffic (protocol -1) from 0.0.0.0/0")
}

test_fail_all_traffic_from_ipv6_world if {
	some r in policy.deny with input as sg([{"protocol": "-1", "ipv6_cidr_blocks": ["::/0"]}])
	contains(r.message, "::/0")
}

test_fail_full_tcp_range if {
	some r in policy.deny with input as sg([rule("tcp", 0, 65535, ["0.0.0.0/0"], [])])
	contains(r.message, "all TCP ports (0-65535)")
}

test_fail_udp_range_from_one if {
	some r in policy.deny with input as sg([rule("udp", 1, 65535, [], ["::/0"])])
	contains(r.message, "all UDP ports (1-65535)")
}

test_pass_wide_but_not_full_range if {
	inp := sg([rule("tcp", 1024, 65535, ["0.0.0.0/0"], []), rule("tcp", 0, 65534, ["0.0.0.0/0"], [])])
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_pass_all_traffic_from_private_range if {
	inp := sg([{"protocol": "-1", "cidr_blocks": ["10.0.0.0/8"], "security_group_ids": ["sg-2"]}])
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_pass_icmp_from_world if {
	count(policy.deny) == 0 with input as sg([rule("icmp", -1, -1, ["0.0.0.0/0"], [])])
}

web := "arn:aws:ec2:us-east-1:111122223333:instance/i-1"

# with_facts(ingress, groups): the group, and network facts with `groups` as security_groups.
with_facts(ingress, groups) := object.union(sg(ingress), {"facts": {"network": {"exposures": {}, "security_groups": groups}}})

all_traffic := {"protocol": "-1", "cidr_blocks": ["0.0.0.0/0"], "ipv6_cidr_blocks": []}

test_fail_without_network_facts_keeps_full_severity if {
	inp := sg([all_traffic])
	some r in policy.deny with input as inp
	r.message == "Security group sg-1 (wide) in vpc-1 admits all traffic (protocol -1) from 0.0.0.0/0"
	not "severity" in object.keys(r)
}

test_fail_reachable_keeps_full_severity if {
	inp := with_facts([all_traffic], {arn: {"attached": 1, "open": [{"protocol": "tcp", "ports": [[443, 443]]}], "exposed": [web]}})
	some r in policy.deny with input as inp
	r.message == sprintf("Security group sg-1 (wide) in vpc-1 admits all traffic (protocol -1) from 0.0.0.0/0; reachable from the internet on %s", [web])
	not "severity" in object.keys(r)
}

test_fail_udp_range_with_only_tcp_reachable_is_low if {
	inp := with_facts([rule("udp", 0, 65535, ["0.0.0.0/0"], [])], {arn: {"attached": 1, "open": [{"protocol": "tcp", "ports": [[443, 443]]}], "exposed": [web]}})
	some r in policy.deny with input as inp
	r.severity == "low"
	contains(r.message, "admits all UDP ports (0-65535) from 0.0.0.0/0; nothing it is attached to is reachable from the internet on any UDP port (attached to 1 resource: ")
}

test_fail_not_reachable_is_low if {
	inp := with_facts([all_traffic], {arn: {"attached": 3, "open": [], "exposed": []}})
	some r in policy.deny with input as inp
	r.severity == "low"
	contains(r.message, "; nothing it is attached to is reachable from the internet on any protocol or port (attached to 3 resources: ")
}

test_fail_attached_to_nothing_is_low if {
	inp := with_facts([rule("tcp", 0, 65535, ["0.0.0.0/0"], [])], {})
	some r in policy.deny with input as inp
	r.severity == "low"
	endswith(r.message, "; it is attached to nothing")
}
