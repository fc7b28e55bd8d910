# METADATA
# title: Security group opens a port to the internet that is not on the authorized list
# description: |
#   A security group admits, from 0.0.0.0/0 or ::/0, a TCP port outside the ports the
#   organization allows on the internet (`--authorized-public-ports`, 80 and 443 by default),
#   any UDP port, or all traffic. This is the allow-list view of AWS Foundational Security Best
#   Practices EC2.18: instead of naming dangerous ports it fails every world-open port nobody
#   approved, so a forgotten test port or a too-wide range shows up too. The SSH, RDP,
#   database and high-risk port policies say what the worst of those ports are.
# custom:
#   id: ec2-security-group-unauthorized-port-open-to-internet
#   severity: medium
#   resource_type: AWS::EC2::SecurityGroup
#   scope: network.security_groups
#   remediation: |
#     Remove the world source from the rule, or narrow it to the authorized ports
#     (`aws ec2 revoke-security-group-ingress --group-id sg-... --ip-permissions ...`), and
#     admit the networks that need the rest by CIDR or security group. If the port is meant to
#     be public (a mail server's 25, say), add it to `--authorized-public-ports` so the decision
#     is recorded in the scan's configuration.
#   references:
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-18
#     - https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-group-rules.html
package palisade.ec2.security_group_unauthorized_port_open_to_internet

import data.palisade.lib.util
import rego.v1

authorized := {p | some p in object.get(input, ["facts", "settings", "authorized_public_ports"], [80, 443])}

# unauthorized(rule): the world-open rule admits something beyond the authorized TCP ports.
unauthorized(rule) if rule.protocol == "-1"

unauthorized(rule) if rule.protocol in {"udp", "17"}

unauthorized(rule) if {
	rule.protocol in {"tcp", "6"}
	ports_known(rule)
	allowed := count({p | some p in authorized; rule.from_port <= p; p <= rule.to_port})
	(rule.to_port - rule.from_port) + 1 > allowed
}

# A world-open TCP rule whose ports were not reported may admit anything: never a pass.
unauthorized(rule) if {
	rule.protocol in {"tcp", "6"}
	not ports_known(rule)
}

ports_known(rule) if {
	is_number(rule.from_port)
	is_number(rule.to_port)
}

text(rule) := "all traffic" if rule.protocol == "-1"

text(rule) := sprintf("%s (ports not reported)", [name(rule.protocol)]) if {
	rule.protocol != "-1"
	not ports_known(rule)
}

text(rule) := sprintf("%s/%d", [name(rule.protocol), rule.from_port]) if {
	rule.protocol != "-1"
	ports_known(rule)
	rule.from_port == rule.to_port
}

text(rule) := sprintf("%s/%d-%d", [name(rule.protocol), rule.from_port, rule.to_port]) if {
	rule.protocol != "-1"
	ports_known(rule)
	rule.from_port != rule.to_port
}

name(p) := "tcp" if p in {"tcp", "6"}

name(p) := "udp" if p in {"udp", "17"}

checked contains sg.arn if some sg in input.network.security_groups

deny contains result if {
	some sg in input.network.security_groups
	offending := {rule | some rule in sg.ingress; util.open_to_world(rule); unauthorized(rule)}
	count(offending) > 0
	sources := {c | some rule in offending; some c in util.world_sources(rule)}
	result := {
		"arn": sg.arn,
		"message": sprintf("Security group %s (%s) in %s admits %s from %s; only TCP %s may be open to the internet", [sg.id, sg.name, sg.vpc_id, concat(", ", sort({text(r) | some r in offending})), concat(", ", sort(sources)), authorized_text]),
		"evidence": {"rules": [r | some r in offending], "authorized_ports": sort(authorized)},
	}
}

authorized_text := concat(", ", [sprintf("%d", [p]) | some p in sort(authorized)]) if count(authorized) > 0

authorized_text := "no port" if count(authorized) == 0
