package palisade.iam.password_policy_weak_test

import data.palisade.iam.password_policy_weak as policy
import rego.v1

# Tests bind their inputs to locals: regorus does not see rules of this package inside `with`.

record(p) := {"iam": {"password_policies": [{"account_id": "111122223333", "policy": p}]}}

strong(overrides) := object.union(
	{
		"minimum_password_length": 14,
		"require_symbols": true,
		"require_numbers": true,
		"require_uppercase_characters": true,
		"require_lowercase_characters": true,
		"allow_users_to_change_password": true,
		"max_password_age": 90,
		"password_reuse_prevention": 24,
		"hard_expiry": false,
	},
	overrides,
)

test_fail_no_password_policy if {
	inp := record(null)
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:iam::111122223333:root"
	contains(r.message, "no IAM password policy")
}

test_fail_policy_field_absent if {
	inp := {"iam": {"password_policies": [{"account_id": "111122223333"}]}}
	count(policy.deny) == 1 with input as inp
}

test_fail_short_minimum_length if {
	inp := record(strong({"minimum_password_length": 8}))
	some r in policy.deny with input as inp
	contains(r.message, "minimum length is 8")
	r.evidence.weaknesses == ["minimum length is 8 (at least 12 required)"]
}

test_fail_every_weakness_is_listed if {
	inp := record({
		"minimum_password_length": 6,
		"require_numbers": false,
		"require_uppercase_characters": false,
		"require_lowercase_characters": false,
		"max_password_age": null,
		"password_reuse_prevention": null,
	})
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	count(r.evidence.weaknesses) == 5
	contains(r.message, "minimum length is 6")
	contains(r.message, "password reuse is not restricted")
	contains(r.message, "passwords never expire")
	contains(r.message, "numbers are not required")
	contains(r.message, "letters are not required")
}

test_fail_reuse_prevention_too_small if {
	inp := record(strong({"password_reuse_prevention": 3}))
	some r in policy.deny with input as inp
	contains(r.message, "remembers only 3 passwords")
}

test_fail_max_age_too_long if {
	inp := record(strong({"max_password_age": 365}))
	some r in policy.deny with input as inp
	contains(r.message, "expire after 365 days")
}

test_fail_missing_optional_fields_are_weak if {
	# Optional fields absent from the JSON: no reuse prevention, no expiry, nothing required.
	inp := record({"minimum_password_length": 12})
	some r in policy.deny with input as inp
	count(r.evidence.weaknesses) == 4
}

test_pass_strong_policy if {
	inp := record(strong({}))
	count(policy.deny) == 0 with input as inp
	"arn:aws:iam::111122223333:root" in policy.checked with input as inp
}

test_pass_exact_minimums_with_lowercase_letters_only if {
	inp := record(strong({
		"minimum_password_length": 12,
		"password_reuse_prevention": 4,
		"max_password_age": 90,
		"require_uppercase_characters": false,
		"require_symbols": false,
	}))
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 1 with input as inp
}
