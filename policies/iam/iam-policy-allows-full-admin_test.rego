package palisade.iam.policy_allows_full_admin_test

import data.palisade.iam.policy_allows_full_admin as policy
import rego.v1

# Tests bind their inputs to locals: regorus does not see rules of this package inside `with`.

managed(doc, aws_managed) := {"iam": {"policies": [{
	"arn": "arn:aws:iam::111122223333:policy/ops",
	"account_id": "111122223333",
	"name": "ops",
	"aws_managed": aws_managed,
	"default_version_id": "v3",
	"document": doc,
	"attachment_count": 2,
}]}}

test_fail_star_action_on_star_resource if {
	inp := managed({"Version": "2012-10-17", "Statement": [{"Sid": "All", "Effect": "Allow", "Action": "*", "Resource": "*"}]}, false)
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:iam::111122223333:policy/ops"
	contains(r.message, "ops")
	contains(r.message, `statement "All"`)
	contains(r.message, "with no Condition")
}

test_fail_statement_object_and_star_colon_star_in_array if {
	inp := managed({"Statement": {"Effect": "Allow", "Action": ["s3:GetObject", "*:*"], "Resource": ["*"]}}, false)
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	contains(r.message, "statement #1")
}

test_fail_not_action_on_all_resources if {
	inp := managed({"Statement": [{"Effect": "Allow", "NotAction": ["iam:*", "organizations:*"], "Resource": "*"}]}, false)
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	contains(r.message, "NotAction")
}

test_fail_condition_is_mentioned if {
	inp := managed({"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}]}, false)
	some r in policy.deny with input as inp
	contains(r.message, "restricted by a Condition on aws:MultiFactorAuthPresent")
}

test_fail_aws_managed_field_absent_counts_as_customer if {
	inp := {"iam": {"policies": [{
		"arn": "arn:aws:iam::111122223333:policy/ops",
		"account_id": "111122223333",
		"name": "ops",
		"document": {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]},
	}]}}
	count(policy.deny) == 1 with input as inp
}

test_pass_scoped_policy if {
	inp := managed({"Statement": [
		{"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
		{"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::logs/*"},
		{"Effect": "Deny", "Action": "*", "Resource": "*"},
	]}, false)
	count(policy.deny) == 0 with input as inp
	"arn:aws:iam::111122223333:policy/ops" in policy.checked with input as inp
}

test_pass_aws_managed_policy_is_not_in_scope if {
	inp := managed({"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}, true)
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 0 with input as inp
}

test_pass_null_document if {
	inp := managed(null, false)
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 1 with input as inp
}
