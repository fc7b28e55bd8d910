# METADATA
# title: Default security group has inbound or outbound rules
# description: |
#   The default security group of a VPC has at least one inbound or outbound rule. Resources launched
#   without an explicit security group land in the default group, so any rule it carries silently
#   grants them network access (by default, unrestricted traffic among all members and to anywhere).
#   Keeping the default group empty forces every workload to use a purpose-built, least-privilege group.
# custom:
#   id: ec2-default-security-group-has-rules
#   severity: medium
#   resource_type: AWS::EC2::SecurityGroup
#   scope: network.security_groups
#   remediation: |
#     Move the resources that use the default group to dedicated security groups, then delete every
#     rule of the default group:
#     `aws ec2 revoke-security-group-ingress --group-id sg-... --ip-permissions '<the rules>'` and
#     `aws ec2 revoke-security-group-egress --group-id sg-... --ip-permissions '<the rules>'`.
#     Terraform: adopt it with an `aws_default_security_group` resource that declares no `ingress`
#     and no `egress` blocks (Terraform then removes all rules).
#   references:
#     - https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html
package palisade.ec2.default_security_group_has_rules

import rego.v1

checked contains sg.arn if {
	some sg in input.network.security_groups
	sg.name == "default"
}

deny contains result if {
	some sg in input.network.security_groups
	sg.name == "default"
	ingress := object.get(sg, "ingress", [])
	egress := object.get(sg, "egress", [])
	count(ingress) + count(egress) > 0
	result := {
		"arn": sg.arn,
		"message": sprintf("Default security group %s of %s (account %s, %s) has %d inbound and %d outbound rules; it should have none", [sg.id, sg.vpc_id, sg.account_id, sg.region, count(ingress), count(egress)]),
		"evidence": {"ingress": ingress, "egress": egress},
	}
}
