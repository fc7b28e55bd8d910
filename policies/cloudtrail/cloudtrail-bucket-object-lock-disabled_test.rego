package palisade.cloudtrail.bucket_object_lock_disabled_test

import data.palisade.cloudtrail.bucket_object_lock_disabled as policy
import rego.v1

arn := "arn:aws:s3:::audit-logs"

inventory(lock) := {
	"logging": {"trails": [
		{"name": "org-trail", "s3_bucket": "audit-logs"},
		{"name": "api-trail", "s3_bucket": "audit-logs"},
	]},
	"storage": {"s3_buckets": [
		{"arn": arn, "name": "audit-logs", "account_id": "111122223333", "region": "eu-west-1", "object_lock": lock},
		{"arn": "arn:aws:s3:::site", "name": "site", "account_id": "111122223333", "region": "eu-west-1", "object_lock": {"enabled": false}},
	]},
}

test_fail_no_object_lock if {
	inp := inventory({"enabled": false, "mode": null, "days": null, "years": null})
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	r.message == "S3 bucket audit-logs receives the logs of CloudTrail trail(s) api-trail, org-trail but has no Object Lock"
}

test_fail_lock_without_default_retention if {
	inp := inventory({"enabled": true, "mode": null, "days": null, "years": null})
	some r in policy.deny with input as inp
	endswith(r.message, "but has Object Lock without a default retention, so the files CloudTrail writes are not locked")
}

test_pass_locked_by_default if {
	inp := inventory({"enabled": true, "mode": "COMPLIANCE", "days": 400, "years": null})
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_only_trail_buckets_and_read_settings_are_judged if {
	inp := inventory(null)
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 0 with input as inp
}
