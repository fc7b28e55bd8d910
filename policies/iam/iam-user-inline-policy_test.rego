package palisade.iam.user_inline_policy_test

import data.palisade.iam.user_inline_policy as policy
import rego.v1

# Tests bind their inputs to locals: regorus does not see rules of this package inside `with`.

user(inline) := {"iam": {"users": [{
	"arn": "arn:aws:iam::111122223333:user/carol",
	"account_id": "111122223333",
	"name": "carol",
	"inline_policies": inline,
	"attached_policies": [],
	"groups": ["developers"],
}]}}

test_fail_user_with_inline_policies if {
	inp := user([
		{"name": "s3-access", "document": {"Statement": []}},
		{"name": "ec2-access", "document": {"Statement": []}},
	])
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:iam::111122223333:user/carol"
	contains(r.message, "carol")
	contains(r.message, "has inline policies: s3-access, ec2-access")
}

test_pass_user_without_inline_policies if {
	inp := user([])
	count(policy.deny) == 0 with input as inp
	"arn:aws:iam::111122223333:user/carol" in policy.checked with input as inp
}

test_pass_inline_policies_field_absent if {
	inp := {"iam": {"users": [{"arn": "arn:aws:iam::111122223333:user/dave", "account_id": "111122223333", "name": "dave"}]}}
	count(policy.deny) == 0 with input as inp
	"arn:aws:iam::111122223333:user/dave" in policy.checked with input as inp
}
