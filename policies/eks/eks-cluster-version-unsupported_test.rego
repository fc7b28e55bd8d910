package palisade.eks.cluster_version_unsupported_test

import data.palisade.eks.cluster_version_unsupported as policy
import rego.v1

arn := "arn:aws:eks:us-east-1:111122223333:cluster/prod"

cluster(version, at) := {"collected_at": at, "compute": {"eks_clusters": [{
	"arn": arn, "account_id": "111122223333", "region": "us-east-1", "name": "prod",
	"version": version,
}]}}

test_fail_out_of_support if {
	inp := cluster("1.29", "2026-12-01T00:00:00Z")
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.message == "EKS cluster prod in us-east-1 (account 111122223333) runs Kubernetes 1.29, out of standard support since 2025-03-23"
}

test_fail_ancient if {
	inp := cluster("1.21", "2026-12-01T00:00:00Z")
	some r in policy.deny with input as inp
	endswith(r.message, "since before 2023")
}

test_pass_last_day if {
	count(policy.deny) == 0 with input as cluster("1.33", "2026-07-29T12:00:00Z")
}

test_pass_current if {
	inp := cluster("1.34", "2026-12-01T00:00:00Z")
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}
