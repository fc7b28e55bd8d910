# METADATA
# title: OpenSearch domain nodes talk to each other unencrypted
# description: |
#   Node-to-node encryption is off: documents, queries and results travel between the
#   domain's nodes in plain text inside the VPC or AWS network. AWS Foundational Security
#   Best Practices Opensearch.3 (ES.3).
# custom:
#   id: opensearch-domain-node-to-node-encryption-disabled
#   severity: medium
#   resource_type: AWS::OpenSearchService::Domain
#   scope: storage.opensearch_domains
#   needs: [es:DescribeDomains]
#   remediation: |
#     `aws opensearch update-domain-config --domain-name NAME --node-to-node-encryption-options
#     Enabled=true` (OpenSearch and Elasticsearch 6.0 or later). Terraform:
#     `node_to_node_encryption { enabled = true }`.
#   references:
#     - https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ntn.html
package palisade.opensearch.domain_node_to_node_encryption_disabled

import rego.v1

checked contains d.arn if some d in input.storage.opensearch_domains

deny contains result if {
	some d in input.storage.opensearch_domains
	d.node_to_node_encryption != true
	result := {
		"arn": d.arn,
		"message": sprintf("OpenSearch domain %s in %s (account %s) has node-to-node encryption off", [d.name, d.region, d.account_id]),
		"evidence": {"node_to_node_encryption": false},
	}
}
