package palisade.cloudwatch.log_group_not_kms_encrypted_test

import data.palisade.cloudwatch.log_group_not_kms_encrypted as policy
import rego.v1

group(fields) := {"logging": {"log_groups": [object.union({
	"arn": "arn:aws:logs:us-east-1:111122223333:log-group:app",
	"account_id": "111122223333",
	"region": "us-east-1",
	"name": "app",
	"kms_key_id": null,
	"retention_days": 365,
	"metric_filters": [],
}, fields)]}}

test_fail_no_key if {
	inp := group({})
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:logs:us-east-1:111122223333:log-group:app"
	contains(r.message, "CloudWatch Logs log group app in us-east-1 (account 111122223333) has no KMS key")
}

test_fail_blank_key if {
	count(policy.deny) == 1 with input as group({"kms_key_id": " "})
}

test_pass_kms_key if {
	inp := group({"kms_key_id": "arn:aws:kms:us-east-1:111122223333:key/1234"})
	count(policy.deny) == 0 with input as inp
	policy.checked == {"arn:aws:logs:us-east-1:111122223333:log-group:app"} with input as inp
}
