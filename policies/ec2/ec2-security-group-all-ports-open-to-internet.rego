# METADATA
# title: Security group allows all ports from the internet
# description: |
#   A security group rule admits all traffic (protocol -1) or the entire TCP or UDP port range
#   (0-65535) from 0.0.0.0/0 or ::/0. Every service on the attached resources, including
#   administrative and database ports and anything started later, is then exposed to the internet;
#   the security group no longer filters inbound traffic at all.
#
#   The rule alone is judged, so it fails wherever the group is used. When the network
#   reachability analysis ran, the finding also says whether the internet actually reaches
#   anything the rule admits on something the group is attached to (and names those resources);
#   when nothing is reachable that way (no public address, no internet gateway route, or a
#   network ACL blocks it) or the group is attached to nothing, the finding is kept as hygiene
#   but lowered to low severity.
# custom:
#   id: ec2-security-group-all-ports-open-to-internet
#   severity: critical
#   resource_type: AWS::EC2::SecurityGroup
#   scope: network.security_groups
#   remediation: |
#     Replace the rule with rules for the specific ports the workload serves (for example 443), and
#     restrict their sources:
#     `aws ec2 revoke-security-group-ingress --group-id sg-... --ip-permissions 'IpProtocol=-1,IpRanges=[{CidrIp=0.0.0.0/0}]'`.
#     Terraform: never combine `protocol = "-1"` (or `from_port = 0`, `to_port = 65535`) with
#     `cidr_blocks = ["0.0.0.0/0"]` / `ipv6_cidr_blocks = ["::/0"]` in an ingress rule.
#   references:
#     - https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-group-rules.html
#     - https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
package palisade.ec2.security_group_all_ports_open_to_internet

import data.palisade.lib.network
import data.palisade.lib.util
import rego.v1

# what(rule): what the rule opens, for messages; undefined when it does not open all ports.
what(rule) := "all traffic (protocol -1)" if rule.protocol == "-1"

what(rule) := sprintf("all %s ports (%d-%d)", [upper(name), rule.from_port, rule.to_port]) if {
	names := {"tcp": "tcp", "6": "tcp", "udp": "udp", "17": "udp"}
	name := names[lower(rule.protocol)]
	is_number(rule.from_port)
	is_number(rule.to_port)
	rule.from_port <= 1
	rule.to_port >= 65535
}

checked contains sg.arn if some sg in input.network.security_groups

deny contains result if {
	some sg in input.network.security_groups
	some rule in sg.ingress
	util.open_to_world(rule)
	opened := what(rule)

	# Whether the internet actually reaches anything the rule admits through the group. Without
	# network facts (`input.facts.network` absent: a scan without the analysis, and most tests)
	# the note is empty and the result keeps the rule's full severity, as before.
	reach := network.group_reach(sg.arn, reached(rule, network.group_open(sg.arn)), reach_what(rule))
	result := object.union(
		{
			"arn": sg.arn,
			"message": sprintf("Security group %s (%s) in %s admits %s from %s%s", [sg.id, sg.name, sg.vpc_id, opened, concat(", ", util.world_sources(rule)), reach.note]),
			"evidence": {"rule": rule},
		},
		reach.extra,
	)
}

# reached(rule, open): the entries of the group's internet-reachable services (`open`) that the
# rule admits: all of them for protocol -1, the TCP or UDP entry for a full port range.
reached(rule, open) := open if rule.protocol == "-1"

reached(rule, open) := [s | some s in open; s.protocol == proto] if {
	rule.protocol != "-1"
	proto := {"tcp": "tcp", "6": "tcp", "udp": "udp", "17": "udp"}[lower(rule.protocol)]
}

# reach_what(rule): what the rule admits, for the note on reachability.
reach_what(rule) := "any protocol or port" if rule.protocol == "-1"

reach_what(rule) := sprintf("any %s port", [upper(proto)]) if {
	rule.protocol != "-1"
	proto := {"tcp": "tcp", "6": "tcp", "udp": "udp", "17": "udp"}[lower(rule.protocol)]
}
