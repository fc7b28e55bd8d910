package palisade.iam.user_multiple_active_access_keys_test

import data.palisade.iam.user_multiple_active_access_keys as policy
import rego.v1

# Tests bind their inputs to locals: regorus does not see rules of this package inside `with`.

user(statuses) := {"iam": {"users": [{
	"arn": "arn:aws:iam::111122223333:user/svc",
	"account_id": "111122223333",
	"name": "svc",
	"access_keys": [{"id": sprintf("AKIA%d", [i]), "status": s, "created": "2024-01-01T00:00:00Z"} | some i, s in statuses],
}]}}

test_fail_two_active_keys if {
	inp := user(["Active", "Active"])
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:iam::111122223333:user/svc"
	contains(r.message, "svc")
	contains(r.message, "2 active access keys: AKIA0, AKIA1")
}

test_fail_status_case_insensitive if {
	inp := user(["active", "ACTIVE"])
	count(policy.deny) == 1 with input as inp
}

test_pass_one_active_one_inactive if {
	inp := user(["Active", "Inactive"])
	count(policy.deny) == 0 with input as inp
	"arn:aws:iam::111122223333:user/svc" in policy.checked with input as inp
}

test_pass_no_active_keys_is_not_in_scope if {
	inp := user(["Inactive"])
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 0 with input as inp
}
