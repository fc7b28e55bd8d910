package palisade.ec2.instance_no_iam_role_test

import data.palisade.ec2.instance_no_iam_role as policy
import rego.v1

arn := "arn:aws:ec2:us-east-1:111122223333:instance/i-0abc"

instance(profile, state) := {"network": {"instances": [{
	"arn": arn,
	"account_id": "111122223333",
	"region": "us-east-1",
	"id": "i-0abc",
	"state": state,
	"iam_instance_profile": profile,
}]}}

test_fail_no_profile if {
	inp := instance(null, "running")
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	r.message == "EC2 instance i-0abc (account 111122223333, us-east-1, running) has no IAM instance profile: whatever on it calls AWS needs long-term keys"
}

test_fail_stopped_instance_too if {
	inp := instance(null, "stopped")
	count(policy.deny) == 1 with input as inp
}

test_pass_with_profile if {
	inp := instance("arn:aws:iam::111122223333:instance-profile/app", "running")
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_terminated_is_not_judged if {
	inp := instance(null, "terminated")
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 0 with input as inp
}
