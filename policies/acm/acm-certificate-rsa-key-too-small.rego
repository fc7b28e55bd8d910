# METADATA
# title: ACM certificate has an RSA key shorter than 2048 bits
# description: |
#   A certificate's key is RSA with fewer than 2048 bits (`RSA_1024`). 1024-bit RSA has been
#   below the strength NIST, the CA/Browser Forum and PCI DSS accept since 2013: a well-funded
#   attacker can factor it, and browsers and many clients refuse it. ACM issues no such
#   certificates, so these were imported. AWS Foundational Security Best Practices ACM.2.
# custom:
#   id: acm-certificate-rsa-key-too-small
#   severity: high
#   resource_type: AWS::CertificateManager::Certificate
#   scope: storage.acm_certificates
#   remediation: |
#     Have the CA issue a replacement with an RSA 2048-bit (or larger) or ECDSA P-256 key, or
#     request one from ACM (`aws acm request-certificate`), and re-import it over the old ARN
#     (`aws acm import-certificate --certificate-arn ARN ...`) or swap it on the resources that
#     use it.
#   references:
#     - https://docs.aws.amazon.com/acm/latest/userguide/acm-certificate.html#algorithms
package palisade.acm.certificate_rsa_key_too_small

import rego.v1

bits(c) := to_number(trim_prefix(c.key_algorithm, "RSA_")) if startswith(object.get(c, "key_algorithm", ""), "RSA_")

checked contains c.arn if {
	some c in input.storage.acm_certificates
	bits(c)
}

deny contains result if {
	some c in input.storage.acm_certificates
	bits(c) < 2048
	result := {
		"arn": c.arn,
		"message": sprintf("ACM certificate for %s (account %s, %s) has a %d-bit RSA key (%s); 2048 bits is the minimum", [c.domain_name, c.account_id, c.region, bits(c), c.key_algorithm]),
		"evidence": {"key_algorithm": c.key_algorithm, "in_use": object.get(c, "in_use", null)},
	}
}
