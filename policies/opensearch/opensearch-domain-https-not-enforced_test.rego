package palisade.opensearch.domain_https_not_enforced_test

import data.palisade.opensearch.domain_https_not_enforced as policy
import rego.v1

test_fail_when_set if {
	inp := {"storage": {"opensearch_domains": [{"arn": "arn:aws:es:us-east-1:111122223333:domain/claims-search", "account_id": "111122223333", "region": "us-east-1", "name": "claims-search", "enforce_https": false, "tls_security_policy": "Policy-Min-TLS-1-2-2019-07"}]}}
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:es:us-east-1:111122223333:domain/claims-search"
	r.message == "OpenSearch domain claims-search in us-east-1 (account 111122223333): HTTPS is not enforced, so plain HTTP is accepted"
}

test_pass_when_set if {
	inp := {"storage": {"opensearch_domains": [{"arn": "arn:aws:es:us-east-1:111122223333:domain/claims-search", "account_id": "111122223333", "region": "us-east-1", "name": "claims-search", "enforce_https": true, "tls_security_policy": "Policy-Min-TLS-1-2-PFS-2023-10"}]}}
	count(policy.deny) == 0 with input as inp
	"arn:aws:es:us-east-1:111122223333:domain/claims-search" in policy.checked with input as inp
}

test_fail_old_tls if {
	inp := {"storage": {"opensearch_domains": [{"arn": "x", "name": "x", "region": "r", "account_id": "a", "enforce_https": true, "tls_security_policy": "Policy-Min-TLS-1-0-2019-07"}]}}
	some r in policy.deny with input as inp
	endswith(r.message, "its TLS security policy Policy-Min-TLS-1-0-2019-07 still accepts TLS 1.0 and 1.1")
}
