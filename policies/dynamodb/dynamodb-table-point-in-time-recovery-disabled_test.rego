package palisade.dynamodb.table_point_in_time_recovery_disabled_test

import data.palisade.dynamodb.table_point_in_time_recovery_disabled as policy
import rego.v1

arn := "arn:aws:dynamodb:us-east-1:111122223333:table/claims"

table(pitr) := {"storage": {"dynamodb_tables": [{
	"arn": arn,
	"account_id": "111122223333",
	"region": "us-east-1",
	"name": "claims",
	"point_in_time_recovery": pitr,
}]}}

test_fail_disabled if {
	inp := table("DISABLED")
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	r.message == "DynamoDB table claims (account 111122223333, us-east-1) has point-in-time recovery disabled"
}

test_pass_enabled if {
	inp := table("ENABLED")
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_unread_not_judged if {
	inp := table(null)
	count(policy.checked) == 0 with input as inp
	count(policy.deny) == 0 with input as inp
}
