package palisade.iam.role_cross_account_trust_without_external_id_test

import data.palisade.iam.role_cross_account_trust_without_external_id as policy
import rego.v1

# Tests bind their inputs to locals: regorus does not see rules of this package inside `with`.

role(statements) := {"iam": {"roles": [{
	"arn": "arn:aws:iam::111122223333:role/vendor-access",
	"account_id": "111122223333",
	"name": "vendor-access",
	"created": "2024-01-01T00:00:00Z",
	"trust_policy": {"Version": "2012-10-17", "Statement": statements},
	"service_linked": false,
}]}}

test_fail_foreign_account_root_arn_without_condition if {
	inp := role([{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "sts:AssumeRole"}])
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:iam::111122223333:role/vendor-access"
	contains(r.message, "vendor-access")
	contains(r.message, "arn:aws:iam::444455556666:root")
	contains(r.message, "with no Condition")
	r.evidence.foreign_principals == ["arn:aws:iam::444455556666:root"]
}

test_fail_bare_account_id_in_array if {
	inp := role([{"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::111122223333:role/admin", "444455556666"]}, "Action": "sts:AssumeRole"}])
	some r in policy.deny with input as inp
	r.evidence.foreign_principals == ["444455556666"]
}

test_fail_condition_on_other_keys_only if {
	inp := role([{
		"Effect": "Allow",
		"Principal": {"AWS": "arn:aws:iam::444455556666:role/deployer"},
		"Action": "sts:AssumeRole",
		"Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}},
	}])
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	contains(r.message, "aws:MultiFactorAuthPresent")
}

test_fail_statement_as_object if {
	inp := {"iam": {"roles": [{
		"arn": "arn:aws:iam::111122223333:role/vendor-access",
		"account_id": "111122223333",
		"name": "vendor-access",
		"trust_policy": {"Statement": {"Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": "sts:AssumeRole"}},
	}]}}
	count(policy.deny) == 1 with input as inp
}

test_pass_external_id_condition if {
	inp := role([{
		"Effect": "Allow",
		"Principal": {"AWS": "arn:aws:iam::444455556666:root"},
		"Action": "sts:AssumeRole",
		"Condition": {"StringEquals": {"sts:ExternalId": "s3cr3t"}},
	}])
	count(policy.deny) == 0 with input as inp
	"arn:aws:iam::111122223333:role/vendor-access" in policy.checked with input as inp
}

test_pass_org_condition_keys_case_insensitive if {
	inp := role([
		{
			"Effect": "Allow",
			"Principal": {"AWS": "arn:aws:iam::444455556666:root"},
			"Action": "sts:AssumeRole",
			"Condition": {"StringEquals": {"AWS:PrincipalOrgId": "o-abc123"}},
		},
		{
			"Effect": "Allow",
			"Principal": {"AWS": "arn:aws:iam::777788889999:root"},
			"Action": "sts:AssumeRole",
			"Condition": {"ForAnyValue:StringLike": {"aws:principalorgpaths": "o-abc123/r-ab12/*"}},
		},
		{
			"Effect": "Allow",
			"Principal": {"AWS": "arn:aws:iam::777788889999:root"},
			"Action": "sts:AssumeRole",
			"Condition": {"ArnEquals": {"aws:PrincipalArn": "arn:aws:iam::777788889999:role/ci"}},
		},
	])
	count(policy.deny) == 0 with input as inp
}

test_pass_same_account_service_and_federated_principals if {
	inp := role([
		{"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::111122223333:root", "111122223333"]}, "Action": "sts:AssumeRole"},
		{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"},
		{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:saml-provider/okta"}, "Action": "sts:AssumeRoleWithSAML"},
		{"Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"}, "Action": "sts:AssumeRoleWithWebIdentity"},
	])
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 1 with input as inp
}

test_pass_deny_statement_for_foreign_account if {
	inp := role([{"Effect": "Deny", "Principal": {"AWS": "444455556666"}, "Action": "sts:AssumeRole"}])
	count(policy.deny) == 0 with input as inp
}
