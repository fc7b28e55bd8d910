package palisade.rds.instance_deletion_protection_disabled_test

import data.palisade.rds.instance_deletion_protection_disabled as policy
import rego.v1

arn := "arn:aws:rds:us-east-1:111122223333:db:orders"

db(on, cluster) := {"storage": {"rds_instances": [{
	"arn": arn,
	"account_id": "111122223333",
	"region": "us-east-1",
	"id": "orders",
	"engine": "postgres",
	"cluster_id": cluster,
	"deletion_protection": on,
}]}}

test_fail_turned_off if {
	inp := db(false, null)
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	r.message == "RDS DB instance orders (postgres, account 111122223333, us-east-1) has deletion protection turned off"
}

test_pass_turned_on if {
	inp := db(true, null)
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_cluster_member_judged_at_the_cluster if {
	inp := db(false, "orders-cluster")
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 0 with input as inp
}
