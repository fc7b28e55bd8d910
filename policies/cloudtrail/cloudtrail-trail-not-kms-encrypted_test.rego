package palisade.cloudtrail.trail_not_kms_encrypted_test

import data.palisade.cloudtrail.trail_not_kms_encrypted as policy
import rego.v1

# Tests bind their inputs to locals: regorus does not see rules of this package inside `with`.

trail(key) := {"logging": {"trails": [{
	"arn": "arn:aws:cloudtrail:us-east-1:111122223333:trail/main",
	"account_id": "111122223333",
	"region": "us-east-1",
	"name": "main",
	"is_multi_region": true,
	"log_file_validation": true,
	"kms_key_id": key,
	"s3_bucket": "org-cloudtrail-logs",
	"is_logging": true,
}]}}

test_fail_no_kms_key if {
	inp := trail(null)
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:cloudtrail:us-east-1:111122223333:trail/main"
	contains(r.message, "main")
	contains(r.message, "delivered to S3 bucket org-cloudtrail-logs")
}

test_fail_kms_key_field_absent if {
	inp := {"logging": {"trails": [{
		"arn": "arn:aws:cloudtrail:us-east-1:111122223333:trail/main",
		"account_id": "111122223333",
		"region": "us-east-1",
		"name": "main",
	}]}}
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	endswith(r.message, "does not encrypt its log files with a KMS key")
}

test_pass_kms_key_set if {
	inp := trail("arn:aws:kms:us-east-1:111122223333:key/1234abcd")
	count(policy.deny) == 0 with input as inp
	"arn:aws:cloudtrail:us-east-1:111122223333:trail/main" in policy.checked with input as inp
}
