package palisade.guardduty.s3_protection_disabled_test

import data.palisade.guardduty.s3_protection_disabled as policy
import rego.v1

arn := "arn:aws:guardduty:eu-west-1:111122223333:detector/d1"

inventory(features, bucket_region) := {
	"logging": {"guardduty_detectors": [{
		"arn": arn, "id": "d1", "account_id": "111122223333", "region": "eu-west-1",
		"status": "ENABLED", "features": features,
	}]},
	"storage": {"s3_buckets": [
		{"name": "exports", "account_id": "111122223333", "region": bucket_region},
		{"name": "archive", "account_id": "111122223333", "region": bucket_region},
	]},
}

test_fail_s3_protection_disabled if {
	inp := inventory({"S3_DATA_EVENTS": {"status": "DISABLED"}}, "eu-west-1")
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	r.message == "GuardDuty S3 Protection is disabled for detector d1 in eu-west-1 (account 111122223333), where the account has S3 buckets: 2 (archive, exports)"
}

test_fail_features_unread if {
	count(policy.deny) == 1 with input as inventory(null, "eu-west-1")
}

test_pass_s3_protection_enabled if {
	inp := inventory({"S3_DATA_EVENTS": {"status": "ENABLED"}}, "eu-west-1")
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_pass_no_buckets_in_region if {
	inp := inventory({}, "us-east-1")
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}
