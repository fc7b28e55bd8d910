# METADATA
# title: Application Load Balancer only monitors HTTP desync requests
# description: |
#   The `routing.http.desync_mitigation_mode` attribute of an Application Load Balancer is
#   `monitor`: requests that are ambiguous about where they end (conflicting
#   `Content-Length` and `Transfer-Encoding`, malformed framing), the raw material of HTTP
#   request smuggling, are forwarded to the targets and only counted. `defensive` (the AWS
#   default) blocks the dangerous ones and `strictest` blocks every non-compliant request.
#   AWS Foundational Security Best Practices ELB.12.
# custom:
#   id: elbv2-alb-desync-mitigation-monitor-only
#   severity: medium
#   resource_type: AWS::ElasticLoadBalancingV2::LoadBalancer
#   scope: network.load_balancers
#   needs: [elasticloadbalancing:DescribeLoadBalancerAttributes]
#   remediation: |
#     `aws elbv2 modify-load-balancer-attributes --load-balancer-arn ARN --attributes
#     Key=routing.http.desync_mitigation_mode,Value=defensive` (or `strictest`). Terraform:
#     `desync_mitigation_mode = "defensive"` on the `aws_lb`.
#   references:
#     - https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#desync-mitigation-mode
package palisade.elbv2.alb_desync_mitigation_monitor_only

import data.palisade.lib.elbv2
import rego.v1

key := "routing.http.desync_mitigation_mode"

checked contains lb.arn if {
	some lb in input.network.load_balancers
	elbv2.application(lb)
	elbv2.attribute(lb, key)
}

deny contains result if {
	some lb in input.network.load_balancers
	elbv2.application(lb)
	value := elbv2.attribute(lb, key)
	not value in {"defensive", "strictest"}
	result := {
		"arn": lb.arn,
		"message": sprintf("Application Load Balancer %s forwards HTTP desync (request smuggling) attempts to its targets (%s = %s; defensive or strictest block them)", [elbv2.label(lb), key, value]),
		"evidence": {key: value},
	}
}
