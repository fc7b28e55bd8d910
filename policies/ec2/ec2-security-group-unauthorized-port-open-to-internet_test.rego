package palisade.ec2.security_group_unauthorized_port_open_to_internet_test

import data.palisade.ec2.security_group_unauthorized_port_open_to_internet as policy
import rego.v1

arn := "arn:aws:ec2:us-east-1:111122223333:security-group/sg-1"

sg(ingress) := {"network": {"security_groups": [{
	"arn": arn,
	"account_id": "111122223333",
	"region": "us-east-1",
	"id": "sg-1",
	"name": "web",
	"vpc_id": "vpc-1",
	"ingress": ingress,
}]}}

rule(protocol, from, to, cidrs) := {"protocol": protocol, "from_port": from, "to_port": to, "cidr_blocks": cidrs}

test_fail_test_port_and_range if {
	inp := sg([rule("tcp", 443, 443, ["0.0.0.0/0"]), rule("tcp", 8443, 8443, ["0.0.0.0/0"]), rule("tcp", 80, 81, ["0.0.0.0/0"])])
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	r.message == "Security group sg-1 (web) in vpc-1 admits tcp/80-81, tcp/8443 from 0.0.0.0/0; only TCP 80, 443 may be open to the internet"
	count(r.evidence.rules) == 2
}

test_fail_udp_and_all_traffic if {
	some r in policy.deny with input as sg([rule("udp", 53, 53, ["0.0.0.0/0"]), {"protocol": "-1", "ipv6_cidr_blocks": ["::/0"]}])
	contains(r.message, "admits all traffic, udp/53 from 0.0.0.0/0, ::/0")
}

test_pass_web_ports_and_private_sources if {
	inp := sg([rule("tcp", 80, 80, ["0.0.0.0/0"]), rule("tcp", 443, 443, ["0.0.0.0/0"]), rule("tcp", 22, 22, ["10.0.0.0/8"]), rule("icmp", -1, -1, ["0.0.0.0/0"])])
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_authorized_ports_from_settings if {
	inp := object.union(sg([rule("tcp", 25, 25, ["0.0.0.0/0"]), rule("tcp", 443, 443, ["0.0.0.0/0"])]), {"facts": {"settings": {"authorized_public_ports": [25]}}})
	some r in policy.deny with input as inp
	r.message == "Security group sg-1 (web) in vpc-1 admits tcp/443 from 0.0.0.0/0; only TCP 25 may be open to the internet"
}

# Ports not reported on a world-open TCP rule: it may admit anything, so it fails (and the
# policy does not break on the null).
test_fail_tcp_rule_without_ports if {
	inp := sg([rule("tcp", null, null, ["0.0.0.0/0"]), rule("udp", 53, null, ["0.0.0.0/0"])])
	some r in policy.deny with input as inp
	r.message == "Security group sg-1 (web) in vpc-1 admits tcp (ports not reported), udp (ports not reported) from 0.0.0.0/0; only TCP 80, 443 may be open to the internet"
}
