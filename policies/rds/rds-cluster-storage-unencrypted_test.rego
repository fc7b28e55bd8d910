package palisade.rds.cluster_storage_unencrypted_test

import data.palisade.rds.cluster_storage_unencrypted as policy
import rego.v1

arn := "arn:aws:rds:us-east-1:111122223333:cluster:ledger"

cluster(encrypted) := {"storage": {"rds_clusters": [{
	"arn": arn,
	"account_id": "111122223333",
	"region": "us-east-1",
	"id": "ledger",
	"engine": "aurora-postgresql",
	"storage_encrypted": encrypted,
	"member_instance_ids": ["ledger-1", "ledger-2"],
}]}}

test_fail_unencrypted_cluster if {
	inp := cluster(false)
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	contains(r.message, "ledger (aurora-postgresql")
	contains(r.message, "2 member instances")
}

test_pass_encrypted_cluster if {
	inp := cluster(true)
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}
