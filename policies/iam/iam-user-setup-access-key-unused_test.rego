package palisade.iam.user_setup_access_key_unused_test

import data.palisade.iam.user_setup_access_key_unused as policy
import rego.v1

# Tests bind their inputs to locals: regorus does not see rules of this package inside `with`.

arn := "arn:aws:iam::111122223333:user/dlee"

user(console, key) := {"iam": {"users": [object.union(
	{
		"arn": arn,
		"account_id": "111122223333",
		"name": "dlee",
		"created": "2025-04-01T09:00:00Z",
		"access_keys": [object.union({"id": "AKIAEXAMPLE0001", "status": "Active", "created": "2025-04-01T09:00:40Z"}, key)],
	},
	console,
)]}}

with_password := {"login_profile": {"created": "2025-04-01T09:00:00Z", "password_reset_required": false}}

test_fail_key_made_at_setup_never_used if {
	inp := user(with_password, {})
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	r.message == "IAM user dlee (account 111122223333) signs in to the console and has access key AKIAEXAMPLE0001, created with the user on 2025-04-01T09:00:00Z and never used"
}

test_pass_key_used if {
	inp := user(with_password, {"last_used": "2025-05-01T00:00:00Z"})
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_pass_key_created_later if {
	inp := user(with_password, {"created": "2025-06-01T09:00:00Z"})
	count(policy.deny) == 0 with input as inp
}

test_pass_key_inactive if {
	inp := user(with_password, {"status": "Inactive"})
	count(policy.deny) == 0 with input as inp
}

test_pass_programmatic_user if {
	inp := user({}, {})
	count(policy.deny) == 0 with input as inp
}
