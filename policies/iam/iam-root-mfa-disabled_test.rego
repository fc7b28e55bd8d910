package palisade.iam.root_mfa_disabled_test

import data.palisade.iam.root_mfa_disabled as policy
import rego.v1

summary(mfa) := {"iam": {"account_summaries": [{
	"account_id": "111122223333",
	"account_mfa_enabled": mfa,
	"account_access_keys_present": false,
}]}}

test_fail_root_without_mfa if {
	count(policy.deny) == 1 with input as summary(false)
	some r in policy.deny with input as summary(false)
	r.arn == "arn:aws:iam::111122223333:root"
	contains(r.message, "no MFA")
	contains(r.message, "111122223333")
}

test_fail_missing_field_means_no_mfa if {
	count(policy.deny) == 1 with input as {"iam": {"account_summaries": [{"account_id": "111122223333"}]}}
}

test_pass_root_with_mfa if {
	count(policy.deny) == 0 with input as summary(true)
	"arn:aws:iam::111122223333:root" in policy.checked with input as summary(true)
}
