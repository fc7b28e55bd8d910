package palisade.ec2.network_acl_admin_ports_open_to_internet_test

import data.palisade.ec2.network_acl_admin_ports_open_to_internet as policy
import rego.v1

arn := "arn:aws:ec2:us-east-1:111122223333:network-acl/acl-1"

acl(entries) := {"network": {"network_acls": [{
	"arn": arn,
	"account_id": "111122223333",
	"region": "us-east-1",
	"id": "acl-1",
	"vpc_id": "vpc-1",
	"is_default": true,
	"entries": entries,
}]}}

entry(n, proto, action, cidr, from, to) := {
	"rule_number": n,
	"egress": false,
	"protocol": proto,
	"action": action,
	"cidr_block": cidr,
	"ipv6_cidr_block": null,
	"from_port": from,
	"to_port": to,
}

entry6(n, proto, action, from, to) := {
	"rule_number": n,
	"egress": false,
	"protocol": proto,
	"action": action,
	"cidr_block": null,
	"ipv6_cidr_block": "::/0",
	"from_port": from,
	"to_port": to,
}

# The entries every NACL ends with.
catch_all := [entry(32767, "-1", "deny", "0.0.0.0/0", null, null), entry6(32768, "-1", "deny", null, null)]

test_fail_default_nacl_allows_everything if {
	inp := acl(array.concat([entry(100, "-1", "allow", "0.0.0.0/0", null, null), entry6(101, "-1", "allow", null, null)], catch_all))
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	contains(r.message, "SSH (port 22) from 0.0.0.0/0 by rule 100")
	contains(r.message, "SSH (port 22) from ::/0 by rule 101")
	contains(r.message, "RDP (port 3389) from 0.0.0.0/0 by rule 100")
	count(r.evidence.open) == 4
}

test_fail_tcp_range_allows_ssh if {
	some r in policy.deny with input as acl(array.concat([entry(100, "6", "allow", "0.0.0.0/0", 0, 1024)], catch_all))
	contains(r.message, "SSH (port 22)")
	not contains(r.message, "RDP")
}

test_fail_tcp_entry_without_ports_means_all if {
	some r in policy.deny with input as acl(array.concat([entry(100, "6", "allow", "0.0.0.0/0", null, null)], catch_all))
	contains(r.message, "RDP (port 3389)")
}

test_fail_ipv6_allow_not_blocked_by_ipv4_deny if {
	inp := acl(array.concat(
		[
			entry(50, "6", "deny", "0.0.0.0/0", 22, 22),
			entry6(60, "6", "allow", 22, 22),
		],
		catch_all,
	))
	some r in policy.deny with input as inp
	contains(r.message, "SSH (port 22) from ::/0 by rule 60")
	not contains(r.message, "0.0.0.0/0")
}

test_fail_allow_before_deny if {
	inp := acl(array.concat(
		[
			entry(100, "6", "allow", "0.0.0.0/0", 3389, 3389),
			entry(200, "-1", "deny", "0.0.0.0/0", null, null),
		],
		catch_all,
	))
	some r in policy.deny with input as inp
	contains(r.message, "RDP (port 3389) from 0.0.0.0/0 by rule 100")
}

test_pass_deny_numbered_before_allow if {
	inp := acl(array.concat(
		[
			entry(100, "-1", "allow", "0.0.0.0/0", null, null),
			entry(90, "6", "deny", "0.0.0.0/0", 22, 22),
			entry(80, "6", "deny", "0.0.0.0/0", 3389, 3389),
		],
		catch_all,
	))
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_pass_only_catch_all_deny if {
	inp := acl(catch_all)
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_pass_admin_ports_from_private_range_only if {
	inp := acl(array.concat(
		[
			entry(100, "6", "allow", "10.0.0.0/8", 22, 22),
			entry(110, "6", "allow", "0.0.0.0/0", 443, 443),
			entry(120, "17", "allow", "0.0.0.0/0", 0, 65535),
		],
		catch_all,
	))
	count(policy.deny) == 0 with input as inp
}

test_pass_outbound_allow_is_ignored if {
	out := object.union(entry(100, "-1", "allow", "0.0.0.0/0", null, null), {"egress": true})
	count(policy.deny) == 0 with input as acl(array.concat([out], catch_all))
}
