package palisade.rds.instance_publicly_accessible_test

import data.palisade.rds.instance_publicly_accessible as policy
import rego.v1

arn := "arn:aws:rds:us-east-1:111122223333:db:orders"

db(public) := {"storage": {"rds_instances": [{
	"arn": arn,
	"account_id": "111122223333",
	"region": "us-east-1",
	"id": "orders",
	"engine": "mysql",
	"storage_encrypted": true,
	"publicly_accessible": public,
	"security_group_ids": ["sg-db"],
}]}}

test_fail_publicly_accessible if {
	inp := db(true)
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	contains(r.message, "orders (mysql")
	contains(r.message, "PubliclyAccessible")
	contains(r.message, "configuration flag")
	contains(r.message, "security groups sg-db")
	r.evidence.security_group_ids == ["sg-db"]
}

test_pass_private if {
	inp := db(false)
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}
