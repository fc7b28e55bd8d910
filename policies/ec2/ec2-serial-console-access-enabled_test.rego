package palisade.ec2.serial_console_access_enabled_test

import data.palisade.ec2.serial_console_access_enabled as policy
import rego.v1

test_fail_when_set if {
	inp := {"network": {"serial_console_access": [{"arn": "arn:aws:ec2:us-east-1:111122223333:setting", "account_id": "111122223333", "region": "us-east-1", "state": "enabled"}]}}
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:ec2:us-east-1:111122223333:setting"
	r.message == "EC2 serial console access in us-east-1 (account 111122223333) is enabled: permitted users get a console on instances beneath every network control"
}

test_pass_when_set if {
	inp := {"network": {"serial_console_access": [{"arn": "arn:aws:ec2:us-east-1:111122223333:setting", "account_id": "111122223333", "region": "us-east-1", "state": "disabled"}]}}
	count(policy.deny) == 0 with input as inp
	"arn:aws:ec2:us-east-1:111122223333:setting" in policy.checked with input as inp
}
