# METADATA
# title: OpenSearch domain has fine-grained access control off
# description: |
#   Fine-grained access control is off, so the domain cannot tell its callers apart inside
#   the cluster: whoever the access policy lets in reaches every index and document, with no
#   per-index, per-document or per-field permissions and no internal users or roles. AWS
#   Foundational Security Best Practices Opensearch.7.
# custom:
#   id: opensearch-domain-fine-grained-access-control-disabled
#   severity: medium
#   resource_type: AWS::OpenSearchService::Domain
#   scope: storage.opensearch_domains
#   needs: [es:DescribeDomains]
#   remediation: |
#     `aws opensearch update-domain-config --domain-name NAME --advanced-security-options
#     'Enabled=true,InternalUserDatabaseEnabled=false,MasterUserOptions={MasterUserARN=ROLE}'`
#     (needs HTTPS, node-to-node and at-rest encryption). Terraform:
#     `advanced_security_options { enabled = true }`.
#   references:
#     - https://docs.aws.amazon.com/opensearch-service/latest/developerguide/fgac.html
package palisade.opensearch.domain_fine_grained_access_control_disabled

import rego.v1

checked contains d.arn if some d in input.storage.opensearch_domains

deny contains result if {
	some d in input.storage.opensearch_domains
	d.fine_grained_access_control != true
	result := {
		"arn": d.arn,
		"message": sprintf("OpenSearch domain %s in %s (account %s) has fine-grained access control off: every caller the access policy admits reaches every index", [d.name, d.region, d.account_id]),
		"evidence": {"fine_grained_access_control": false},
	}
}
