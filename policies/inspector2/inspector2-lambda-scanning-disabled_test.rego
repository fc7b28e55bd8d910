package palisade.inspector2.lambda_scanning_disabled_test

import data.palisade.inspector2.lambda_scanning_disabled as policy
import rego.v1

arn := "arn:aws:inspector2:eu-west-1:111122223333:status"

inventory(resources, fn_region) := {
	"logging": {"inspector2": [{
		"arn": arn, "account_id": "111122223333", "region": "eu-west-1", "status": "ENABLED",
		"resources": resources,
	}]},
	"compute": {"lambda_functions": [{"name": "settle-batch", "account_id": "111122223333", "region": fn_region}]},
}

test_fail_lambda_scanning_disabled if {
	inp := inventory({"ec2": "ENABLED", "lambda": "DISABLED", "lambda_code": "ENABLED"}, "eu-west-1")
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	r.message == "Amazon Inspector does not scan Lambda functions in eu-west-1 (account 111122223333): LAMBDA scanning is DISABLED, and the region has 1 (settle-batch)"
}

test_fail_type_not_listed if {
	count(policy.deny) == 1 with input as inventory({"ec2": "ENABLED"}, "eu-west-1")
}

test_pass_lambda_scanned if {
	inp := inventory({"lambda": "ENABLED"}, "eu-west-1")
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_pass_no_functions_in_region if {
	inp := inventory({"lambda": "DISABLED"}, "us-east-1")
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}
