package palisade.efs.access_point_user_identity_not_enforced_test

import data.palisade.efs.access_point_user_identity_not_enforced as policy
import rego.v1

arn := "arn:aws:elasticfilesystem:us-east-1:111122223333:access-point/fsap-01"

inventory(user) := {"storage": {"efs_access_points": [{
	"arn": arn, "account_id": "111122223333", "region": "us-east-1", "id": "fsap-01",
	"name": null, "file_system_id": "fs-0a1b", "root_directory": "/reports", "posix_user": user,
}]}}

test_fail_no_posix_user if {
	inp := inventory(null)
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	r.message == "EFS access point fsap-01 of file system fs-0a1b in us-east-1 (account 111122223333) enforces no POSIX user: NFS clients act with the uid and gid they claim, root included"
}

test_pass_posix_user if {
	inp := inventory({"uid": 1000, "gid": 1000, "secondary_gids": []})
	count(policy.deny) == 0 with input as inp
	policy.checked == {arn} with input as inp
}
