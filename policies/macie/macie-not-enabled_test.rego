package palisade.macie.not_enabled_test

import data.palisade.macie.not_enabled as policy
import rego.v1

arn := "arn:aws:macie2:eu-west-1:111122223333:session"

inventory(status, bucket_region) := {
	"logging": {"macie_sessions": [{"arn": arn, "account_id": "111122223333", "region": "eu-west-1", "status": status}]},
	"storage": {"s3_buckets": [
		{"name": "exports", "account_id": "111122223333", "region": bucket_region},
		{"name": "archive", "account_id": "111122223333", "region": bucket_region},
	]},
}

test_fail_disabled_with_buckets if {
	inp := inventory("DISABLED", "eu-west-1")
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	r.message == "Amazon Macie is disabled in eu-west-1 (account 111122223333), which holds 2 S3 bucket(s): archive, exports"
}

test_fail_paused if {
	count(policy.deny) == 1 with input as inventory("PAUSED", "eu-west-1")
}

test_pass_enabled if {
	inp := inventory("ENABLED", "eu-west-1")
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_pass_no_buckets_in_region if {
	inp := inventory("DISABLED", "us-east-1")
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}
