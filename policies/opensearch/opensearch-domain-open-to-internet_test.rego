package palisade.opensearch.domain_open_to_internet_test

import data.palisade.opensearch.domain_open_to_internet as policy
import rego.v1

test_fail_when_set if {
	inp := {"storage": {"opensearch_domains": [{"arn": "arn:aws:es:us-east-1:111122223333:domain/claims-search", "account_id": "111122223333", "region": "us-east-1", "name": "claims-search", "in_vpc": false, "access_policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "es:*", "Resource": "arn:aws:es:us-east-1:111122223333:domain/claims-search/*"}]}, "fine_grained_access_control": false}]}}
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:es:us-east-1:111122223333:domain/claims-search"
	r.message == "OpenSearch domain claims-search in us-east-1 (account 111122223333) has a public endpoint and its access policy statement #1 allows Action \"es:*\" to any principal (Principal {\"AWS\":\"*\"}) with no Condition, so anyone on the internet can use it"
}

test_pass_when_set if {
	inp := {"storage": {"opensearch_domains": [{"arn": "arn:aws:es:us-east-1:111122223333:domain/claims-search", "account_id": "111122223333", "region": "us-east-1", "name": "claims-search", "in_vpc": false, "access_policy": null, "fine_grained_access_control": false}]}}
	count(policy.deny) == 0 with input as inp
	"arn:aws:es:us-east-1:111122223333:domain/claims-search" in policy.checked with input as inp
}

test_pass_in_vpc if {
	inp := {"storage": {"opensearch_domains": [{"arn": "x", "name": "x", "region": "r", "account_id": "a", "in_vpc": true, "fine_grained_access_control": false, "access_policy": {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "es:*"}]}}]}}
	count(policy.deny) == 0 with input as inp
}

test_pass_source_ip if {
	inp := {"storage": {"opensearch_domains": [{"arn": "x", "name": "x", "region": "r", "account_id": "a", "in_vpc": false, "fine_grained_access_control": false, "access_policy": {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "es:*", "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}]}}]}}
	count(policy.deny) == 0 with input as inp
}
