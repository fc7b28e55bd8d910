# METADATA
# title: EFS access point does not enforce a user identity
# description: |
#   An EFS access point has no POSIX user, so every NFS client using it acts with whatever
#   uid and gid it claims, including root (AWS Foundational Security Best Practices EFS.4).
#   With a POSIX user set, EFS replaces the client's identity with the access point's on
#   every request, so file permissions mean what they say whichever machine mounts it.
# custom:
#   id: efs-access-point-user-identity-not-enforced
#   severity: low
#   resource_type: AWS::EFS::AccessPoint
#   scope: storage.efs_access_points
#   remediation: |
#     Access points cannot be changed: create one with `--posix-user Uid=…,Gid=…` (Terraform:
#     `posix_user { uid = 1000, gid = 1000 }` on `aws_efs_access_point`), move the
#     application to it and delete the old one.
#   references:
#     - https://docs.aws.amazon.com/efs/latest/ug/enforce-identity-access-points.html
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/efs-controls.html
package palisade.efs.access_point_user_identity_not_enforced

import rego.v1

checked contains ap.arn if some ap in input.storage.efs_access_points

deny contains result if {
	some ap in input.storage.efs_access_points
	not is_object(object.get(ap, "posix_user", null))
	result := {
		"arn": ap.arn,
		"message": sprintf("EFS access point %s of file system %s in %s (account %s) enforces no POSIX user: NFS clients act with the uid and gid they claim, root included", [
			ap.id, ap.file_system_id, ap.region, ap.account_id,
		]),
		"evidence": {"posix_user": null, "file_system_id": ap.file_system_id},
	}
}
