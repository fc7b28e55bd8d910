# METADATA
# title: Application Load Balancer passes invalid HTTP header fields to its targets
# description: |
#   The `routing.http.drop_invalid_header_fields.enabled` attribute of an Application Load
#   Balancer is `false`, so header names that do not conform to the HTTP grammar (for example
#   with underscores or control characters) reach the application. Back ends and proxies parse
#   such headers differently, which is how request smuggling and header injection reach code
#   that the load balancer's own parsing would have protected. AWS Foundational Security Best
#   Practices ELB.4.
# custom:
#   id: elbv2-alb-invalid-headers-not-dropped
#   severity: medium
#   resource_type: AWS::ElasticLoadBalancingV2::LoadBalancer
#   scope: network.load_balancers
#   needs: [elasticloadbalancing:DescribeLoadBalancerAttributes]
#   remediation: |
#     `aws elbv2 modify-load-balancer-attributes --load-balancer-arn ARN --attributes
#     Key=routing.http.drop_invalid_header_fields.enabled,Value=true`. Terraform:
#     `drop_invalid_header_fields = true` on the `aws_lb`.
#   references:
#     - https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#load-balancer-attributes
package palisade.elbv2.alb_invalid_headers_not_dropped

import data.palisade.lib.elbv2
import rego.v1

key := "routing.http.drop_invalid_header_fields.enabled"

checked contains lb.arn if {
	some lb in input.network.load_balancers
	elbv2.application(lb)
	elbv2.attribute(lb, key)
}

deny contains result if {
	some lb in input.network.load_balancers
	elbv2.application(lb)
	value := elbv2.attribute(lb, key)
	value != "true"
	result := {
		"arn": lb.arn,
		"message": sprintf("Application Load Balancer %s forwards invalid HTTP header fields to its targets (%s = %s)", [elbv2.label(lb), key, value]),
		"evidence": {key: value},
	}
}
