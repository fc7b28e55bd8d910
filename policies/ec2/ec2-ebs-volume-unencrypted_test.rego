package palisade.ec2.ebs_volume_unencrypted_test

import data.palisade.ec2.ebs_volume_unencrypted as policy
import rego.v1

arn := "arn:aws:ec2:us-east-1:111122223333:volume/vol-1"

vol(encrypted, attached) := {"storage": {"ebs_volumes": [{
	"arn": arn,
	"account_id": "111122223333",
	"region": "us-east-1",
	"id": "vol-1",
	"encrypted": encrypted,
	"size_gib": 100,
	"attached_instance_ids": attached,
}]}}

test_fail_unencrypted_attached_volume if {
	inp := vol(false, ["i-1"])
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	contains(r.message, "vol-1")
	contains(r.message, "attached to i-1")
	contains(r.message, "not encrypted")
}

test_fail_unencrypted_detached_volume if {
	some r in policy.deny with input as vol(false, [])
	contains(r.message, "attached to no instance")
}

test_pass_encrypted_volume if {
	inp := vol(true, ["i-1"])
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}
