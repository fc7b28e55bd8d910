package palisade.ecr.repository_no_lifecycle_policy_test

import data.palisade.ecr.repository_no_lifecycle_policy as policy
import rego.v1

arn := "arn:aws:ecr:us-east-1:111122223333:repository/payments-api"

repo(has) := {"compute": {"ecr_repositories": [{
	"arn": arn, "account_id": "111122223333", "region": "us-east-1", "name": "payments-api",
	"has_lifecycle_policy": has,
}]}}

test_fail_none if {
	inp := repo(false)
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.message == "ECR repository payments-api in us-east-1 (account 111122223333) has no lifecycle policy: old and untagged images are kept forever"
}

test_pass_has_one if {
	inp := repo(true)
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_unread_not_checked if {
	count(policy.checked) == 0 with input as repo(null)
}
