# METADATA
# title: CloudFront distribution reaches a custom origin over plain HTTP
# description: |
#   A custom origin of the distribution has origin protocol policy `http-only`, or
#   `match-viewer` while a cache behavior sending requests to it lets viewers use HTTP:
#   CloudFront then forwards requests (cookies, authorization headers, form posts) and
#   receives responses unencrypted across the internet. S3 REST origins always use HTTPS and
#   are not judged. AWS Foundational Security Best Practices CloudFront.9.
# custom:
#   id: cloudfront-distribution-origin-not-encrypted
#   severity: medium
#   resource_type: AWS::CloudFront::Distribution
#   scope: edge.cloudfront_distributions
#   needs: [cloudfront:GetDistribution]
#   remediation: |
#     Serve HTTPS on the origin (an ACM certificate on its load balancer) and set the origin
#     protocol policy to `https-only`. Terraform: `origin_protocol_policy = "https-only"` in
#     the origin's `custom_origin_config`.
#   references:
#     - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-cloudfront-to-custom-origin.html
package palisade.cloudfront.distribution_origin_not_encrypted

import data.palisade.lib.cloudfront
import rego.v1

checked contains d.arn if {
	some d in input.edge.cloudfront_distributions
	some o in cloudfront.origins(d)
	o.kind == "custom"
}

plain(d, o) if o.protocol_policy == "http-only"

plain(d, o) if {
	o.protocol_policy == "match-viewer"
	some b in cloudfront.behaviors(d)
	b.target_origin_id == o.id
	b.viewer_protocol_policy == "allow-all"
}

deny contains result if {
	some d in input.edge.cloudfront_distributions
	found := [sprintf("%s (%s, %s)", [o.id, o.domain_name, o.protocol_policy]) |
		some o in cloudfront.origins(d)
		o.kind == "custom"
		plain(d, o)
	]
	count(found) > 0
	result := {
		"arn": d.arn,
		"message": sprintf("CloudFront distribution %s sends requests to origins over plain HTTP: %s", [cloudfront.label(d), concat(", ", found)]),
		"evidence": {"origins": found},
	}
}
