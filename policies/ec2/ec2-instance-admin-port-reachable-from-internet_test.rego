package palisade.ec2.instance_admin_port_reachable_from_internet_test

import data.palisade.ec2.instance_admin_port_reachable_from_internet as policy
import rego.v1

arn := "arn:aws:ec2:us-east-1:111122223333:instance/i-1"

v4_path := "internet (0.0.0.0/0) → internet gateway igw-1 → rtb-1 route 0.0.0.0/0 → acl-1 inbound rule 100 → sg-1 rule 1 (tcp/22 from 0.0.0.0/0) → acl-1 outbound rule 100 (replies) → 54.1.2.3 (eni-1, subnet subnet-1)"

v6_path := "internet (::/0) → internet gateway igw-1 → rtb-1 route ::/0 → acl-1 inbound rule 101 → sg-1 rule 2 (tcp/3389 from ::/0) → acl-1 outbound rule 101 (replies) → 2600:1f18::1 (eni-1, subnet subnet-1)"

tcp(from, to) := {"protocol": "tcp", "ports": [[from, to]]}

entry(family, services, anywhere, path) := {"family": family, "services": services, "sources": ["any"], "anywhere": anywhere, "path": path}

# subject(state, open, reachable): one instance and its exposure facts.
subject(state, open, reachable) := {
	"network": {"instances": [{"arn": arn, "account_id": "111122223333", "region": "us-east-1", "id": "i-1", "state": state}]},
	"facts": {"network": {"exposures": {arn: {
		"kind": "instance",
		"account_id": "111122223333",
		"region": "us-east-1",
		"name": "bastion (i-1)",
		"open": open,
		"reachable": reachable,
		"state": state,
	}}}},
}

test_fail_ssh_reachable if {
	inp := subject("running", [tcp(22, 22)], [entry("v4", [tcp(22, 22)], true, v4_path)])
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	r.message == sprintf("EC2 instance bastion (i-1) is reachable from the internet on SSH (22): %s", [v4_path])
	r.evidence.ports == [22]
	r.evidence.reachable == [entry("v4", [tcp(22, 22)], true, v4_path)]
}

test_fail_all_ports_lists_every_admin_port if {
	all_tcp := [tcp(0, 65535), {"protocol": "udp", "ports": [[0, 65535]]}, {"protocol": "icmp"}]
	inp := subject("running", all_tcp, [entry("v4", all_tcp, true, "p")])
	some r in policy.deny with input as inp
	r.message == "EC2 instance bastion (i-1) is reachable from the internet on SSH (22), Telnet (23), RDP (3389), VNC (5900), WinRM (5985), WinRM (5986): p"
}

test_fail_one_result_per_path if {
	inp := subject("running", [tcp(22, 22), tcp(3389, 3389)], [
		entry("v4", [tcp(22, 22)], true, v4_path),
		entry("v6", [tcp(3389, 3389)], true, v6_path),
	])
	count(policy.deny) == 2 with input as inp
	msgs := {r.message | some r in policy.deny} with input as inp
	sprintf("EC2 instance bastion (i-1) is reachable from the internet on SSH (22): %s", [v4_path]) in msgs
	sprintf("EC2 instance bastion (i-1) is reachable from the internet on RDP (3389): %s", [v6_path]) in msgs
}

test_fail_stopped_instance_is_exposed_when_started if {
	inp := subject("stopped", [tcp(3389, 3389)], [entry("v4", [tcp(3000, 4000)], true, "p")])
	some r in policy.deny with input as inp
	r.message == "EC2 instance bastion (i-1) (stopped now: exposed when started) is reachable from the internet on RDP (3389): p"
}

test_fail_only_paths_open_to_most_of_the_internet_are_shown if {
	inp := subject("running", [tcp(22, 22)], [
		entry("v4", [tcp(22, 22)], false, "office"),
		entry("v4", [tcp(22, 22)], true, "world"),
	])
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	endswith(r.message, "on SSH (22): world")
}

test_pass_web_ports_only if {
	inp := subject("running", [tcp(80, 80), tcp(443, 443)], [entry("v4", [tcp(80, 80), tcp(443, 443)], true, "p")])
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_pass_ssh_from_office_range_only if {
	inp := subject("running", [], [entry("v4", [tcp(22, 22)], false, "office")])
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_pass_not_reachable if {
	inp := subject("running", [], [])
	count(policy.deny) == 0 with input as inp
	policy.checked == {arn} with input as inp
}

test_pass_terminated_instance_is_not_checked if {
	inp := subject("terminated", [tcp(22, 22)], [entry("v4", [tcp(22, 22)], true, "p")])
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 0 with input as inp
}

test_pass_no_facts_is_not_checked if {
	inp := {"network": {"instances": [{"arn": arn, "account_id": "111122223333", "region": "us-east-1", "id": "i-1", "state": "running"}]}}
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 0 with input as inp
}
