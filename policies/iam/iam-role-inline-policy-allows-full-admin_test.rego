package palisade.iam.role_inline_policy_allows_full_admin_test

import data.palisade.iam.role_inline_policy_allows_full_admin as policy
import rego.v1

# Tests bind their inputs to locals: regorus does not see rules of this package inside `with`.

role(inline, service_linked) := {"iam": {"roles": [{
	"arn": "arn:aws:iam::111122223333:role/deployer",
	"account_id": "111122223333",
	"name": "deployer",
	"created": "2024-01-01T00:00:00Z",
	"trust_policy": {"Statement": [{"Effect": "Allow", "Principal": {"Service": "codebuild.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
	"inline_policies": inline,
	"attached_policies": [],
	"service_linked": service_linked,
}]}}

test_fail_inline_admin if {
	inp := role([{"name": "everything", "document": {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}}], false)
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:iam::111122223333:role/deployer"
	contains(r.message, "deployer")
	contains(r.message, "everything")
	contains(r.message, "with no Condition")
}

test_fail_not_action_statement_object if {
	inp := role([{"name": "poweruser", "document": {"Statement": {"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}}}], false)
	count(policy.deny) == 1 with input as inp
}

test_fail_second_inline_policy_with_condition if {
	inp := role([
		{"name": "read", "document": {"Statement": [{"Effect": "Allow", "Action": ["s3:Get*"], "Resource": "*"}]}},
		{"name": "admin", "document": {"Statement": [{"Effect": "Allow", "Action": "*:*", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}]}},
	], false)
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	contains(r.message, "admin")
	contains(r.message, "Condition on aws:SourceIp")
}

test_pass_scoped_inline_policy if {
	inp := role([{"name": "read", "document": {"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::artifacts/*"}]}}], false)
	count(policy.deny) == 0 with input as inp
	"arn:aws:iam::111122223333:role/deployer" in policy.checked with input as inp
}

test_pass_role_without_inline_policies if {
	inp := role([], false)
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 1 with input as inp
}

test_pass_service_linked_role_is_not_in_scope if {
	inp := role([{"name": "x", "document": {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}}], true)
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 0 with input as inp
}
