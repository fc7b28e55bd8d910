package palisade.sqs.queue_policy_open_to_any_principal_test

import data.palisade.sqs.queue_policy_open_to_any_principal as policy
import rego.v1

queue(pol) := {"messaging": {"sqs_queues": [{
	"arn": "arn:aws:sqs:us-east-1:111122223333:orders",
	"account_id": "111122223333",
	"region": "us-east-1",
	"name": "orders",
	"sqs_managed_sse_enabled": true,
	"policy": pol,
}]}}

owner := {"Sid": "Owner", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sqs:*", "Resource": "*"}

test_fail_principal_star if {
	o := owner
	inp := queue({"Version": "2012-10-17", "Statement": [
		o,
		{"Sid": "Anyone", "Effect": "Allow", "Principal": "*", "Action": ["sqs:SendMessage", "sqs:ReceiveMessage"], "Resource": "*"},
	]})
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:sqs:us-east-1:111122223333:orders"
	contains(r.message, "SQS queue orders in us-east-1 (account 111122223333)")
	contains(r.message, `statement "Anyone"`)
	contains(r.message, "sqs:ReceiveMessage")
}

test_fail_aws_star_policy_as_json_text if {
	inp := queue(`{"Statement": {"Effect": "Allow", "Principal": {"AWS": ["*"]}, "Action": "sqs:*", "Resource": "*"}}`)
	count(policy.deny) == 1 with input as inp
}

test_pass_star_with_source_arn_condition if {
	inp := queue({"Statement": [{"Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"}, "Action": "sqs:SendMessage", "Resource": "*"}, {
		"Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage", "Resource": "*",
		"Condition": {"ArnEquals": {"aws:SourceArn": "arn:aws:sns:us-east-1:111122223333:orders"}},
	}]})
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 1 with input as inp
}

test_pass_deny_star_and_no_policy if {
	inp := queue({"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "sqs:*", "Resource": "*"}]})
	count(policy.deny) == 0 with input as inp
	none := queue(null)
	count(policy.deny) == 0 with input as none
	count(policy.checked) == 1 with input as none
}
