package palisade.eks.cluster_secrets_not_encrypted_with_kms_test

import data.palisade.eks.cluster_secrets_not_encrypted_with_kms as policy
import rego.v1

arn := "arn:aws:eks:us-east-1:111122223333:cluster/prod"

cluster(key) := {"compute": {"eks_clusters": [{
	"arn": arn, "account_id": "111122223333", "region": "us-east-1", "name": "prod",
	"secrets_kms_key": key,
}]}}

test_fail_no_key if {
	inp := cluster(null)
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.message == "EKS cluster prod in us-east-1 (account 111122223333) has no KMS key for envelope encryption of Kubernetes secrets"
}

test_pass_key if {
	inp := cluster("arn:aws:kms:us-east-1:111122223333:key/abc")
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}
