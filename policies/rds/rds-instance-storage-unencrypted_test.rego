package palisade.rds.instance_storage_unencrypted_test

import data.palisade.rds.instance_storage_unencrypted as policy
import rego.v1

arn := "arn:aws:rds:us-east-1:111122223333:db:orders"

db(encrypted) := {"storage": {"rds_instances": [{
	"arn": arn,
	"account_id": "111122223333",
	"region": "us-east-1",
	"id": "orders",
	"engine": "postgres",
	"storage_encrypted": encrypted,
	"publicly_accessible": false,
}]}}

test_fail_unencrypted if {
	inp := db(false)
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	contains(r.message, "orders (postgres")
	contains(r.message, "does not encrypt")
}

test_pass_encrypted if {
	inp := db(true)
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}
