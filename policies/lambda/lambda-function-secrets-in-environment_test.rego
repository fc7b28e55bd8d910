package palisade.lambda.function_secrets_in_environment_test

import data.palisade.lambda.function_secrets_in_environment as policy
import rego.v1

arn := "arn:aws:lambda:us-east-1:111122223333:function:billing"

fn(env) := {"compute": {"lambda_functions": [{
	"arn": arn, "account_id": "111122223333", "region": "us-east-1", "name": "billing",
	"environment": env,
}]}}

test_fail_password_and_access_key if {
	inp := fn([
		{"name": "DB_PASSWORD", "value": "literal"},
		{"name": "LOG_LEVEL", "value": "literal"},
		{"name": "UPSTREAM", "value": "aws_access_key_id"},
	])
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	r.message == "Lambda function billing in us-east-1 (account 111122223333) keeps secrets in plain environment variables: DB_PASSWORD (a literal value), UPSTREAM (an AWS access key id)"
}

test_fail_private_key_any_name if {
	count(policy.deny) == 1 with input as fn([{"name": "CERT", "value": "private_key"}])
}

test_pass_references_and_ciphertext if {
	inp := fn([
		{"name": "DB_PASSWORD_ARN", "value": "reference"},
		{"name": "API_TOKEN", "value": "kms_ciphertext"},
		{"name": "SECRET", "value": "empty"},
		{"name": "DB_SECRET_NAME", "value": "literal"},
		{"name": "TOKEN_URL", "value": "literal"},
		{"name": "LOG_LEVEL", "value": "literal"},
	])
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_pass_no_environment if {
	count(policy.deny) == 0 with input as fn([])
}
