package palisade.rds.instance_backup_retention_too_short_test

import data.palisade.rds.instance_backup_retention_too_short as policy
import rego.v1

arn := "arn:aws:rds:us-east-1:111122223333:db:orders"

db(days) := {"storage": {"rds_instances": [{
	"arn": arn,
	"account_id": "111122223333",
	"region": "us-east-1",
	"id": "orders",
	"engine": "postgres",
	"storage_encrypted": true,
	"publicly_accessible": false,
	"backup_retention_days": days,
}]}}

test_fail_one_day if {
	inp := db(1)
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	contains(r.message, "for 1 days (at least 7 required)")
}

test_fail_six_days if {
	count(policy.deny) == 1 with input as db(6)
}

test_fail_backups_disabled if {
	some r in policy.deny with input as db(0)
	contains(r.message, "automated backups disabled")
}

test_fail_field_absent_defaults_to_zero if {
	i := object.remove(db(0).storage.rds_instances[0], ["backup_retention_days"])
	count(policy.deny) == 1 with input as {"storage": {"rds_instances": [i]}}
}

test_pass_seven_days if {
	inp := db(7)
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_pass_thirty_five_days if {
	count(policy.deny) == 0 with input as db(35)
}
