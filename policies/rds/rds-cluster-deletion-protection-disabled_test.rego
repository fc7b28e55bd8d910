package palisade.rds.cluster_deletion_protection_disabled_test

import data.palisade.rds.cluster_deletion_protection_disabled as policy
import rego.v1

arn := "arn:aws:rds:us-east-1:111122223333:cluster:claims"

cluster(on) := {"storage": {"rds_clusters": [{
	"arn": arn,
	"account_id": "111122223333",
	"region": "us-east-1",
	"id": "claims",
	"engine": "aurora-postgresql",
	"deletion_protection": on,
}]}}

test_fail_turned_off if {
	inp := cluster(false)
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	r.message == "RDS DB cluster claims (aurora-postgresql, account 111122223333, us-east-1) has deletion protection turned off"
}

test_pass_turned_on if {
	inp := cluster(true)
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}
