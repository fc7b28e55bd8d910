package palisade.s3.bucket_access_logging_disabled_test

import data.palisade.s3.bucket_access_logging_disabled as policy
import rego.v1

arn := "arn:aws:s3:::data-bucket"

bucket(extra) := {"storage": {"s3_buckets": [object.union(
	{"arn": arn, "account_id": "111122223333", "region": "us-east-1", "name": "data-bucket"},
	extra,
)]}}

test_fail_no_logging_target if {
	inp := bucket({"logging_target": null})
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	contains(r.message, "data-bucket")
	contains(r.message, "access logging disabled")
}

test_fail_field_absent if {
	count(policy.deny) == 1 with input as bucket({})
}

test_pass_logging_target_set if {
	inp := bucket({"logging_target": "log-bucket"})
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}
