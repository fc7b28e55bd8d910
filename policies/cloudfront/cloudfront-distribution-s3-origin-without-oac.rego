# METADATA
# title: CloudFront distribution reads an S3 origin without origin access control
# description: |
#   An S3 origin of the distribution has no origin access control (OAC). With no OAC and no
#   origin access identity (OAI), the bucket must let anyone read it for CloudFront to serve
#   it, so viewers can bypass the distribution (and its WAF, signed URLs and geo
#   restrictions) by fetching objects from S3 directly. With only a legacy OAI, the bucket is
#   private but SSE-KMS objects, S3 in newer regions and signed PUT/POST are unsupported, and
#   AWS recommends OAC. AWS Foundational Security Best Practices CloudFront.13.
# custom:
#   id: cloudfront-distribution-s3-origin-without-oac
#   severity: medium
#   resource_type: AWS::CloudFront::Distribution
#   scope: edge.cloudfront_distributions
#   needs: [cloudfront:GetDistribution]
#   remediation: |
#     Create an origin access control (`aws cloudfront create-origin-access-control`, signing
#     `always`, origin type `s3`), attach it to the origin, allow
#     `cloudfront.amazonaws.com` with an `AWS:SourceArn` condition of the distribution in the
#     bucket policy, then remove public access and the OAI from the bucket.
#   references:
#     - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html
package palisade.cloudfront.distribution_s3_origin_without_oac

import data.palisade.lib.cloudfront
import rego.v1

checked contains d.arn if {
	some d in input.edge.cloudfront_distributions
	some o in cloudfront.origins(d)
	o.kind == "s3"
}

unsigned(o) if {
	o.kind == "s3"
	not is_string(object.get(o, "origin_access_control_id", null))
}

how(o) := "a legacy origin access identity only" if is_string(object.get(o, "origin_access_identity", null))

how(o) := "neither OAC nor OAI, so the bucket must be publicly readable" if not is_string(object.get(o, "origin_access_identity", null))

deny contains result if {
	some d in input.edge.cloudfront_distributions
	found := [sprintf("%s (%s: %s)", [o.id, o.domain_name, how(o)]) | some o in cloudfront.origins(d); unsigned(o)]
	count(found) > 0
	result := {
		"arn": d.arn,
		"message": sprintf("CloudFront distribution %s reads S3 origins without origin access control: %s", [cloudfront.label(d), concat("; ", found)]),
		"evidence": {"origins": found},
	}
}
