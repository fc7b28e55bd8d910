package palisade.eks.cluster_endpoint_open_to_internet_test

import data.palisade.eks.cluster_endpoint_open_to_internet as policy
import rego.v1

arn := "arn:aws:eks:us-east-1:111122223333:cluster/prod"

cluster(public, cidrs) := {"compute": {"eks_clusters": [{
	"arn": arn, "account_id": "111122223333", "region": "us-east-1", "name": "prod",
	"endpoint_public_access": public, "endpoint_private_access": true, "public_access_cidrs": cidrs,
}]}}

test_fail_open_to_world if {
	inp := cluster(true, ["0.0.0.0/0"])
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	r.message == "EKS cluster prod in us-east-1 (account 111122223333): the Kubernetes API endpoint is public and accepts 0.0.0.0/0, so it is reachable from the whole internet"
}

test_fail_empty_list_means_anyone if {
	count(policy.deny) == 1 with input as cluster(true, [])
}

test_pass_named_cidrs if {
	inp := cluster(true, ["203.0.113.0/24"])
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_pass_private_only if {
	count(policy.deny) == 0 with input as cluster(false, ["0.0.0.0/0"])
}
