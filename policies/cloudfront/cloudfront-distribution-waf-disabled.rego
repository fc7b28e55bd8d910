# METADATA
# title: CloudFront distribution is not protected by AWS WAF
# description: |
#   No web ACL is associated with the enabled distribution: requests reach the origin without
#   the managed protections (SQL injection, known bad inputs, bot control) or the rate limits
#   a web ACL applies at the edge. Disabled distributions serve nothing and are not reported.
#   AWS Foundational Security Best Practices CloudFront.6.
# custom:
#   id: cloudfront-distribution-waf-disabled
#   severity: medium
#   resource_type: AWS::CloudFront::Distribution
#   scope: edge.cloudfront_distributions
#   needs: [cloudfront:GetDistribution]
#   remediation: |
#     Create a web ACL with scope `CLOUDFRONT` (in us-east-1) with at least the AWS managed
#     core rule set, and associate it with the distribution (`web_acl_id` in Terraform; the
#     web ACL's ARN for WAFv2).
#   references:
#     - https://docs.aws.amazon.com/waf/latest/developerguide/cloudfront-features.html
package palisade.cloudfront.distribution_waf_disabled

import data.palisade.lib.cloudfront
import rego.v1

checked contains d.arn if {
	some d in input.edge.cloudfront_distributions
	d.enabled == true
}

deny contains result if {
	some d in input.edge.cloudfront_distributions
	d.enabled == true
	not is_string(object.get(d, "web_acl_id", null))
	result := {
		"arn": d.arn,
		"message": sprintf("CloudFront distribution %s is not protected by an AWS WAF web ACL", [cloudfront.label(d)]),
		"evidence": {"web_acl_id": null},
	}
}
