package palisade.ecr.repository_policy_open_to_any_principal_test

import data.palisade.ecr.repository_policy_open_to_any_principal as policy
import rego.v1

arn := "arn:aws:ecr:us-east-1:111122223333:repository/payments-api"

repo(p) := {"compute": {"ecr_repositories": [{
	"arn": arn, "account_id": "111122223333", "region": "us-east-1", "name": "payments-api",
	"policy": p,
}]}}

test_fail_pull_by_anyone if {
	inp := repo({"Statement": [{"Sid": "pull", "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]}]})
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	startswith(r.message, `ECR repository payments-api in us-east-1 (account 111122223333): repository policy statement "pull" allows Action ["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"] to any principal`)
}

test_pass_org_condition if {
	inp := repo({"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "ecr:BatchGetImage", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc"}}}]})
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_pass_no_policy if {
	count(policy.deny) == 0 with input as repo(null)
}
