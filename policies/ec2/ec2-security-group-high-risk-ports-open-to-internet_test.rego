package palisade.ec2.security_group_high_risk_ports_open_to_internet_test

import data.palisade.ec2.security_group_high_risk_ports_open_to_internet as policy
import rego.v1

arn := "arn:aws:ec2:us-east-1:111122223333:security-group/sg-1"

sg(ingress) := {"network": {"security_groups": [{
	"arn": arn,
	"account_id": "111122223333",
	"region": "us-east-1",
	"id": "sg-1",
	"name": "legacy-ftp",
	"vpc_id": "vpc-1",
	"ingress": ingress,
}]}}

rule(from, to, cidrs, v6) := {"protocol": "tcp", "from_port": from, "to_port": to, "cidr_blocks": cidrs, "ipv6_cidr_blocks": v6}

test_fail_ftp_range_from_world if {
	inp := sg([rule(20, 21, ["0.0.0.0/0"], [])])
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	r.message == "Security group sg-1 (legacy-ftp) in vpc-1 admits high-risk ports 20 (FTP data), 21 (FTP) from 0.0.0.0/0"
	r.evidence.ports == [20, 21]
}

test_fail_smb_from_ipv6_world if {
	some r in policy.deny with input as sg([rule(445, 445, [], ["::/0"])])
	contains(r.message, "445 (SMB) from ::/0")
}

test_fail_all_traffic_lists_every_port if {
	some r in policy.deny with input as sg([{"protocol": "-1", "cidr_blocks": ["0.0.0.0/0"]}])
	count(r.evidence.ports) == 18
}

test_pass_web_and_private_sources if {
	inp := sg([rule(443, 443, ["0.0.0.0/0"], ["::/0"]), rule(8080, 8080, ["10.0.0.0/8"], [])])
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_ssh_and_database_ports_left_to_their_policies if {
	count(policy.deny) == 0 with input as sg([rule(22, 22, ["0.0.0.0/0"], []), rule(5432, 5432, ["0.0.0.0/0"], [])])
}
