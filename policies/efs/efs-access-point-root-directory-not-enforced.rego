# METADATA
# title: EFS access point does not confine clients to a directory
# description: |
#   An EFS access point's root directory is `/`, so every client mounting through it sees
#   the whole file system rather than the one directory its application needs (AWS
#   Foundational Security Best Practices EFS.3). Access points exist to give each
#   application its own slice of a shared file system; one rooted at `/` grants
#   everything any other application stored there.
# custom:
#   id: efs-access-point-root-directory-not-enforced
#   severity: low
#   resource_type: AWS::EFS::AccessPoint
#   scope: storage.efs_access_points
#   remediation: |
#     Access points cannot be changed: create one with `--root-directory
#     'Path=/APP,CreationInfo={OwnerUid=…,OwnerGid=…,Permissions=750}'` (Terraform:
#     `root_directory { path = "/app" }` on `aws_efs_access_point`), point the application
#     at it, and delete the old one. A file system policy can then require the access point
#     (`elasticfilesystem:AccessPointArn` condition).
#   references:
#     - https://docs.aws.amazon.com/efs/latest/ug/efs-access-points.html
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/efs-controls.html
package palisade.efs.access_point_root_directory_not_enforced

import rego.v1

checked contains ap.arn if some ap in input.storage.efs_access_points

deny contains result if {
	some ap in input.storage.efs_access_points
	whole_file_system(object.get(ap, "root_directory", "/"))
	result := {
		"arn": ap.arn,
		"message": sprintf("EFS access point %s of file system %s in %s (account %s) has root directory %q: clients mounting through it see the whole file system", [
			ap.id, ap.file_system_id, ap.region, ap.account_id, object.get(ap, "root_directory", "/"),
		]),
		"evidence": {"root_directory": object.get(ap, "root_directory", "/"), "file_system_id": ap.file_system_id},
	}
}

# "/", "//", "" or null all mean the file system's root.
whole_file_system(path) if path == null

whole_file_system(path) if {
	is_string(path)
	trim(path, "/ ") == ""
}
