package palisade.rds.snapshot_unencrypted_test

import data.palisade.rds.snapshot_unencrypted as policy
import rego.v1

arn := "arn:aws:rds:us-east-1:111122223333:cluster-snapshot:claims-final"

snap(encrypted, source) := {"storage": {"rds_snapshots": [{
	"arn": arn,
	"account_id": "111122223333",
	"region": "us-east-1",
	"id": "claims-final",
	"kind": "cluster",
	"source_id": source,
	"encrypted": encrypted,
}]}}

test_fail_unencrypted if {
	inp := snap(false, "claims")
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	r.message == "RDS cluster snapshot claims-final (account 111122223333, us-east-1) of DB cluster claims is not encrypted"
}

test_fail_unknown_source if {
	some r in policy.deny with input as snap(false, null)
	r.message == "RDS cluster snapshot claims-final (account 111122223333, us-east-1) of an unknown DB cluster is not encrypted"
}

test_pass_encrypted if {
	inp := snap(true, "claims")
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}
