package palisade.sns.topic_policy_open_to_any_principal_test

import data.palisade.sns.topic_policy_open_to_any_principal as policy
import rego.v1

topic(pol) := {"messaging": {"sns_topics": [{
	"arn": "arn:aws:sns:us-east-1:111122223333:alerts",
	"account_id": "111122223333",
	"region": "us-east-1",
	"name": "alerts",
	"kms_master_key_id": null,
	"policy": pol,
}]}}

owner := {"Sid": "Owner", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sns:*", "Resource": "*"}

test_fail_principal_star if {
	o := owner
	inp := topic({"Version": "2012-10-17", "Statement": [
		o,
		{"Sid": "Anyone", "Effect": "Allow", "Principal": "*", "Action": ["sns:Publish", "sns:Subscribe"], "Resource": "*"},
	]})
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:sns:us-east-1:111122223333:alerts"
	contains(r.message, "SNS topic alerts in us-east-1 (account 111122223333)")
	contains(r.message, `statement "Anyone"`)
	contains(r.message, "sns:Subscribe")
}

test_fail_aws_star_policy_as_json_text if {
	inp := topic(`{"Statement": {"Effect": "Allow", "Principal": {"AWS": ["*"]}, "Action": "sns:*", "Resource": "*"}}`)
	count(policy.deny) == 1 with input as inp
}

test_pass_star_with_source_arn_condition if {
	inp := topic({"Statement": [{"Effect": "Allow", "Principal": {"Service": "s3.amazonaws.com"}, "Action": "sns:Publish", "Resource": "*"}, {
		"Effect": "Allow", "Principal": "*", "Action": "sns:Publish", "Resource": "*",
		"Condition": {"ArnLike": {"aws:SourceArn": "arn:aws:s3:::uploads"}},
	}]})
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 1 with input as inp
}

test_pass_deny_star_and_no_policy if {
	inp := topic({"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "sns:*", "Resource": "*"}]})
	count(policy.deny) == 0 with input as inp
	none := topic(null)
	count(policy.deny) == 0 with input as none
	count(policy.checked) == 1 with input as none
}

# The policy AWS gives every new topic: any principal, restricted to the owner account.
test_pass_default_topic_policy if {
	inp := topic({"Version": "2008-10-17", "Id": "__default_policy_ID", "Statement": [{
		"Sid": "__default_statement_ID", "Effect": "Allow", "Principal": {"AWS": "*"},
		"Action": ["SNS:GetTopicAttributes", "SNS:Publish", "SNS:Subscribe"],
		"Resource": "arn:aws:sns:us-east-1:111122223333:alerts",
		"Condition": {"StringEquals": {"AWS:SourceOwner": "111122223333"}},
	}]})
	count(policy.deny) == 0 with input as inp
}
