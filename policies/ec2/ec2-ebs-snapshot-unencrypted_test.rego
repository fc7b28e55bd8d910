package palisade.ec2.ebs_snapshot_unencrypted_test

import data.palisade.ec2.ebs_snapshot_unencrypted as policy
import rego.v1

arn := "arn:aws:ec2:us-east-1:111122223333:snapshot/snap-1"

snap(encrypted) := {"storage": {"ebs_snapshots": [{
	"arn": arn,
	"account_id": "111122223333",
	"region": "us-east-1",
	"id": "snap-1",
	"volume_id": "vol-1",
	"encrypted": encrypted,
	"public": false,
}]}}

test_fail_unencrypted_snapshot if {
	inp := snap(false)
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	contains(r.message, "snap-1")
	contains(r.message, "not encrypted")
}

test_pass_encrypted_snapshot if {
	inp := snap(true)
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}
