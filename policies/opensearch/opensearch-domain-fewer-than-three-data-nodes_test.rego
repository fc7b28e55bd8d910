package palisade.opensearch.domain_fewer_than_three_data_nodes_test

import data.palisade.opensearch.domain_fewer_than_three_data_nodes as policy
import rego.v1

test_fail_when_set if {
	inp := {"storage": {"opensearch_domains": [{"arn": "arn:aws:es:us-east-1:111122223333:domain/claims-search", "account_id": "111122223333", "region": "us-east-1", "name": "claims-search", "instance_count": 1}]}}
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:es:us-east-1:111122223333:domain/claims-search"
	r.message == "OpenSearch domain claims-search in us-east-1 (account 111122223333) has 1 data node(s), fewer than three"
}

test_pass_when_set if {
	inp := {"storage": {"opensearch_domains": [{"arn": "arn:aws:es:us-east-1:111122223333:domain/claims-search", "account_id": "111122223333", "region": "us-east-1", "name": "claims-search", "instance_count": 3}]}}
	count(policy.deny) == 0 with input as inp
	"arn:aws:es:us-east-1:111122223333:domain/claims-search" in policy.checked with input as inp
}
