package palisade.iam.user_policy_attached_directly_test

import data.palisade.iam.user_policy_attached_directly as policy
import rego.v1

# Tests bind their inputs to locals: regorus does not see rules of this package inside `with`.

user(attached) := {"iam": {"users": [{
	"arn": "arn:aws:iam::111122223333:user/erin",
	"account_id": "111122223333",
	"name": "erin",
	"inline_policies": [],
	"attached_policies": attached,
}]}}

test_fail_user_with_attached_policy if {
	inp := user([{"name": "AdministratorAccess", "arn": "arn:aws:iam::aws:policy/AdministratorAccess"}])
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:iam::111122223333:user/erin"
	contains(r.message, "erin")
	contains(r.message, "AdministratorAccess")
	r.evidence.attached_policies == ["arn:aws:iam::aws:policy/AdministratorAccess"]
}

test_pass_user_without_attached_policies if {
	inp := user([])
	count(policy.deny) == 0 with input as inp
	"arn:aws:iam::111122223333:user/erin" in policy.checked with input as inp
}

test_pass_attached_policies_field_absent if {
	inp := {"iam": {"users": [{"arn": "arn:aws:iam::111122223333:user/frank", "account_id": "111122223333", "name": "frank"}]}}
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 1 with input as inp
}
