package palisade.elasticache.replication_group_automatic_failover_disabled_test

import data.palisade.elasticache.replication_group_automatic_failover_disabled as policy
import rego.v1

test_fail_when_set if {
	inp := {"storage": {"elasticache_replication_groups": [{"arn": "arn:aws:elasticache:us-east-1:111122223333:replicationgroup:sessions", "account_id": "111122223333", "region": "us-east-1", "id": "sessions", "automatic_failover": "disabled"}]}}
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:elasticache:us-east-1:111122223333:replicationgroup:sessions"
	r.message == "ElastiCache replication group sessions in us-east-1 (account 111122223333) has automatic failover disabled"
}

test_pass_when_set if {
	inp := {"storage": {"elasticache_replication_groups": [{"arn": "arn:aws:elasticache:us-east-1:111122223333:replicationgroup:sessions", "account_id": "111122223333", "region": "us-east-1", "id": "sessions", "automatic_failover": "enabled"}]}}
	count(policy.deny) == 0 with input as inp
	"arn:aws:elasticache:us-east-1:111122223333:replicationgroup:sessions" in policy.checked with input as inp
}
