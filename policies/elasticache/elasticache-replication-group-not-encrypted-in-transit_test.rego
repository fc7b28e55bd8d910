package palisade.elasticache.replication_group_not_encrypted_in_transit_test

import data.palisade.elasticache.replication_group_not_encrypted_in_transit as policy
import rego.v1

test_fail_when_set if {
	inp := {"storage": {"elasticache_replication_groups": [{"arn": "arn:aws:elasticache:us-east-1:111122223333:replicationgroup:sessions", "account_id": "111122223333", "region": "us-east-1", "id": "sessions", "transit_encryption": false, "transit_encryption_mode": null}]}}
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:elasticache:us-east-1:111122223333:replicationgroup:sessions"
	r.message == "ElastiCache replication group sessions in us-east-1 (account 111122223333) accepts unencrypted connections: in-transit encryption is off"
}

test_pass_when_set if {
	inp := {"storage": {"elasticache_replication_groups": [{"arn": "arn:aws:elasticache:us-east-1:111122223333:replicationgroup:sessions", "account_id": "111122223333", "region": "us-east-1", "id": "sessions", "transit_encryption": true, "transit_encryption_mode": "required"}]}}
	count(policy.deny) == 0 with input as inp
	"arn:aws:elasticache:us-east-1:111122223333:replicationgroup:sessions" in policy.checked with input as inp
}

test_fail_preferred if {
	inp := {"storage": {"elasticache_replication_groups": [{"arn": "x", "id": "x", "region": "r", "account_id": "a", "transit_encryption": true, "transit_encryption_mode": "preferred"}]}}
	some r in policy.deny with input as inp
	endswith(r.message, "TLS is only preferred, so plain connections are still accepted")
}
