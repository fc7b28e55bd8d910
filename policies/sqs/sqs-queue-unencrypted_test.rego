package palisade.sqs.queue_unencrypted_test

import data.palisade.sqs.queue_unencrypted as policy
import rego.v1

queue(fields) := {"messaging": {"sqs_queues": [object.union({
	"arn": "arn:aws:sqs:us-east-1:111122223333:orders",
	"account_id": "111122223333",
	"region": "us-east-1",
	"name": "orders",
	"kms_master_key_id": null,
	"sqs_managed_sse_enabled": false,
	"policy": null,
}, fields)]}}

test_fail_no_kms_and_sse_sqs_off if {
	inp := queue({})
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:sqs:us-east-1:111122223333:orders"
	contains(r.message, "SQS queue orders in us-east-1 (account 111122223333)")
	contains(r.message, "SqsManagedSseEnabled false")
	policy.checked == {"arn:aws:sqs:us-east-1:111122223333:orders"} with input as inp
}

test_fail_blank_key_and_sse_not_reported if {
	inp := queue({"kms_master_key_id": " ", "sqs_managed_sse_enabled": null})
	some r in policy.deny with input as inp
	contains(r.message, "SSE-SQS not reported")
}

test_pass_sse_sqs if {
	inp := queue({"sqs_managed_sse_enabled": true})
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 1 with input as inp
}

test_pass_sse_kms if {
	inp := queue({"kms_master_key_id": "alias/aws/sqs"})
	count(policy.deny) == 0 with input as inp
}

test_pass_no_queues if {
	count(policy.checked) == 0 with input as {"messaging": {"sqs_queues": []}}
}
