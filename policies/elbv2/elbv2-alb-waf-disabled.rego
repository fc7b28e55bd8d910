# METADATA
# title: Internet-facing Application Load Balancer is not protected by AWS WAF
# description: |
#   No AWS WAF web ACL is associated with the internet-facing Application Load Balancer: web
#   requests from anywhere reach the applications behind it without the managed protections
#   (SQL injection, cross-site scripting, known bad inputs) or rate limits a web ACL applies.
#   A load balancer that only answers behind CloudFront with its own web ACL is still
#   reachable directly unless its security groups allow only CloudFront. Internal load
#   balancers are not judged.
# custom:
#   id: elbv2-alb-waf-disabled
#   severity: medium
#   resource_type: AWS::ElasticLoadBalancingV2::LoadBalancer
#   scope: network.load_balancers
#   needs: [wafv2:GetWebACLForResource]
#   remediation: |
#     Create a `REGIONAL` web ACL with at least the AWS managed core rule set and associate
#     it: `aws wafv2 associate-web-acl --web-acl-arn ACL --resource-arn ALB`. Terraform:
#     `aws_wafv2_web_acl_association`.
#   references:
#     - https://docs.aws.amazon.com/waf/latest/developerguide/web-acl-associating-aws-resource.html
package palisade.elbv2.alb_waf_disabled

import data.palisade.lib.elbv2
import rego.v1

public_alb(lb) if {
	elbv2.application(lb)
	lb.scheme == "internet-facing"
	# `null` (unread) leaves the load balancer unjudged; a gap says why.
	is_object(object.get(lb, "web_acl", null))
}

checked contains lb.arn if {
	some lb in input.network.load_balancers
	public_alb(lb)
}

deny contains result if {
	some lb in input.network.load_balancers
	public_alb(lb)
	not is_string(object.get(lb.web_acl, "arn", null))
	result := {
		"arn": lb.arn,
		"message": sprintf("Load balancer %s is internet-facing and not protected by an AWS WAF web ACL", [elbv2.label(lb)]),
		"evidence": {"web_acl": null},
	}
}
