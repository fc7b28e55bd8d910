package palisade.efs.access_point_root_directory_not_enforced_test

import data.palisade.efs.access_point_root_directory_not_enforced as policy
import rego.v1

arn := "arn:aws:elasticfilesystem:us-east-1:111122223333:access-point/fsap-01"

inventory(root) := {"storage": {"efs_access_points": [{
	"arn": arn, "account_id": "111122223333", "region": "us-east-1", "id": "fsap-01",
	"name": "reports", "file_system_id": "fs-0a1b", "root_directory": root,
	"posix_user": {"uid": 1000, "gid": 1000, "secondary_gids": []},
}]}}

test_fail_root_is_slash if {
	inp := inventory("/")
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	r.message == "EFS access point fsap-01 of file system fs-0a1b in us-east-1 (account 111122223333) has root directory \"/\": clients mounting through it see the whole file system"
}

test_fail_root_written_twice if {
	inp := inventory("//")
	count(policy.deny) == 1 with input as inp
}

test_pass_application_directory if {
	inp := inventory("/reports")
	count(policy.deny) == 0 with input as inp
	policy.checked == {arn} with input as inp
}
