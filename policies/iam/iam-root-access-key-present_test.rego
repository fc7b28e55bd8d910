package palisade.iam.root_access_key_present_test

import data.palisade.iam.root_access_key_present as policy
import rego.v1

summary(keys) := {"iam": {"account_summaries": [{
	"account_id": "111122223333",
	"account_mfa_enabled": true,
	"account_access_keys_present": keys,
}]}}

test_fail_root_has_access_key if {
	some r in policy.deny with input as summary(true)
	r.arn == "arn:aws:iam::111122223333:root"
	contains(r.message, "111122223333")
	contains(r.message, "access key")
	count(policy.deny) == 1 with input as summary(true)
}

test_pass_root_without_access_key if {
	count(policy.deny) == 0 with input as summary(false)
	"arn:aws:iam::111122223333:root" in policy.checked with input as summary(false)
}

test_pass_field_missing_means_no_key if {
	inp := {"iam": {"account_summaries": [{"account_id": "111122223333"}]}}
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 1 with input as inp
}

test_fail_only_the_account_with_a_key if {
	inp := {"iam": {"account_summaries": [
		{"account_id": "111122223333", "account_access_keys_present": false},
		{"account_id": "444455556666", "account_access_keys_present": true},
	]}}
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:iam::444455556666:root"
	count(policy.checked) == 2 with input as inp
}
