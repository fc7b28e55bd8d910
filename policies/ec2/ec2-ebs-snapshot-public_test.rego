package palisade.ec2.ebs_snapshot_public_test

import data.palisade.ec2.ebs_snapshot_public as policy
import rego.v1

arn := "arn:aws:ec2:us-east-1:111122223333:snapshot/snap-1"

snap(extra) := {"storage": {"ebs_snapshots": [object.union(
	{
		"arn": arn,
		"account_id": "111122223333",
		"region": "us-east-1",
		"id": "snap-1",
		"volume_id": "vol-1",
		"encrypted": false,
	},
	extra,
)]}}

test_fail_public_snapshot if {
	inp := snap({"public": true})
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	contains(r.message, "snap-1")
	contains(r.message, "(of volume vol-1, account 111122223333, us-east-1)")
	contains(r.message, "is public")
}

test_fail_public_snapshot_without_source_volume if {
	s := object.remove(snap({"public": true}).storage.ebs_snapshots[0], ["volume_id"])
	some r in policy.deny with input as {"storage": {"ebs_snapshots": [s]}}
	contains(r.message, "snap-1 (account 111122223333, us-east-1)")
}

test_pass_private_snapshot if {
	inp := snap({"public": false})
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_pass_shared_with_specific_account_only if {
	inp := snap({"public": false, "shared_with": ["444455556666"]})
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_pass_public_field_absent if {
	count(policy.deny) == 0 with input as snap({})
}
