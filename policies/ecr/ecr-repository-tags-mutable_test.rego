package palisade.ecr.repository_tags_mutable_test

import data.palisade.ecr.repository_tags_mutable as policy
import rego.v1

arn := "arn:aws:ecr:us-east-1:111122223333:repository/payments-api"

repo(m) := {"compute": {"ecr_repositories": [{
	"arn": arn, "account_id": "111122223333", "region": "us-east-1", "name": "payments-api",
	"image_tag_mutability": m,
}]}}

test_fail_mutable if {
	inp := repo("MUTABLE")
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.message == "ECR repository payments-api in us-east-1 (account 111122223333) has image tag mutability MUTABLE: a push can replace the image behind an existing tag"
}

test_fail_mutable_with_exclusion if {
	count(policy.deny) == 1 with input as repo("MUTABLE_WITH_EXCLUSION")
}

test_pass_immutable if {
	inp := repo("IMMUTABLE")
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
	count(policy.deny) == 0 with input as repo("IMMUTABLE_WITH_EXCLUSION")
}

# Unknown mutability (AWS did not say): neither judged nor an evaluation error.
test_pass_unknown_mutability_is_not_judged if {
	inp := repo(null)
	count(policy.deny) == 0 with input as inp
	not arn in policy.checked with input as inp
}
