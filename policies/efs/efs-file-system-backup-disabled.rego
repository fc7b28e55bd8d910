# METADATA
# title: EFS file system has automatic backups turned off
# description: |
#   An Amazon EFS file system's backup policy is not ENABLED, so AWS Backup takes no daily
#   backup of it (AWS Foundational Security Best Practices EFS.6 asks for it; HIPAA's data
#   backup plan and disaster recovery standards ask that the data can be restored). A file
#   system with no backup policy at all counts as disabled. Deleted or overwritten files on
#   EFS cannot be recovered otherwise. File systems whose backup policy could not be read
#   are `not-evaluated`; a file system protected by a backup plan of its own (not the
#   automatic one) fails here, and the message says how to tell.
# custom:
#   id: efs-file-system-backup-disabled
#   severity: low
#   resource_type: AWS::EFS::FileSystem
#   scope: storage.efs_file_systems
#   needs: [elasticfilesystem:DescribeBackupPolicy]
#   remediation: |
#     `aws efs put-backup-policy --file-system-id fs-… --backup-policy Status=ENABLED`
#     (Terraform: `aws_efs_backup_policy` with `status = "ENABLED"`). If the file system is
#     already in an AWS Backup plan of your own, suppress this result for it with that reason.
#   references:
#     - https://docs.aws.amazon.com/efs/latest/ug/awsbackup.html
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/efs-controls.html
package palisade.efs.file_system_backup_disabled

import data.palisade.lib.util
import rego.v1

# null: the backup policy was not read (a gap says why); nothing to judge.
judged(fs) if is_string(fs.backup_policy)

checked contains fs.arn if {
	some fs in input.storage.efs_file_systems
	judged(fs)
}

deny contains result if {
	some fs in input.storage.efs_file_systems
	judged(fs)
	not upper(fs.backup_policy) in {"ENABLED", "ENABLING"}
	result := {
		"arn": fs.arn,
		"message": sprintf("EFS file system %s in %s (account %s) has automatic backups %s (backup policy status %s); unless a backup plan of your own covers it, deleted files cannot be restored", [
			util.labelled(fs.id, object.get(fs, "name", null)), fs.region, fs.account_id, lower(fs.backup_policy), fs.backup_policy,
		]),
		"evidence": {"backup_policy": fs.backup_policy},
	}
}
