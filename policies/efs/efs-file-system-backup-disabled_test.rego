package palisade.efs.file_system_backup_disabled_test

import data.palisade.efs.file_system_backup_disabled as policy
import rego.v1

arn := "arn:aws:elasticfilesystem:us-east-1:111122223333:file-system/fs-0a1b"

inventory(backup) := {"storage": {"efs_file_systems": [{
	"arn": arn, "account_id": "111122223333", "region": "us-east-1", "id": "fs-0a1b",
	"name": null, "encrypted": true, "backup_policy": backup,
}]}}

test_fail_disabled if {
	inp := inventory("DISABLED")
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	r.message == "EFS file system fs-0a1b in us-east-1 (account 111122223333) has automatic backups disabled (backup policy status DISABLED); unless a backup plan of your own covers it, deleted files cannot be restored"
}

test_fail_disabling if {
	inp := inventory("DISABLING")
	count(policy.deny) == 1 with input as inp
}

test_pass_enabled if {
	inp := inventory("ENABLED")
	count(policy.deny) == 0 with input as inp
	policy.checked == {arn} with input as inp
}

test_unread_policy_is_not_judged if {
	inp := inventory(null)
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 0 with input as inp
}
