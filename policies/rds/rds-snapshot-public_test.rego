package palisade.rds.snapshot_public_test

import data.palisade.rds.snapshot_public as policy
import rego.v1

arn := "arn:aws:rds:us-east-1:111122223333:snapshot:orders-2024"

snap(kind, extra) := {"storage": {"rds_snapshots": [object.union(
	{
		"arn": arn,
		"account_id": "111122223333",
		"region": "us-east-1",
		"id": "orders-2024",
		"kind": kind,
		"source_id": "orders",
		"encrypted": false,
	},
	extra,
)]}}

test_fail_public_instance_snapshot if {
	inp := snap("instance", {"public": true})
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	contains(r.message, "RDS instance snapshot orders-2024 (of orders, account 111122223333, us-east-1)")
	contains(r.message, "is public")
}

test_fail_public_cluster_snapshot_source_unknown if {
	some r in policy.deny with input as snap("cluster", {"public": true, "source_id": null})
	contains(r.message, "RDS cluster snapshot orders-2024 (account 111122223333, us-east-1)")
}

test_pass_private_snapshot if {
	inp := snap("instance", {"public": false, "shared_with": ["444455556666"]})
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_pass_public_field_absent if {
	inp := snap("cluster", {})
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}
