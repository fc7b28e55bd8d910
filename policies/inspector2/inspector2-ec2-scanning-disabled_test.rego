package palisade.inspector2.ec2_scanning_disabled_test

import data.palisade.inspector2.ec2_scanning_disabled as policy
import rego.v1

arn := "arn:aws:inspector2:eu-west-1:111122223333:status"

inventory(status, ec2, instances) := {
	"logging": {"inspector2": [{
		"arn": arn, "account_id": "111122223333", "region": "eu-west-1", "status": status,
		"resources": {"ec2": ec2, "ecr": "ENABLED", "lambda": "ENABLED"},
	}]},
	"network": {"instances": instances},
}

instance(id, region, state) := {"id": id, "account_id": "111122223333", "region": region, "state": state}

running := [instance("i-2", "eu-west-1", "running"), instance("i-1", "eu-west-1", "stopped")]

test_fail_ec2_scanning_disabled if {
	inp := inventory("ENABLED", "DISABLED", running)
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	r.message == "Amazon Inspector does not scan EC2 instances in eu-west-1 (account 111122223333): EC2 scanning is DISABLED, and the region has 2 (i-1, i-2)"
}

test_fail_inspector_suspended if {
	inp := inventory("SUSPENDED", "ENABLED", running)
	some r in policy.deny with input as inp
	contains(r.message, "EC2 scanning is SUSPENDED")
}

test_pass_ec2_scanned if {
	inp := inventory("ENABLED", "ENABLED", running)
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_pass_no_live_instances_in_region if {
	inp := inventory("DISABLED", "DISABLED", [instance("i-3", "us-east-1", "running"), instance("i-4", "eu-west-1", "terminated")])
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}
