package palisade.efs.file_system_unencrypted_test

import data.palisade.efs.file_system_unencrypted as policy
import rego.v1

arn := "arn:aws:elasticfilesystem:us-east-1:111122223333:file-system/fs-0a1b"

inventory(fields) := {"storage": {"efs_file_systems": [object.union(
	{"arn": arn, "account_id": "111122223333", "region": "us-east-1", "id": "fs-0a1b", "name": "claims-exports", "encrypted": false, "kms_key_id": null},
	fields,
)]}}

test_fail_unencrypted if {
	inp := inventory({})
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	r.message == "EFS file system fs-0a1b (claims-exports) in us-east-1 (account 111122223333) is not encrypted at rest (Encrypted false); encryption can only be set when a file system is created"
	policy.checked == {arn} with input as inp
}

test_fail_unnamed_file_system_is_named_by_id if {
	inp := inventory({"name": null})
	some r in policy.deny with input as inp
	startswith(r.message, "EFS file system fs-0a1b in us-east-1")
}

test_pass_encrypted if {
	inp := inventory({"encrypted": true, "kms_key_id": "arn:aws:kms:us-east-1:111122223333:key/abc"})
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 1 with input as inp
}
