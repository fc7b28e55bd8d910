package palisade.sns.topic_unencrypted_test

import data.palisade.sns.topic_unencrypted as policy
import rego.v1

topic(fields) := {"messaging": {"sns_topics": [object.union({
	"arn": "arn:aws:sns:us-east-1:111122223333:alerts",
	"account_id": "111122223333",
	"region": "us-east-1",
	"name": "alerts",
	"kms_master_key_id": null,
	"policy": null,
}, fields)]}}

test_fail_no_key if {
	inp := topic({})
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:sns:us-east-1:111122223333:alerts"
	contains(r.message, "SNS topic alerts in us-east-1 (account 111122223333) is not encrypted")
}

test_fail_blank_key if {
	inp := topic({"kms_master_key_id": ""})
	count(policy.deny) == 1 with input as inp
}

test_pass_kms_key if {
	inp := topic({"kms_master_key_id": "alias/aws/sns"})
	count(policy.deny) == 0 with input as inp
	policy.checked == {"arn:aws:sns:us-east-1:111122223333:alerts"} with input as inp
}
