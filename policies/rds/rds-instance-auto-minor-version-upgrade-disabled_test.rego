package palisade.rds.instance_auto_minor_version_upgrade_disabled_test

import data.palisade.rds.instance_auto_minor_version_upgrade_disabled as policy
import rego.v1

arn := "arn:aws:rds:us-east-1:111122223333:db:orders"

db(on) := {"storage": {"rds_instances": [{
	"arn": arn,
	"account_id": "111122223333",
	"region": "us-east-1",
	"id": "orders",
	"engine": "postgres",
	"auto_minor_version_upgrade": on,
}]}}

test_fail_turned_off if {
	inp := db(false)
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	r.message == "RDS DB instance orders (postgres, account 111122223333, us-east-1) has automatic minor version upgrade turned off"
}

test_pass_turned_on if {
	inp := db(true)
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}
