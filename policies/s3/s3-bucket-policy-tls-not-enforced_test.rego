package palisade.s3.bucket_policy_tls_not_enforced_test

import data.palisade.s3.bucket_policy_tls_not_enforced as policy
import rego.v1

arn := "arn:aws:s3:::data-bucket"

bucket(pol) := {"storage": {"s3_buckets": [{
	"arn": arn,
	"account_id": "111122223333",
	"region": "us-east-1",
	"name": "data-bucket",
	"policy": pol,
}]}}

deny_http(action, value) := {
	"Sid": "DenyInsecureTransport",
	"Effect": "Deny",
	"Principal": "*",
	"Action": action,
	"Resource": ["arn:aws:s3:::data-bucket", "arn:aws:s3:::data-bucket/*"],
	"Condition": {"Bool": {"aws:SecureTransport": value}},
}

allow_role := {
	"Effect": "Allow",
	"Principal": {"AWS": "arn:aws:iam::111122223333:role/app"},
	"Action": "s3:GetObject",
	"Resource": "arn:aws:s3:::data-bucket/*",
}

test_fail_no_policy if {
	inp := bucket(null)
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	contains(r.message, "no bucket policy")
}

test_fail_policy_without_tls_statement if {
	some r in policy.deny with input as bucket({"Version": "2012-10-17", "Statement": [allow_role]})
	contains(r.message, "no Deny statement")
}

test_fail_deny_covers_only_some_actions if {
	count(policy.deny) == 1 with input as bucket({"Statement": [deny_http("s3:PutObject", "false")]})
}

test_fail_condition_true_is_not_enforcement if {
	count(policy.deny) == 1 with input as bucket({"Statement": [deny_http("s3:*", "true")]})
}

test_fail_allow_with_secure_transport_condition_is_not_enforcement if {
	stmt := object.union(deny_http("s3:*", "false"), {"Effect": "Allow"})
	count(policy.deny) == 1 with input as bucket({"Statement": [stmt]})
}

test_pass_deny_string_false_action_string if {
	inp := bucket({"Version": "2012-10-17", "Statement": [allow_role, deny_http("s3:*", "false")]})
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_pass_boolean_false_action_array_statement_object if {
	inp := bucket({"Statement": deny_http(["s3:*"], false)})
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_pass_bool_if_exists_and_star_action if {
	stmt := object.union(deny_http("*", "false"), {"Condition": {"BoolIfExists": {"aws:SecureTransport": "false"}}})
	count(policy.deny) == 0 with input as bucket({"Statement": [stmt]})
}

test_pass_policy_stored_as_json_text if {
	text := json.marshal({"Statement": [deny_http("s3:*", "false")]})
	count(policy.deny) == 0 with input as bucket(text)
}
