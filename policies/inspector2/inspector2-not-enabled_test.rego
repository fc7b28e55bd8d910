package palisade.inspector2.not_enabled_test

import data.palisade.inspector2.not_enabled as policy
import rego.v1

arn := "arn:aws:inspector2:eu-west-1:111122223333:status"

region(status, resources) := {"logging": {"inspector2": [{
	"arn": arn, "account_id": "111122223333", "region": "eu-west-1", "status": status, "resources": resources,
}]}}

test_fail_disabled if {
	inp := region("DISABLED", {"ec2": "DISABLED", "ecr": "DISABLED"})
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	r.message == "Amazon Inspector is not scanning in eu-west-1 (account 111122223333): its status is DISABLED"
}

test_fail_enabled_scanning_nothing if {
	inp := region("ENABLED", {"ec2": "DISABLED", "ecr": "DISABLED", "lambda": "DISABLED"})
	some r in policy.deny with input as inp
	endswith(r.message, "it is enabled but scans no resource type")
}

test_pass_ec2_scanned if {
	inp := region("ENABLED", {"ec2": "ENABLED", "ecr": "DISABLED"})
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}
