package palisade.guardduty.runtime_monitoring_disabled_test

import data.palisade.guardduty.runtime_monitoring_disabled as policy
import rego.v1

arn := "arn:aws:guardduty:eu-west-1:111122223333:detector/d1"

inventory(features, instance_region) := {
	"logging": {"guardduty_detectors": [{
		"arn": arn, "id": "d1", "account_id": "111122223333", "region": "eu-west-1",
		"status": "ENABLED", "features": features,
	}]},
	"network": {"instances": [{"id": "i-1", "account_id": "111122223333", "region": instance_region, "state": "stopped"}]},
}

runtime(status) := {"RUNTIME_MONITORING": {"status": status, "additional": {"EC2_AGENT_MANAGEMENT": status}}}

test_fail_runtime_monitoring_disabled if {
	inp := inventory(runtime("DISABLED"), "eu-west-1")
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	r.message == "GuardDuty Runtime Monitoring is disabled for detector d1 in eu-west-1 (account 111122223333), where the account has EC2 instances: 1 (i-1)"
}

test_fail_only_eks_runtime_monitoring if {
	count(policy.deny) == 1 with input as inventory({"EKS_RUNTIME_MONITORING": {"status": "ENABLED"}}, "eu-west-1")
}

test_pass_runtime_monitoring_enabled if {
	inp := inventory(runtime("ENABLED"), "eu-west-1")
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_pass_no_instances_in_region if {
	inp := inventory(runtime("DISABLED"), "us-east-1")
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}
