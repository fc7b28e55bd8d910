package palisade.iam.role_trust_any_principal_test

import data.palisade.iam.role_trust_any_principal as policy
import rego.v1

# Tests bind their inputs to locals: regorus does not see rules of this package inside `with`.

role(trust) := {"iam": {"roles": [{
	"arn": "arn:aws:iam::111122223333:role/shared",
	"account_id": "111122223333",
	"name": "shared",
	"created": "2024-01-01T00:00:00Z",
	"trust_policy": trust,
	"inline_policies": [],
	"attached_policies": [],
	"service_linked": false,
}]}}

test_fail_principal_star if {
	inp := role({"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole"}]})
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:iam::111122223333:role/shared"
	contains(r.message, "shared")
	contains(r.message, "any AWS principal")
}

test_fail_aws_star_in_array_statement_object if {
	inp := role({"Statement": {"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::111122223333:root", "*"]}, "Action": ["sts:AssumeRole", "sts:TagSession"]}})
	count(policy.deny) == 1 with input as inp
}

test_fail_aws_star_string_with_wildcard_action if {
	inp := role({"Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:*"}]})
	count(policy.deny) == 1 with input as inp
}

test_fail_any_action if {
	inp := role({"Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "*"}]})
	count(policy.deny) == 1 with input as inp
}

test_fail_web_identity_action if {
	inp := role({"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {}}]})
	count(policy.deny) == 1 with input as inp
}

test_pass_principal_star_with_condition if {
	inp := role({"Statement": [{
		"Effect": "Allow",
		"Principal": {"AWS": "*"},
		"Action": "sts:AssumeRole",
		"Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}},
	}]})
	count(policy.deny) == 0 with input as inp
	"arn:aws:iam::111122223333:role/shared" in policy.checked with input as inp
}

test_pass_named_principals if {
	inp := role({"Statement": [
		{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"},
		{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "sts:AssumeRole"},
	]})
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 1 with input as inp
}

test_pass_deny_statement_and_tag_session_only if {
	inp := role({"Statement": [
		{"Effect": "Deny", "Principal": "*", "Action": "sts:AssumeRole"},
		{"Effect": "Allow", "Principal": "*", "Action": "sts:TagSession"},
	]})
	count(policy.deny) == 0 with input as inp
}
