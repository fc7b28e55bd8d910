# METADATA
# title: OpenSearch domain accepts plain HTTP or TLS before 1.2
# description: |
#   The domain's endpoint does not enforce HTTPS, so clients may send credentials, queries
#   and documents in plain text; or it does, but its TLS security policy still accepts TLS
#   1.0 and 1.1. AWS Foundational Security Best Practices Opensearch.8 (TLS 1.2 policy) and
#   ES.8.
# custom:
#   id: opensearch-domain-https-not-enforced
#   severity: medium
#   resource_type: AWS::OpenSearchService::Domain
#   scope: storage.opensearch_domains
#   needs: [es:DescribeDomains]
#   remediation: |
#     `aws opensearch update-domain-config --domain-name NAME --domain-endpoint-options
#     EnforceHTTPS=true,TLSSecurityPolicy=Policy-Min-TLS-1-2-PFS-2023-10`. Terraform:
#     `domain_endpoint_options { enforce_https = true, tls_security_policy = "..." }`.
#   references:
#     - https://docs.aws.amazon.com/opensearch-service/latest/developerguide/infrastructure-security.html
package palisade.opensearch.domain_https_not_enforced

import rego.v1

checked contains d.arn if some d in input.storage.opensearch_domains

why(d) := "HTTPS is not enforced, so plain HTTP is accepted" if d.enforce_https != true

why(d) := sprintf("its TLS security policy %s still accepts TLS 1.0 and 1.1", [d.tls_security_policy]) if {
	d.enforce_https == true
	is_string(d.tls_security_policy)
	contains(d.tls_security_policy, "TLS-1-0")
}

deny contains result if {
	some d in input.storage.opensearch_domains
	reason := why(d)
	result := {
		"arn": d.arn,
		"message": sprintf("OpenSearch domain %s in %s (account %s): %s", [d.name, d.region, d.account_id, reason]),
		"evidence": {"enforce_https": d.enforce_https, "tls_security_policy": object.get(d, "tls_security_policy", null)},
	}
}
