package palisade.secretsmanager.secret_policy_open_to_any_principal_test

import data.palisade.secretsmanager.secret_policy_open_to_any_principal as policy
import rego.v1

arn := "arn:aws:secretsmanager:us-east-1:111122223333:secret:partner-api-AbCdEf"

secret(p) := {"storage": {"secrets": [{
	"arn": arn,
	"account_id": "111122223333",
	"region": "us-east-1",
	"name": "partner-api",
	"policy": p,
}]}}

open_policy := {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "secretsmanager:GetSecretValue", "Resource": "*"}]}

test_fail_open_to_anyone if {
	inp := secret(open_policy)
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	startswith(r.message, "Secrets Manager secret partner-api in us-east-1 (account 111122223333): resource policy ")
	contains(r.message, `allows Action "secretsmanager:GetSecretValue" to any principal`)
}

test_pass_named_principal if {
	inp := secret({"Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:role/app"}, "Action": "secretsmanager:GetSecretValue", "Resource": "*"}]})
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_pass_org_condition if {
	inp := secret({"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "secretsmanager:GetSecretValue", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc"}}}]})
	count(policy.deny) == 0 with input as inp
}

test_pass_no_policy if {
	inp := secret(null)
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}
