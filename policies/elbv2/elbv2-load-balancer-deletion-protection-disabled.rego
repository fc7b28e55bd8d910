# METADATA
# title: Load balancer can be deleted without first turning off deletion protection
# description: |
#   The `deletion_protection.enabled` attribute of an Application, Network or Gateway Load
#   Balancer is `false`. One `DeleteLoadBalancer` call (a mistaken script or Terraform plan, a
#   compromised pipeline role) then removes the entry point of the application and its DNS
#   name, and every client fails until it is rebuilt; with protection on, the call fails until
#   someone first changes the attribute, a separate, logged, alarmable step. AWS Foundational
#   Security Best Practices ELB.6 asks this of Application Load Balancers; this policy judges
#   every type, which all support it.
# custom:
#   id: elbv2-load-balancer-deletion-protection-disabled
#   severity: medium
#   resource_type: AWS::ElasticLoadBalancingV2::LoadBalancer
#   scope: network.load_balancers
#   needs: [elasticloadbalancing:DescribeLoadBalancerAttributes]
#   remediation: |
#     `aws elbv2 modify-load-balancer-attributes --load-balancer-arn ARN --attributes
#     Key=deletion_protection.enabled,Value=true`. Terraform: `enable_deletion_protection =
#     true` on the `aws_lb`.
#   references:
#     - https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#deletion-protection
package palisade.elbv2.load_balancer_deletion_protection_disabled

import data.palisade.lib.elbv2
import rego.v1

checked contains lb.arn if {
	some lb in input.network.load_balancers
	elbv2.attribute(lb, "deletion_protection.enabled")
}

deny contains result if {
	some lb in input.network.load_balancers
	value := elbv2.attribute(lb, "deletion_protection.enabled")
	value != "true"
	result := {
		"arn": lb.arn,
		"message": sprintf("Load balancer %s has deletion protection turned off (deletion_protection.enabled = %s)", [elbv2.label(lb), value]),
		"evidence": {"deletion_protection.enabled": value},
	}
}
