package palisade.kms.key_rotation_disabled_test

import data.palisade.kms.key_rotation_disabled as policy
import rego.v1

# Tests bind their inputs to locals: regorus does not see rules of this package inside `with`.

key(overrides) := {"storage": {"kms_keys": [object.union(
	{
		"arn": "arn:aws:kms:us-east-1:111122223333:key/1234abcd",
		"account_id": "111122223333",
		"region": "us-east-1",
		"id": "1234abcd",
		"aliases": ["alias/phi-data"],
		"manager": "CUSTOMER",
		"state": "Enabled",
		"key_spec": "SYMMETRIC_DEFAULT",
		"rotation_enabled": false,
	},
	overrides,
)]}}

test_fail_rotation_disabled if {
	inp := key({})
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:kms:us-east-1:111122223333:key/1234abcd"
	contains(r.message, "1234abcd (alias/phi-data)")
	contains(r.message, "rotation disabled")
}

test_fail_key_spec_defaulted_when_absent if {
	inp := {"storage": {"kms_keys": [{
		"arn": "arn:aws:kms:us-east-1:111122223333:key/1234abcd",
		"account_id": "111122223333",
		"region": "us-east-1",
		"id": "1234abcd",
		"manager": "CUSTOMER",
		"state": "Enabled",
		"rotation_enabled": false,
	}]}}
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	startswith(r.message, "KMS key 1234abcd in us-east-1 (account 111122223333)")
}

test_pass_rotation_enabled if {
	inp := key({"rotation_enabled": true})
	count(policy.deny) == 0 with input as inp
	"arn:aws:kms:us-east-1:111122223333:key/1234abcd" in policy.checked with input as inp
}

test_pass_aws_managed_key_is_not_in_scope if {
	inp := key({"manager": "AWS"})
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 0 with input as inp
}

test_pass_disabled_key_is_not_in_scope if {
	inp := key({"state": "PendingDeletion"})
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 0 with input as inp
}

test_pass_asymmetric_key_is_not_in_scope if {
	inp := key({"key_spec": "RSA_2048", "rotation_enabled": null})
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 0 with input as inp
}

test_pass_unknown_rotation_status_is_not_in_scope if {
	inp := key({"rotation_enabled": null})
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 0 with input as inp
}
