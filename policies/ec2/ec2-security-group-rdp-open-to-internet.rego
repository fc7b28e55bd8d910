# METADATA
# title: Security group allows RDP from the internet
# description: |
#   A security group rule admits TCP port 3389 (Remote Desktop) from 0.0.0.0/0 or ::/0. RDP exposed
#   to the whole internet is continuously scanned, brute-forced and targeted by remote-code-execution
#   exploits (e.g. BlueKeep), and is a leading ransomware entry point; administrative access should
#   come from a bastion, a VPN or AWS Systems Manager Fleet Manager / Session Manager.
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
#   frameworks:
#     hipaa: ["164.312(e)(1)", "164.308(a)(4)(ii)(B)"]
#     pci-dss-4.0: ["1.3.1", "1.4.1"]
#     cis-aws-3.0: ["5.2", "5.3"]
package palisade.ec2.security_group_rdp_open_to_internet

import data.palisade.lib.util
import rego.v1

checked contains sg.arn if some sg in input.network.security_groups

deny contains result if {
	some sg in input.network.security_groups
	some rule in sg.ingress
	util.open_to_world(rule)
	util.port_in_rule(rule, 3389)
	result := {
		"arn": sg.arn,
		"message": sprintf("Security group %s (%s) in %s admits RDP (port 3389) from %s", [sg.id, sg.name, sg.vpc_id, concat(", ", util.world_sources(rule))]),
		"evidence": {"rule": rule},
	}
}
