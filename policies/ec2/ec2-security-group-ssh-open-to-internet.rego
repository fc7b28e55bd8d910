# METADATA
# title: Security group allows SSH from the internet
# description: |
#   A security group rule admits TCP port 22 from 0.0.0.0/0 or ::/0. SSH exposed to the whole
#   internet is brute-forced within minutes and is a common initial-access path; administrative
#   access should come from a bastion, a VPN or AWS Systems Manager Session Manager.
#
#   The rule alone is judged, so it fails wherever the group is used. When the network
#   reachability analysis ran, the finding also says whether the internet actually reaches port
#   22 on something the group is attached to (and names those resources); when nothing is
#   reachable that way (no public address, no internet gateway route, or a network ACL blocks
#   it) or the group is attached to nothing, the finding is kept as hygiene but lowered to low
#   severity. `ec2-instance-admin-port-reachable-from-internet` reports the reachable instances.
# custom:
#   id: ec2-security-group-ssh-open-to-internet
#   severity: high
#   resource_type: AWS::EC2::SecurityGroup
#   scope: network.security_groups
#   remediation: |
#     Remove the 0.0.0.0/0 and ::/0 sources for port 22 and admit only known administrative
#     ranges, or use Session Manager instead of SSH:
#     `aws ec2 revoke-security-group-ingress --group-id sg-... --protocol tcp --port 22 --cidr 0.0.0.0/0`.
#     Terraform: restrict `cidr_blocks` of the `aws_security_group_rule` for port 22.
#   references:
#     - https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-group-rules.html
package palisade.ec2.security_group_ssh_open_to_internet

import data.palisade.lib.network
import data.palisade.lib.util
import rego.v1

checked contains sg.arn if some sg in input.network.security_groups

deny contains result if {
	some sg in input.network.security_groups
	some rule in sg.ingress
	util.open_to_world(rule)
	util.port_in_rule(rule, 22)

	# Whether the internet actually reaches port 22 through the group. Without network facts
	# (`input.facts.network` absent: a scan without the analysis, and most tests) the note is
	# empty and the result keeps the rule's full severity, as before.
	reach := network.group_reach(sg.arn, network.ports_in(network.group_open(sg.arn), {22}), "port 22")
	result := object.union(
		{
			"arn": sg.arn,
			"message": sprintf("Security group %s (%s) in %s admits SSH (port 22) from %s%s", [sg.id, sg.name, sg.vpc_id, concat(", ", util.world_sources(rule)), reach.note]),
			"evidence": {"rule": rule},
		},
		reach.extra,
	)
}
