package palisade.lambda.function_runtime_deprecated_test

import data.palisade.lambda.function_runtime_deprecated as policy
import rego.v1

arn := "arn:aws:lambda:us-east-1:111122223333:function:resize"

fn(runtime, at) := {"collected_at": at, "compute": {"lambda_functions": [{
	"arn": arn, "account_id": "111122223333", "region": "us-east-1", "name": "resize",
	"runtime": runtime,
}]}}

test_fail_deprecated_runtime if {
	inp := fn("python3.8", "2026-12-01T00:00:00Z")
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	r.message == "Lambda function resize in us-east-1 (account 111122223333) runs on python3.8, deprecated since 2024-10-14: its runtime no longer gets security patches"
}

test_fail_on_the_day if {
	count(policy.deny) == 1 with input as fn("nodejs20.x", "2026-04-30T00:00:00Z")
}

test_pass_before_the_date if {
	inp := fn("nodejs20.x", "2026-04-29T23:59:59Z")
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_pass_current_runtime if {
	inp := fn("python3.13", "2026-12-01T00:00:00Z")
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_container_image_not_judged if {
	inp := fn(null, "2026-12-01T00:00:00Z")
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 0 with input as inp
}
