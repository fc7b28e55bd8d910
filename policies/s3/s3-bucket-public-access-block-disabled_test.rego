package palisade.s3.bucket_public_access_block_disabled_test

import data.palisade.s3.bucket_public_access_block_disabled as policy
import rego.v1

arn := "arn:aws:s3:::data-bucket"

all_on := {"block_public_acls": true, "ignore_public_acls": true, "block_public_policy": true, "restrict_public_buckets": true}

all_off := {"block_public_acls": false, "ignore_public_acls": false, "block_public_policy": false, "restrict_public_buckets": false}

inp(bucket_pab, account_blocks) := {"storage": {
	"s3_buckets": [{
		"arn": arn,
		"account_id": "111122223333",
		"region": "us-east-1",
		"name": "data-bucket",
		"public_access_block": bucket_pab,
	}],
	"s3_account_public_access_blocks": account_blocks,
}}

test_fail_nothing_configured if {
	i := inp(null, [{"account_id": "111122223333", "config": null}])
	count(policy.deny) == 1 with input as i
	some r in policy.deny with input as i
	r.arn == arn
	contains(r.message, "block_public_acls, ignore_public_acls, block_public_policy, restrict_public_buckets")
}

test_fail_no_account_record if {
	count(policy.deny) == 1 with input as inp(null, [])
}

test_fail_names_only_switches_off_at_both_levels if {
	bucket_pab := object.union(all_on, {"ignore_public_acls": false, "restrict_public_buckets": false})
	account := object.union(all_off, {"restrict_public_buckets": true})
	i := inp(bucket_pab, [{"account_id": "111122223333", "config": account}])
	some r in policy.deny with input as i
	endswith(r.message, ": ignore_public_acls")
	r.evidence.off == ["ignore_public_acls"]
}

test_fail_other_accounts_block_does_not_count if {
	count(policy.deny) == 1 with input as inp(null, [{"account_id": "444455556666", "config": all_on}])
}

test_pass_bucket_level_all_on if {
	i := inp(all_on, [{"account_id": "111122223333", "config": null}])
	count(policy.deny) == 0 with input as i
	arn in policy.checked with input as i
}

test_pass_account_level_all_on if {
	i := inp(null, [{"account_id": "111122223333", "config": all_on}])
	count(policy.deny) == 0 with input as i
	arn in policy.checked with input as i
}

test_pass_levels_combine if {
	bucket_pab := {"block_public_acls": true, "ignore_public_acls": true, "block_public_policy": false, "restrict_public_buckets": false}
	account := {"block_public_acls": false, "ignore_public_acls": false, "block_public_policy": true, "restrict_public_buckets": true}
	count(policy.deny) == 0 with input as inp(bucket_pab, [{"account_id": "111122223333", "config": account}])
}
