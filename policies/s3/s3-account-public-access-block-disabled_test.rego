package palisade.s3.account_public_access_block_disabled_test

import data.palisade.s3.account_public_access_block_disabled as policy
import rego.v1

arn := "arn:aws:iam::111122223333:root"

all_on := {"block_public_acls": true, "ignore_public_acls": true, "block_public_policy": true, "restrict_public_buckets": true}

blocks(cfg) := {"storage": {"s3_account_public_access_blocks": [{"account_id": "111122223333", "config": cfg}]}}

test_fail_no_configuration if {
	inp := blocks(null)
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	contains(r.message, "no account-level S3 Block Public Access configuration")
}

test_fail_config_field_absent if {
	count(policy.deny) == 1 with input as {"storage": {"s3_account_public_access_blocks": [{"account_id": "111122223333"}]}}
}

test_fail_one_switch_off if {
	some r in policy.deny with input as blocks(object.union(all_on, {"block_public_policy": false}))
	endswith(r.message, "switches off: block_public_policy")
	r.evidence.off == ["block_public_policy"]
}

test_fail_missing_switch_counts_as_off if {
	some r in policy.deny with input as blocks({"block_public_acls": true, "ignore_public_acls": true})
	contains(r.message, "block_public_policy, restrict_public_buckets")
}

test_pass_all_switches_on if {
	inp := blocks(all_on)
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}
