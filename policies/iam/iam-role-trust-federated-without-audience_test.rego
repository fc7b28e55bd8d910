package palisade.iam.role_trust_federated_without_audience_test

import data.palisade.iam.role_trust_federated_without_audience as policy
import rego.v1

# Tests bind their inputs to locals: regorus does not see rules of this package inside `with`.

role(statements) := {"iam": {"roles": [{
	"arn": "arn:aws:iam::111122223333:role/deploy",
	"account_id": "111122223333",
	"name": "deploy",
	"created": "2024-01-01T00:00:00Z",
	"trust_policy": {"Version": "2012-10-17", "Statement": statements},
	"service_linked": false,
}]}}

github := "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"

web_identity(principal, condition) := {
	"Effect": "Allow",
	"Principal": {"Federated": principal},
	"Action": "sts:AssumeRoleWithWebIdentity",
	"Condition": condition,
}

test_fail_github_without_any_condition if {
	inp := role([{"Effect": "Allow", "Principal": {"Federated": github}, "Action": "sts:AssumeRoleWithWebIdentity"}])
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:iam::111122223333:role/deploy"
	r.message == "Role deploy (account 111122223333) trust policy statement #1 lets federated principal arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com assume it (sts:AssumeRoleWithWebIdentity) with no condition on token.actions.githubusercontent.com:aud (tokens GitHub issues for any audience are accepted); nor on token.actions.githubusercontent.com:sub (any GitHub Actions workflow of any repository can assume the role)"
	r.evidence.missing_condition_keys == ["token.actions.githubusercontent.com:aud", "token.actions.githubusercontent.com:sub"]
}

test_fail_github_audience_without_subject if {
	inp := role([web_identity(github, {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}})])
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	endswith(r.message, "with no condition on token.actions.githubusercontent.com:sub (any GitHub Actions workflow of any repository can assume the role)")
	r.evidence.missing_condition_keys == ["token.actions.githubusercontent.com:sub"]
}

test_fail_github_subject_wildcard_only_and_null_test if {
	inp := role([web_identity(github, {
		"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"},
		"StringLike": {"token.actions.githubusercontent.com:sub": "*"},
		"Null": {"token.actions.githubusercontent.com:sub": "false"},
	})])
	some r in policy.deny with input as inp
	r.evidence.missing_condition_keys == ["token.actions.githubusercontent.com:sub"]
}

test_fail_github_subject_negated if {
	inp := role([web_identity(github, {
		"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"},
		"StringNotLike": {"token.actions.githubusercontent.com:sub": "repo:evil/*"},
	})])
	count(policy.deny) == 1 with input as inp
}

test_fail_cognito_without_audience if {
	inp := role([{
		"Sid": "Cognito",
		"Effect": "Allow",
		"Principal": {"Federated": "cognito-identity.amazonaws.com"},
		"Action": "sts:*",
		"Condition": {"ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"}},
	}])
	some r in policy.deny with input as inp
	contains(r.message, `trust policy statement "Cognito" lets federated principal cognito-identity.amazonaws.com assume it`)
	contains(r.message, "no condition on cognito-identity.amazonaws.com:aud (identities of any Cognito identity pool, in any AWS account, can assume the role)")
}

test_fail_eks_oidc_with_subject_only if {
	eks := "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789"
	inp := role([web_identity(eks, {"StringEquals": {"oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789:sub": "system:serviceaccount:app:api"}})])
	some r in policy.deny with input as inp
	r.evidence.missing_condition_keys == ["oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789:aud"]
}

test_fail_saml_without_audience_with_star_action if {
	inp := role([{
		"Effect": "Allow",
		"Principal": {"Federated": ["arn:aws:iam::111122223333:saml-provider/Okta"]},
		"Action": "*",
	}])
	some r in policy.deny with input as inp
	contains(r.message, "assume it (sts:AssumeRoleWithSAML) with no condition on SAML:aud")
}

test_fail_facebook_uses_app_id if {
	inp := role([web_identity("graph.facebook.com", {"StringEquals": {"graph.facebook.com:id": "123"}})])
	some r in policy.deny with input as inp
	r.evidence.missing_condition_keys == ["graph.facebook.com:app_id"]
}

test_pass_github_with_audience_and_subject if {
	inp := role([web_identity(github, {
		"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"},
		"StringLike": {"token.actions.githubusercontent.com:sub": ["repo:acme/api:ref:refs/heads/main", "repo:acme/api:environment:prod"]},
	})])
	count(policy.deny) == 0 with input as inp
	"arn:aws:iam::111122223333:role/deploy" in policy.checked with input as inp
}

test_pass_condition_keys_and_operators_are_case_insensitive if {
	inp := role([
		web_identity(github, {"stringequals": {"Token.Actions.GithubUserContent.com:AUD": "sts.amazonaws.com", "token.actions.githubusercontent.com:SUB": "repo:acme/api:*"}}),
		web_identity("cognito-identity.amazonaws.com", {"StringEquals": {"Cognito-Identity.amazonaws.com:aud": "eu-west-1:0000-1111"}}),
	])
	count(policy.deny) == 0 with input as inp
}

test_pass_saml_and_google_with_audience if {
	inp := role([
		{
			"Effect": "Allow",
			"Principal": {"Federated": "arn:aws:iam::111122223333:saml-provider/Okta"},
			"Action": ["sts:AssumeRoleWithSAML", "sts:TagSession"],
			"Condition": {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}},
		},
		web_identity("accounts.google.com", {"StringEquals": {"accounts.google.com:aud": "1234.apps.googleusercontent.com"}}),
	])
	count(policy.deny) == 0 with input as inp
}

test_pass_github_enterprise_issuer_with_conditions if {
	ghe := "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com/acme"
	inp := role([web_identity(ghe, {"StringEquals": {
		"token.actions.githubusercontent.com/acme:aud": "sts.amazonaws.com",
		"token.actions.githubusercontent.com/acme:sub": "repo:acme/api:ref:refs/heads/main",
	}})])
	count(policy.deny) == 0 with input as inp
}

test_pass_non_federated_and_deny_and_wrong_action if {
	inp := role([
		{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"},
		{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole"},
		{"Effect": "Deny", "Principal": {"Federated": github}, "Action": "sts:AssumeRoleWithWebIdentity"},
		{"Effect": "Allow", "Principal": {"Federated": github}, "Action": "sts:TagSession"},
		{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:saml-provider/Okta"}, "Action": "sts:AssumeRoleWithWebIdentity"},
	])
	count(policy.deny) == 0 with input as inp
}

test_pass_malformed_trust_policy if {
	inp := {"iam": {"roles": [{"arn": "arn:aws:iam::111122223333:role/deploy", "account_id": "111122223333", "name": "deploy", "trust_policy": null}]}}
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 1 with input as inp
}

test_pass_service_linked_role_is_not_in_scope if {
	inp := {"iam": {"roles": [{
		"arn": "arn:aws:iam::111122223333:role/aws-service-role/x",
		"account_id": "111122223333",
		"name": "x",
		"trust_policy": {"Statement": [{"Effect": "Allow", "Principal": {"Federated": github}, "Action": "sts:AssumeRoleWithWebIdentity"}]},
		"service_linked": true,
	}]}}
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 0 with input as inp
}
