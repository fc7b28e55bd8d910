# METADATA
# title: OpenSearch domain is on the internet with an access policy open to anyone
# description: |
#   The domain is not in a VPC, so its endpoint is on the internet, and its access policy
#   allows any principal with no condition: anyone can search, read and (depending on the
#   actions) write or delete its indices, unsigned. Without fine-grained access control
#   nothing else asks who the caller is. The endpoint is reachable from the internet by
#   construction (no security group can stand in front of a public domain), so this finding
#   needs no reachability analysis to be true. AWS Foundational Security Best Practices
#   Opensearch.2 asks for VPC placement; this policy reports the domain that is open.
# custom:
#   id: opensearch-domain-open-to-internet
#   severity: critical
#   resource_type: AWS::OpenSearchService::Domain
#   scope: storage.opensearch_domains
#   needs: [es:DescribeDomains]
#   remediation: |
#     Replace the statement with one naming the roles that use the domain, or with an
#     `aws:SourceIp` condition; better, recreate the domain in a VPC and turn on fine-grained
#     access control. `aws opensearch update-domain-config --domain-name NAME
#     --access-policies file://policy.json`.
#   references:
#     - https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ac.html
package palisade.opensearch.domain_open_to_internet

import data.palisade.lib.iam
import rego.v1

checked contains d.arn if some d in input.storage.opensearch_domains

deny contains result if {
	some d in input.storage.opensearch_domains
	d.in_vpc == false
	some i, stmt in iam.open_statements(object.get(d, "access_policy", null))
	result := {
		"arn": d.arn,
		"message": sprintf("OpenSearch domain %s in %s (account %s) has a public endpoint and its access policy %s, so anyone on the internet can use it", [d.name, d.region, d.account_id, iam.open_text(i, stmt)]),
		"evidence": {"statement": stmt, "fine_grained_access_control": d.fine_grained_access_control, "reachable_from": "internet"},
	}
}
