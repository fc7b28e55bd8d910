# METADATA
# title: CloudFront distribution serves viewers over plain HTTP
# description: |
#   A cache behavior of the distribution has viewer protocol policy `allow-all`: viewers may
#   fetch those paths over unencrypted HTTP, where anyone on the path reads and alters what
#   they get (session cookies included). `redirect-to-https` or `https-only` keep every request
#   on TLS. The finding lists the path patterns (`*` is the default behavior). AWS
#   Foundational Security Best Practices CloudFront.3.
# custom:
#   id: cloudfront-distribution-viewer-http-allowed
#   severity: medium
#   resource_type: AWS::CloudFront::Distribution
#   scope: edge.cloudfront_distributions
#   needs: [cloudfront:GetDistribution]
#   remediation: |
#     Set the viewer protocol policy of every cache behavior to `redirect-to-https` (or
#     `https-only`). Terraform: `viewer_protocol_policy = "redirect-to-https"` in each
#     `default_cache_behavior` / `ordered_cache_behavior`.
#   references:
#     - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-viewers-to-cloudfront.html
package palisade.cloudfront.distribution_viewer_http_allowed

import data.palisade.lib.cloudfront
import rego.v1

checked contains d.arn if some d in input.edge.cloudfront_distributions

deny contains result if {
	some d in input.edge.cloudfront_distributions
	paths := cloudfront.viewer_http(d)
	count(paths) > 0
	result := {
		"arn": d.arn,
		"message": sprintf("CloudFront distribution %s lets viewers use plain HTTP (viewer protocol policy allow-all) for: %s", [cloudfront.label(d), concat(", ", paths)]),
		"evidence": {"allow_all_path_patterns": paths},
	}
}
