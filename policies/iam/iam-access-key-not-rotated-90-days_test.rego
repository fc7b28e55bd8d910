package palisade.iam.access_key_not_rotated_90_days_test

import data.palisade.iam.access_key_not_rotated_90_days as policy
import rego.v1

# Tests bind their inputs to locals: regorus does not see rules of this package inside `with`.

with_keys(keys) := {
	"iam": {"users": [{
		"arn": "arn:aws:iam::111122223333:user/ci",
		"account_id": "111122223333",
		"name": "ci",
		"access_keys": [{"id": k.id, "status": "Active", "created": "2024-01-01T00:00:00Z"} | some k in keys],
	}]},
	"facts": {"iam": {"users": {"arn:aws:iam::111122223333:user/ci": {
		"console_access": false,
		"mfa_enabled": false,
		"age_days": 400,
		"days_since_password_used": null,
		"access_keys": keys,
		"days_since_last_activity": 1,
	}}}},
}

test_fail_active_key_older_than_90_days if {
	inp := with_keys([{"id": "AKIAOLD", "active": true, "age_days": 120, "days_since_used": 1}])
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:iam::111122223333:user/ci"
	contains(r.message, "AKIAOLD")
	contains(r.message, "120 days")
}

test_fail_one_message_per_old_key if {
	inp := with_keys([
		{"id": "AKIA1", "active": true, "age_days": 91, "days_since_used": null},
		{"id": "AKIA2", "active": true, "age_days": 300, "days_since_used": 2},
	])
	count(policy.deny) == 2 with input as inp
}

test_pass_key_exactly_90_days_old if {
	inp := with_keys([{"id": "AKIA90", "active": true, "age_days": 90, "days_since_used": 1}])
	count(policy.deny) == 0 with input as inp
	"arn:aws:iam::111122223333:user/ci" in policy.checked with input as inp
}

test_pass_old_inactive_key_is_ignored if {
	inp := with_keys([
		{"id": "AKIAOLD", "active": false, "age_days": 500, "days_since_used": null},
		{"id": "AKIANEW", "active": true, "age_days": 10, "days_since_used": 1},
	])
	count(policy.deny) == 0 with input as inp
	"arn:aws:iam::111122223333:user/ci" in policy.checked with input as inp
}

test_pass_user_without_active_keys_is_not_in_scope if {
	inp := with_keys([{"id": "AKIAOLD", "active": false, "age_days": 500, "days_since_used": null}])
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 0 with input as inp
}
