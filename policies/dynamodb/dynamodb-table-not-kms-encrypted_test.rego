package palisade.dynamodb.table_not_kms_encrypted_test

import data.palisade.dynamodb.table_not_kms_encrypted as policy
import rego.v1

arn := "arn:aws:dynamodb:us-east-1:111122223333:table/claims"

table(sse) := {"storage": {"dynamodb_tables": [{
	"arn": arn,
	"account_id": "111122223333",
	"region": "us-east-1",
	"name": "claims",
	"sse_type": sse,
	"kms_key_arn": null,
}]}}

test_fail_aws_owned if {
	inp := table("AWS_OWNED")
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	r.message == "DynamoDB table claims (account 111122223333, us-east-1) is encrypted with an AWS owned key (sse_type AWS_OWNED): no key policy of the account governs decrypting it and no KMS event records its use"
}

test_pass_kms if {
	inp := table("KMS")
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}
