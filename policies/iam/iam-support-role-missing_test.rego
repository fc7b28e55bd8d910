package palisade.iam.support_role_missing_test

import data.palisade.iam.support_role_missing as policy
import rego.v1

# Tests bind their inputs to locals: regorus does not see rules of this package inside `with`.

inventory(roles) := {
	"accounts": [{"id": "111122223333", "partition": "aws", "regions": ["us-east-1"]}],
	"iam": {"roles": roles},
}

role(account, policy_arn) := {
	"arn": sprintf("arn:aws:iam::%s:role/support", [account]),
	"account_id": account,
	"name": "support",
	"attached_policies": [{"name": "p", "arn": policy_arn}],
}

test_fail_no_roles if {
	inp := inventory([])
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:iam::111122223333:root"
	contains(r.message, "111122223333")
	contains(r.message, "AWSSupportAccess")
}

test_fail_support_role_in_another_account_only if {
	inp := inventory([role("444455556666", "arn:aws:iam::aws:policy/AWSSupportAccess")])
	count(policy.deny) == 1 with input as inp
}

test_fail_similarly_named_policy if {
	inp := inventory([role("111122223333", "arn:aws:iam::111122223333:policy/AWSSupportAccessCopy")])
	count(policy.deny) == 1 with input as inp
}

test_pass_support_role_present if {
	inp := inventory([
		{"arn": "arn:aws:iam::111122223333:role/app", "account_id": "111122223333", "name": "app"},
		role("111122223333", "arn:aws:iam::aws:policy/AWSSupportAccess"),
	])
	count(policy.deny) == 0 with input as inp
	"arn:aws:iam::111122223333:root" in policy.checked with input as inp
}

test_pass_other_partition if {
	inp := inventory([role("111122223333", "arn:aws-us-gov:iam::aws:policy/AWSSupportAccess")])
	count(policy.deny) == 0 with input as inp
}
