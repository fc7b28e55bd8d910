# METADATA
# title: CloudFront distribution may use SSLv3, TLS 1.0 or 1.1 to a custom origin
# description: |
#   A custom origin that CloudFront reaches over HTTPS lists SSLv3, TLSv1 or TLSv1.1 among its
#   origin SSL protocols: if the origin offers them (or an attacker in the path forces a
#   downgrade), CloudFront talks to it with broken cryptography. Origins reached only over
#   HTTP are reported by `cloudfront-distribution-origin-not-encrypted`. AWS Foundational
#   Security Best Practices CloudFront.10 (which names SSLv3; this check is stricter).
# custom:
#   id: cloudfront-distribution-origin-tls-outdated
#   severity: medium
#   resource_type: AWS::CloudFront::Distribution
#   scope: edge.cloudfront_distributions
#   needs: [cloudfront:GetDistribution]
#   remediation: |
#     Set the origin SSL protocols to `TLSv1.2` only. Terraform: `origin_ssl_protocols =
#     ["TLSv1.2"]` in the origin's `custom_origin_config`.
#   references:
#     - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-ciphers-cloudfront-to-origin.html
package palisade.cloudfront.distribution_origin_tls_outdated

import data.palisade.lib.cloudfront
import data.palisade.lib.util
import rego.v1

tls_origin(o) if {
	o.kind == "custom"
	o.protocol_policy != "http-only"
}

checked contains d.arn if {
	some d in input.edge.cloudfront_distributions
	some o in cloudfront.origins(d)
	tls_origin(o)
}

deny contains result if {
	some d in input.edge.cloudfront_distributions
	found := [sprintf("%s (%s: %s)", [o.id, o.domain_name, concat(", ", bad)]) |
		some o in cloudfront.origins(d)
		tls_origin(o)
		bad := sort([p | some p in o.ssl_protocols; p in util.outdated_tls_versions])
		count(bad) > 0
	]
	count(found) > 0
	result := {
		"arn": d.arn,
		"message": sprintf("CloudFront distribution %s may use outdated SSL/TLS to origins: %s", [cloudfront.label(d), concat("; ", found)]),
		"evidence": {"origins": found},
	}
}
