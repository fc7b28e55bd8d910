package palisade.eks.cluster_audit_logging_disabled_test

import data.palisade.eks.cluster_audit_logging_disabled as policy
import rego.v1

arn := "arn:aws:eks:us-east-1:111122223333:cluster/prod"

cluster(types) := {"compute": {"eks_clusters": [{
	"arn": arn, "account_id": "111122223333", "region": "us-east-1", "name": "prod",
	"enabled_log_types": types,
}]}}

test_fail_none if {
	inp := cluster([])
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.message == "EKS cluster prod in us-east-1 (account 111122223333) does not send audit logs (control-plane log types enabled: none)"
}

test_fail_api_only if {
	inp := cluster(["api"])
	some r in policy.deny with input as inp
	endswith(r.message, "(control-plane log types enabled: api)")
}

test_pass_audit if {
	inp := cluster(["api", "audit"])
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}
