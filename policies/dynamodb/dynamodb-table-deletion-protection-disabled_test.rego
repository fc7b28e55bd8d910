package palisade.dynamodb.table_deletion_protection_disabled_test

import data.palisade.dynamodb.table_deletion_protection_disabled as policy
import rego.v1

arn := "arn:aws:dynamodb:us-east-1:111122223333:table/claims"

table(on) := {"storage": {"dynamodb_tables": [{
	"arn": arn,
	"account_id": "111122223333",
	"region": "us-east-1",
	"name": "claims",
	"deletion_protection": on,
}]}}

test_fail_turned_off if {
	inp := table(false)
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	r.message == "DynamoDB table claims (account 111122223333, us-east-1) has deletion protection turned off"
}

test_pass_turned_on if {
	inp := table(true)
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}
