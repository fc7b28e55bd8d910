package palisade.iam.user_console_without_mfa_test

import data.palisade.iam.user_console_without_mfa as policy
import rego.v1

# Tests bind their inputs to locals: regorus does not see rules of this package inside `with`.

user(login, mfa) := {"iam": {"users": [{
	"arn": "arn:aws:iam::111122223333:user/alice",
	"account_id": "111122223333",
	"name": "alice",
	"created": "2024-01-01T00:00:00Z",
	"login_profile": login,
	"mfa_devices": mfa,
	"access_keys": [],
}]}}

test_fail_console_user_without_mfa if {
	inp := user({"created": "2024-01-01T00:00:00Z", "password_reset_required": false}, [])
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:iam::111122223333:user/alice"
	contains(r.message, "alice")
	contains(r.message, "no MFA")
}

test_fail_mfa_devices_field_missing if {
	inp := {"iam": {"users": [{
		"arn": "arn:aws:iam::111122223333:user/alice",
		"account_id": "111122223333",
		"name": "alice",
		"login_profile": {"created": "2024-01-01T00:00:00Z"},
	}]}}
	count(policy.deny) == 1 with input as inp
}

test_pass_console_user_with_mfa if {
	inp := user(
		{"created": "2024-01-01T00:00:00Z", "password_reset_required": false},
		[{"serial_number": "arn:aws:iam::111122223333:mfa/alice", "kind": "virtual"}],
	)
	count(policy.deny) == 0 with input as inp
	"arn:aws:iam::111122223333:user/alice" in policy.checked with input as inp
}

test_pass_programmatic_only_user_is_not_in_scope if {
	inp := user(null, [])
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 0 with input as inp
}

test_pass_login_profile_field_absent_is_not_in_scope if {
	inp := {"iam": {"users": [{"arn": "arn:aws:iam::111122223333:user/bob", "account_id": "111122223333", "name": "bob"}]}}
	count(policy.checked) == 0 with input as inp
}
