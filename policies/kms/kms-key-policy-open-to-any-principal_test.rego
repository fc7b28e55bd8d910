package palisade.kms.key_policy_open_to_any_principal_test

import data.palisade.kms.key_policy_open_to_any_principal as policy
import rego.v1

# Tests bind their inputs to locals: regorus does not see rules of this package inside `with`.

key(pol) := {"storage": {"kms_keys": [{
	"arn": "arn:aws:kms:us-east-1:111122223333:key/1234abcd",
	"account_id": "111122223333",
	"region": "us-east-1",
	"id": "1234abcd",
	"aliases": ["alias/backups"],
	"manager": "CUSTOMER",
	"state": "Enabled",
	"key_spec": "SYMMETRIC_DEFAULT",
	"rotation_enabled": true,
	"policy": pol,
}]}}

root_statement := {
	"Sid": "Enable IAM User Permissions",
	"Effect": "Allow",
	"Principal": {"AWS": "arn:aws:iam::111122223333:root"},
	"Action": "kms:*",
	"Resource": "*",
}

test_fail_principal_star if {
	root := root_statement
	inp := key({"Version": "2012-10-17", "Statement": [
		root,
		{"Sid": "Open", "Effect": "Allow", "Principal": "*", "Action": ["kms:Decrypt", "kms:DescribeKey"], "Resource": "*"},
	]})
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:kms:us-east-1:111122223333:key/1234abcd"
	contains(r.message, "1234abcd (alias/backups)")
	contains(r.message, `statement "Open"`)
	contains(r.message, "kms:Decrypt")
}

test_fail_aws_star_in_array_statement_object if {
	inp := key({"Statement": {"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::111122223333:root", "*"]}, "Action": "kms:*", "Resource": "*"}})
	count(policy.deny) == 1 with input as inp
}

test_fail_empty_condition_block if {
	inp := key({"Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "kms:Encrypt", "Resource": "*", "Condition": {}}]})
	count(policy.deny) == 1 with input as inp
}

test_fail_policy_as_json_text if {
	inp := key(`{"Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "kms:*", "Resource": "*"}]}`)
	count(policy.deny) == 1 with input as inp
	"arn:aws:kms:us-east-1:111122223333:key/1234abcd" in policy.checked with input as inp
}

test_pass_default_key_policy if {
	root := root_statement
	inp := key({"Statement": [root]})
	count(policy.deny) == 0 with input as inp
	"arn:aws:kms:us-east-1:111122223333:key/1234abcd" in policy.checked with input as inp
}

test_pass_aws_managed_style_conditions if {
	inp := key({"Statement": [{
		"Effect": "Allow",
		"Principal": {"AWS": "*"},
		"Action": ["kms:Encrypt", "kms:Decrypt"],
		"Resource": "*",
		"Condition": {"StringEquals": {"kms:CallerAccount": "111122223333", "kms:ViaService": "ebs.us-east-1.amazonaws.com"}},
	}]})
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 1 with input as inp
}

test_pass_deny_statement_with_star if {
	inp := key({"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "kms:*", "Resource": "*"}]})
	count(policy.deny) == 0 with input as inp
}

test_pass_no_policy_is_not_in_scope if {
	inp := key(null)
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 0 with input as inp
}
