package palisade.iam.user_credentials_unused_90_days_test

import data.palisade.iam.user_credentials_unused_90_days as policy
import rego.v1

# Tests bind their inputs to locals: regorus does not see rules of this package inside `with`.

user(f) := {
	"iam": {"users": [{
		"arn": "arn:aws:iam::111122223333:user/bob",
		"account_id": "111122223333",
		"name": "bob",
	}]},
	"facts": {"iam": {"users": {"arn:aws:iam::111122223333:user/bob": f}}},
}

console(age, used) := {
	"console_access": true,
	"mfa_enabled": true,
	"age_days": age,
	"days_since_password_used": used,
	"access_keys": [],
	"days_since_last_activity": used,
}

keys_only(age, keys) := {
	"console_access": false,
	"mfa_enabled": false,
	"age_days": age,
	"days_since_password_used": null,
	"access_keys": keys,
	"days_since_last_activity": null,
}

test_fail_password_unused_for_120_days if {
	inp := user(console(400, 120))
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:iam::111122223333:user/bob"
	contains(r.message, "console password last used 120 days ago")
	contains(r.message, "bob")
}

test_fail_password_never_used_on_old_user if {
	inp := user(console(200, null))
	some r in policy.deny with input as inp
	contains(r.message, "console password never used")
	contains(r.message, "200 days")
}

test_pass_password_never_used_on_new_user if {
	inp := user(console(10, null))
	count(policy.deny) == 0 with input as inp
	"arn:aws:iam::111122223333:user/bob" in policy.checked with input as inp
}

test_pass_password_used_recently if {
	inp := user(console(400, 90))
	count(policy.deny) == 0 with input as inp
	"arn:aws:iam::111122223333:user/bob" in policy.checked with input as inp
}

test_fail_active_key_unused if {
	inp := user(keys_only(400, [{"id": "AKIASTALE", "active": true, "age_days": 300, "days_since_used": 95}]))
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	contains(r.message, "access key AKIASTALE last used 95 days ago")
}

test_fail_active_key_never_used_and_old if {
	inp := user(keys_only(400, [{"id": "AKIANEVER", "active": true, "age_days": 91, "days_since_used": null}]))
	some r in policy.deny with input as inp
	contains(r.message, "access key AKIANEVER never used and created 91 days ago")
}

test_fail_password_and_key_both_reported if {
	f := object.union(console(400, 100), {"access_keys": [{"id": "AKIA1", "active": true, "age_days": 300, "days_since_used": 200}]})
	inp := user(f)
	count(policy.deny) == 2 with input as inp
}

test_pass_new_unused_key_and_stale_inactive_key if {
	inp := user(keys_only(400, [
		{"id": "AKIANEW", "active": true, "age_days": 5, "days_since_used": null},
		{"id": "AKIAOFF", "active": false, "age_days": 500, "days_since_used": 400},
	]))
	count(policy.deny) == 0 with input as inp
	"arn:aws:iam::111122223333:user/bob" in policy.checked with input as inp
}

test_pass_user_without_credentials_is_not_in_scope if {
	inp := user(keys_only(400, [{"id": "AKIAOFF", "active": false, "age_days": 500, "days_since_used": null}]))
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 0 with input as inp
}

# --unused-days moves the limit.
with_limit(inp, days) := object.union(inp, {"facts": object.union(inp.facts, {"settings": {"unused_days": days}})})

test_fail_configured_limit_is_shorter if {
	inp := with_limit(user(console(400, 45)), 30)
	some r in policy.deny with input as inp
	contains(r.message, "limit 30 days")
}

test_pass_configured_limit_is_longer if {
	inp := with_limit(user(console(400, 120)), 180)
	count(policy.deny) == 0 with input as inp
}
