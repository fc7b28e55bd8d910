package palisade.s3.bucket_default_encryption_disabled_test

import data.palisade.s3.bucket_default_encryption_disabled as policy
import rego.v1

arn := "arn:aws:s3:::data-bucket"

bucket(extra) := {"storage": {"s3_buckets": [object.union(
	{"arn": arn, "account_id": "111122223333", "region": "us-east-1", "name": "data-bucket"},
	extra,
)]}}

test_fail_encryption_null if {
	inp := bucket({"encryption": null})
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	contains(r.message, "data-bucket")
	contains(r.message, "no default encryption")
}

test_fail_encryption_field_absent if {
	count(policy.deny) == 1 with input as bucket({})
}

test_pass_sse_kms if {
	inp := bucket({"encryption": {"algorithm": "aws:kms", "kms_key_id": "arn:aws:kms:us-east-1:111122223333:key/k", "bucket_key_enabled": true}})
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_pass_sse_s3 if {
	inp := bucket({"encryption": {"algorithm": "AES256"}})
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}
