# METADATA
# title: Security group allows RDP from the internet
# description: |
#   A security group rule admits TCP port 3389 (Remote Desktop) from 0.0.0.0/0 or ::/0. RDP exposed
#   to the whole internet is continuously scanned, brute-forced and targeted by remote-code-execution
#   exploits (e.g. BlueKeep), and is a leading ransomware entry point; administrative access should
#   come from a bastion, a VPN or AWS Systems Manager Fleet Manager / Session Manager.
#
#   The rule alone is judged, so it fails wherever the group is used. When the network
#   reachability analysis ran, the finding also says whether the internet actually reaches port
#   3389 on something the group is attached to (and names those resources); when nothing is
#   reachable that way (no public address, no internet gateway route, or a network ACL blocks
#   it) or the group is attached to nothing, the finding is kept as hygiene but lowered to low
#   severity. `ec2-instance-admin-port-reachable-from-internet` reports the reachable instances.
# custom:
#   id: ec2-security-group-rdp-open-to-internet
#   severity: high
#   resource_type: AWS::EC2::SecurityGroup
#   scope: network.security_groups
#   remediation: |
#     Remove the 0.0.0.0/0 and ::/0 sources for port 3389 and admit only known administrative
#     ranges, or reach Windows hosts through Systems Manager instead:
#     `aws ec2 revoke-security-group-ingress --group-id sg-... --protocol tcp --port 3389 --cidr 0.0.0.0/0`
#     (for IPv6: `--ip-permissions 'IpProtocol=tcp,FromPort=3389,ToPort=3389,Ipv6Ranges=[{CidrIpv6=::/0}]'`).
#     Terraform: restrict `cidr_blocks` / `ipv6_cidr_blocks` of the `aws_security_group_rule` (or
#     `aws_vpc_security_group_ingress_rule`) for port 3389.
#   references:
#     - https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-group-rules.html
#     - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/security-group-rules-reference.html
package palisade.ec2.security_group_rdp_open_to_internet

import data.palisade.lib.network
import data.palisade.lib.util
import rego.v1

checked contains sg.arn if some sg in input.network.security_groups

deny contains result if {
	some sg in input.network.security_groups
	some rule in sg.ingress
	util.open_to_world(rule)
	util.port_in_rule(rule, 3389)

	# Whether the internet actually reaches port 3389 through the group. Without network facts
	# (`input.facts.network` absent: a scan without the analysis, and most tests) the note is
	# empty and the result keeps the rule's full severity, as before.
	reach := network.group_reach(sg.arn, network.ports_in(network.group_open(sg.arn), {3389}), "port 3389")
	result := object.union(
		{
			"arn": sg.arn,
			"message": sprintf("Security group %s (%s) in %s admits RDP (port 3389) from %s%s", [sg.id, sg.name, sg.vpc_id, concat(", ", util.world_sources(rule)), reach.note]),
			"evidence": {"rule": rule},
		},
		reach.extra,
	)
}
