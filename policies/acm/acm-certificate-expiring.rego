# METADATA
# title: ACM certificate in use expires within 30 days or has expired
# description: |
#   A certificate attached to a load balancer, CloudFront distribution, API or other AWS
#   resource expires within 30 days of collection, or already has. When it lapses, clients
#   refuse the connection (or, worse, users learn to click through the warning). ACM renews
#   the certificates it issued and can still validate by itself; an imported certificate, or
#   one whose DNS or e-mail validation broke, is renewed by nobody. Certificates attached to
#   nothing are not judged. AWS Foundational Security Best Practices ACM.1 (30 days is its
#   default).
# custom:
#   id: acm-certificate-expiring
#   severity: medium
#   resource_type: AWS::CertificateManager::Certificate
#   scope: storage.acm_certificates
#   remediation: |
#     For an imported certificate, obtain a new one from the issuing CA and `aws acm
#     import-certificate --certificate-arn ARN ...` to replace it in place. For an ACM-issued
#     one, fix what blocks managed renewal (`aws acm describe-certificate` shows
#     `RenewalSummary`), usually a missing DNS validation CNAME.
#   references:
#     - https://docs.aws.amazon.com/acm/latest/userguide/managed-renewal.html
#     - https://docs.aws.amazon.com/acm/latest/userguide/import-reimport.html
package palisade.acm.certificate_expiring

import data.palisade.lib.util
import rego.v1

min_days_left := 30

judged(c) if {
	c.in_use == true
	is_string(object.get(c, "not_after", null))
}

checked contains c.arn if {
	some c in input.storage.acm_certificates
	judged(c)
}

deny contains result if {
	some c in input.storage.acm_certificates
	judged(c)
	left := 0 - util.days_before_collection(c.not_after)
	left < min_days_left
	result := {
		"arn": c.arn,
		"message": sprintf("ACM certificate for %s (%s, account %s, %s) is in use and %s", [c.domain_name, object.get(c, "cert_type", "unknown type"), c.account_id, c.region, when(left, c.not_after)]),
		"evidence": {"not_after": c.not_after, "days_left": left, "renewal_eligibility": object.get(c, "renewal_eligibility", null)},
	}
}

when(left, at) := sprintf("expired on %s", [at]) if left < 0

when(left, at) := sprintf("expires on %s, in %d days", [at, left]) if left >= 0
