package palisade.s3.bucket_versioning_disabled_test

import data.palisade.s3.bucket_versioning_disabled as policy
import rego.v1

arn := "arn:aws:s3:::data-bucket"

bucket(extra) := {"storage": {"s3_buckets": [object.union(
	{"arn": arn, "account_id": "111122223333", "region": "us-east-1", "name": "data-bucket"},
	extra,
)]}}

test_fail_never_enabled if {
	inp := bucket({"versioning": null})
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	contains(r.message, "never enabled")
}

test_fail_field_absent if {
	count(policy.deny) == 1 with input as bucket({})
}

test_fail_suspended if {
	some r in policy.deny with input as bucket({"versioning": "Suspended"})
	contains(r.message, "status Suspended")
}

test_pass_enabled if {
	inp := bucket({"versioning": "Enabled"})
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}
