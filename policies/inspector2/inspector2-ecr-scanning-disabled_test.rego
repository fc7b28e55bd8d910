package palisade.inspector2.ecr_scanning_disabled_test

import data.palisade.inspector2.ecr_scanning_disabled as policy
import rego.v1

arn := "arn:aws:inspector2:eu-west-1:111122223333:status"

inventory(ecr, repo_region) := {
	"logging": {"inspector2": [{
		"arn": arn, "account_id": "111122223333", "region": "eu-west-1", "status": "ENABLED",
		"resources": {"ec2": "ENABLED", "ecr": ecr},
	}]},
	"compute": {"ecr_repositories": [{"name": "payments-api", "account_id": "111122223333", "region": repo_region}]},
}

test_fail_ecr_scanning_disabled if {
	inp := inventory("DISABLED", "eu-west-1")
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	r.message == "Amazon Inspector does not scan ECR repositories in eu-west-1 (account 111122223333): ECR scanning is DISABLED, and the region has 1 (payments-api)"
}

test_pass_ecr_scanned if {
	inp := inventory("ENABLED", "eu-west-1")
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_pass_no_repositories_in_region if {
	inp := inventory("DISABLED", "us-east-1")
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}
