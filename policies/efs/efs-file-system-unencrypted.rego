# METADATA
# title: EFS file system is not encrypted at rest
# description: |
#   An Amazon EFS file system was created without encryption at rest, so the files on it, and
#   their metadata, are stored unencrypted (CIS AWS Foundations 2.4.1, AWS Foundational
#   Security Best Practices EFS.1). EFS file systems hold shared application data, home
#   directories and exports, often the same records as the databases next to them.
#   Encryption can only be chosen when a file system is created.
# custom:
#   id: efs-file-system-unencrypted
#   severity: medium
#   resource_type: AWS::EFS::FileSystem
#   scope: storage.efs_file_systems
#   needs: [elasticfilesystem:DescribeFileSystems]
#   remediation: |
#     Create an encrypted file system (`aws efs create-file-system --encrypted --kms-key-id
#     alias/YOUR-KEY`, Terraform `encrypted = true` on `aws_efs_file_system`), copy the data
#     with AWS DataSync or AWS Backup restore, move the mount targets' clients over and
#     delete the old one. To stop it happening again, an SCP or IAM condition
#     `elasticfilesystem:Encrypted = true` on `elasticfilesystem:CreateFileSystem` refuses
#     unencrypted file systems.
#   references:
#     - https://docs.aws.amazon.com/efs/latest/ug/encryption.html
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/efs-controls.html
package palisade.efs.file_system_unencrypted

import data.palisade.lib.util
import rego.v1

checked contains fs.arn if some fs in input.storage.efs_file_systems

deny contains result if {
	some fs in input.storage.efs_file_systems
	not fs.encrypted == true
	result := {
		"arn": fs.arn,
		"message": sprintf("EFS file system %s in %s (account %s) is not encrypted at rest (Encrypted false); encryption can only be set when a file system is created", [
			util.labelled(fs.id, object.get(fs, "name", null)), fs.region, fs.account_id,
		]),
		"evidence": {"encrypted": object.get(fs, "encrypted", null), "kms_key_id": object.get(fs, "kms_key_id", null)},
	}
}
