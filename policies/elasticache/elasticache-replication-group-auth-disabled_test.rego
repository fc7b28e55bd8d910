package palisade.elasticache.replication_group_auth_disabled_test

import data.palisade.elasticache.replication_group_auth_disabled as policy
import rego.v1

test_fail_when_set if {
	inp := {"storage": {"elasticache_replication_groups": [{"arn": "arn:aws:elasticache:us-east-1:111122223333:replicationgroup:sessions", "account_id": "111122223333", "region": "us-east-1", "id": "sessions", "auth_token_enabled": false, "user_group_ids": []}]}}
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:elasticache:us-east-1:111122223333:replicationgroup:sessions"
	r.message == "ElastiCache replication group sessions in us-east-1 (account 111122223333) has no AUTH token and no RBAC user group: any client that reaches it runs commands unauthenticated"
}

test_pass_when_set if {
	inp := {"storage": {"elasticache_replication_groups": [{"arn": "arn:aws:elasticache:us-east-1:111122223333:replicationgroup:sessions", "account_id": "111122223333", "region": "us-east-1", "id": "sessions", "auth_token_enabled": false, "user_group_ids": ["app-users"]}]}}
	count(policy.deny) == 0 with input as inp
	"arn:aws:elasticache:us-east-1:111122223333:replicationgroup:sessions" in policy.checked with input as inp
}

test_pass_auth_token if {
	count(policy.deny) == 0 with input as {"storage": {"elasticache_replication_groups": [{"arn": "x", "auth_token_enabled": true, "user_group_ids": []}]}}
}
