# METADATA
# title: OpenSearch domain is not encrypted at rest
# description: |
#   The OpenSearch Service domain stores its indices, logs, swap and automated snapshots
#   unencrypted: whoever obtains the storage or a snapshot reads every document. AWS
#   Foundational Security Best Practices Opensearch.1 (ES.1 for Elasticsearch domains).
# custom:
#   id: opensearch-domain-not-encrypted-at-rest
#   severity: medium
#   resource_type: AWS::OpenSearchService::Domain
#   scope: storage.opensearch_domains
#   needs: [es:DescribeDomains]
#   remediation: |
#     `aws opensearch update-domain-config --domain-name NAME --encryption-at-rest-options
#     Enabled=true,KmsKeyId=KEY` (engine versions that allow enabling it on an existing
#     domain), or create an encrypted domain and reindex. Terraform: `encrypt_at_rest {
#     enabled = true }` on the `aws_opensearch_domain`.
#   references:
#     - https://docs.aws.amazon.com/opensearch-service/latest/developerguide/encryption-at-rest.html
package palisade.opensearch.domain_not_encrypted_at_rest

import rego.v1

checked contains d.arn if some d in input.storage.opensearch_domains

deny contains result if {
	some d in input.storage.opensearch_domains
	d.encryption_at_rest != true
	result := {
		"arn": d.arn,
		"message": sprintf("OpenSearch domain %s in %s (account %s) is not encrypted at rest", [d.name, d.region, d.account_id]),
		"evidence": {"encryption_at_rest": false},
	}
}
