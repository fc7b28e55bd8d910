# METADATA
# title: CloudFront distribution accepts viewers on TLS older than 1.2
# description: |
#   The distribution lets viewers connect with SSLv3, TLS 1.0 or TLS 1.1: either its custom
#   certificate's security policy has a minimum protocol version below `TLSv1.2_2018`, or it
#   serves the shared `*.cloudfront.net` certificate, with which CloudFront accepts TLS 1.0
#   whatever the setting. PCI DSS and NIST SP 800-52 rule those versions out. Disabled
#   distributions serve nothing and are not reported.
# custom:
#   id: cloudfront-distribution-viewer-tls-outdated
#   severity: medium
#   resource_type: AWS::CloudFront::Distribution
#   scope: edge.cloudfront_distributions
#   needs: [cloudfront:GetDistribution]
#   remediation: |
#     Serve an ACM certificate (in us-east-1) under your own domain with SNI and a security
#     policy of `TLSv1.2_2021` or later. Terraform: `viewer_certificate { acm_certificate_arn =
#     ..., ssl_support_method = "sni-only", minimum_protocol_version = "TLSv1.2_2021" }`.
#   references:
#     - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html
package palisade.cloudfront.distribution_viewer_tls_outdated

import data.palisade.lib.cloudfront
import rego.v1

checked contains d.arn if {
	some d in input.edge.cloudfront_distributions
	d.enabled == true
}

deny contains result if {
	some d in input.edge.cloudfront_distributions
	d.enabled == true
	d.default_certificate == true
	result := {
		"arn": d.arn,
		"message": sprintf("CloudFront distribution %s serves the shared *.cloudfront.net certificate, with which CloudFront accepts TLS 1.0 and 1.1 viewers", [cloudfront.label(d)]),
		"evidence": {"default_certificate": true},
	}
}

deny contains result if {
	some d in input.edge.cloudfront_distributions
	d.enabled == true
	not d.default_certificate == true
	version := object.get(d, "minimum_protocol_version", null)
	not modern_version(version)
	result := {
		"arn": d.arn,
		"message": sprintf("CloudFront distribution %s accepts viewers on TLS older than 1.2 (minimum protocol version %v)", [cloudfront.label(d), version]),
		"evidence": {"minimum_protocol_version": version},
	}
}

# Security policies whose minimum is TLS 1.2 or later (TLSv1.2_2018, _2019, _2021, _2025,
# TLSv1.3_2025, and whatever later ones follow the pattern).
modern_version(version) if {
	is_string(version)
	regex.match(`^TLSv1\.[23]_`, version)
}
