package palisade.ec2.ebs_encryption_by_default_disabled_test

import data.palisade.ec2.ebs_encryption_by_default_disabled as policy
import rego.v1

setting(region, enabled) := {"account_id": "111122223333", "region": region, "enabled": enabled, "kms_key_id": null}

test_fail_disabled if {
	inp := {"storage": {"ebs_encryption_by_default": [setting("us-east-1", false)]}}
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:ec2:us-east-1:111122223333:ebs-encryption-by-default"
	contains(r.message, "account 111122223333, region us-east-1")
}

test_fail_only_the_disabled_region if {
	inp := {"storage": {"ebs_encryption_by_default": [setting("us-east-1", true), setting("eu-west-1", false)]}}
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:ec2:eu-west-1:111122223333:ebs-encryption-by-default"
	count(policy.checked) == 2 with input as inp
}

test_pass_enabled if {
	inp := {"storage": {"ebs_encryption_by_default": [setting("us-east-1", true)]}}
	count(policy.deny) == 0 with input as inp
	"arn:aws:ec2:us-east-1:111122223333:ebs-encryption-by-default" in policy.checked with input as inp
}
