package palisade.ec2.ebs_snapshot_block_public_access_disabled_test

import data.palisade.ec2.ebs_snapshot_block_public_access_disabled as policy
import rego.v1

test_fail_when_set if {
	inp := {"storage": {"snapshot_block_public_access": [{"arn": "arn:aws:ec2:us-east-1:111122223333:setting", "account_id": "111122223333", "region": "us-east-1", "state": "unblocked"}]}}
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:ec2:us-east-1:111122223333:setting"
	r.message == "EBS snapshot block public access in us-east-1 (account 111122223333) is unblocked: any snapshot can be made public"
}

test_pass_when_set if {
	inp := {"storage": {"snapshot_block_public_access": [{"arn": "arn:aws:ec2:us-east-1:111122223333:setting", "account_id": "111122223333", "region": "us-east-1", "state": "block-all-sharing"}]}}
	count(policy.deny) == 0 with input as inp
	"arn:aws:ec2:us-east-1:111122223333:setting" in policy.checked with input as inp
}
