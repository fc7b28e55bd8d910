package palisade.iam.role_unused_90_days_test

import data.palisade.iam.role_unused_90_days as policy
import rego.v1

# Tests bind their inputs to locals: regorus does not see rules of this package inside `with`.

role(service_linked, age, used) := {
	"iam": {"roles": [{
		"arn": "arn:aws:iam::111122223333:role/old-batch",
		"account_id": "111122223333",
		"name": "old-batch",
		"created": "2023-01-01T00:00:00Z",
		"trust_policy": {"Statement": []},
		"service_linked": service_linked,
	}]},
	"facts": {"iam": {"roles": {"arn:aws:iam::111122223333:role/old-batch": {"age_days": age, "days_since_used": used}}}},
}

test_fail_last_used_long_ago if {
	inp := role(false, 500, 120)
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:iam::111122223333:role/old-batch"
	contains(r.message, "old-batch")
	contains(r.message, "last used 120 days ago")
}

test_fail_never_used_and_old if {
	inp := role(false, 200, null)
	some r in policy.deny with input as inp
	contains(r.message, "never been used")
	contains(r.message, "200 days ago")
}

test_pass_used_recently if {
	inp := role(false, 500, 3)
	count(policy.deny) == 0 with input as inp
	"arn:aws:iam::111122223333:role/old-batch" in policy.checked with input as inp
}

test_pass_new_role_never_used if {
	inp := role(false, 30, null)
	count(policy.deny) == 0 with input as inp
	"arn:aws:iam::111122223333:role/old-batch" in policy.checked with input as inp
}

test_pass_boundary_90_days if {
	inp := role(false, 90, 90)
	count(policy.deny) == 0 with input as inp
}

test_pass_service_linked_role_is_not_in_scope if {
	inp := role(true, 500, null)
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 0 with input as inp
}

# --unused-days moves the limit.
with_limit(inp, days) := object.union(inp, {"facts": object.union(inp.facts, {"settings": {"unused_days": days}})})

test_fail_configured_limit_is_shorter if {
	inp := with_limit(role(false, 500, 45), 30)
	some r in policy.deny with input as inp
	contains(r.message, "limit 30 days")
}

test_pass_configured_limit_is_longer if {
	inp := with_limit(role(false, 500, 120), 180)
	count(policy.deny) == 0 with input as inp
}
