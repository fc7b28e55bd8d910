# METADATA
# title: OpenSearch domain has fewer than three data nodes
# description: |
#   The domain runs on one or two data nodes: losing a node (or its Availability Zone) loses
#   the replicas it held and can leave the cluster red, without the quorum three nodes across
#   zones keep. AWS Foundational Security Best Practices Opensearch.6 (ES.6).
# custom:
#   id: opensearch-domain-fewer-than-three-data-nodes
#   severity: low
#   resource_type: AWS::OpenSearchService::Domain
#   scope: storage.opensearch_domains
#   needs: [es:DescribeDomains]
#   remediation: |
#     `aws opensearch update-domain-config --domain-name NAME --cluster-config
#     InstanceCount=3,ZoneAwarenessEnabled=true,ZoneAwarenessConfig={AvailabilityZoneCount=3}`.
#     Terraform: `cluster_config { instance_count = 3 }`.
#   references:
#     - https://docs.aws.amazon.com/opensearch-service/latest/developerguide/managedomains-multiaz.html
package palisade.opensearch.domain_fewer_than_three_data_nodes

import rego.v1

checked contains d.arn if {
	some d in input.storage.opensearch_domains
	is_number(d.instance_count)
}

deny contains result if {
	some d in input.storage.opensearch_domains
	is_number(d.instance_count)
	d.instance_count < 3
	result := {
		"arn": d.arn,
		"message": sprintf("OpenSearch domain %s in %s (account %s) has %d data node(s), fewer than three", [d.name, d.region, d.account_id, d.instance_count]),
		"evidence": {"instance_count": d.instance_count},
	}
}
