# METADATA
# title: IAM server certificate has expired
# description: |
#   A TLS server certificate stored in IAM is past its expiration date (CIS AWS Foundations
#   1.19). An expired certificate still attached to a load balancer or CloudFront distribution
#   breaks clients or trains users to click through warnings; one that is no longer used is
#   clutter that can be deployed by mistake. IAM does not delete expired certificates; ACM,
#   which renews them, is the better home for certificates.
# custom:
#   id: iam-server-certificate-expired
#   severity: medium
#   resource_type: AWS::IAM::ServerCertificate
#   scope: iam.server_certificates
#   remediation: |
#     Replace it where it is used (a certificate from ACM renews itself), then delete it: `aws
#     iam delete-server-certificate --server-certificate-name NAME`.
#   references:
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_server-certs.html
package palisade.iam.server_certificate_expired

import rego.v1

day_ns := ((24 * 60) * 60) * 1000000000

# A certificate is judged when its expiration is known.
checked contains c.arn if {
	some c in input.iam.server_certificates
	is_string(c.expiration)
}

deny contains result if {
	some c in input.iam.server_certificates
	is_string(c.expiration)
	expired_ns := time.parse_rfc3339_ns(input.collected_at) - time.parse_rfc3339_ns(c.expiration)
	expired_ns > 0
	result := {
		"arn": c.arn,
		"message": sprintf("IAM server certificate %s (account %s) expired on %s, %d days before the snapshot", [c.name, c.account_id, c.expiration, floor(expired_ns / day_ns)]),
		"evidence": {"expiration": c.expiration},
	}
}
