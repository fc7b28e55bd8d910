# METADATA
# title: EBS encryption by default is disabled
# description: |
#   EBS encryption by default is off in this account and region, so new volumes (and the volumes of
#   new instances) are created unencrypted unless every launch remembers to ask for encryption.
#   Turning it on guarantees that all new EBS volumes and snapshot copies are encrypted at rest.
# custom:
#   id: ec2-ebs-encryption-by-default-disabled
#   severity: medium
#   resource_type: AWS::EC2::EBSEncryptionByDefault
#   scope: storage.ebs_encryption_by_default
#   needs: [ec2:GetEbsEncryptionByDefault]
#   remediation: |
#     Enable it in every region you use (it is a per-region setting), optionally with a customer
#     managed key: `aws ec2 enable-ebs-encryption-by-default --region <region>` and
#     `aws ec2 modify-ebs-default-kms-key-id --kms-key-id <key> --region <region>`.
#     Terraform: `aws_ebs_encryption_by_default { enabled = true }` (and `aws_ebs_default_kms_key`)
#     in each regional provider.
#   references:
#     - https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html
package palisade.ec2.ebs_encryption_by_default_disabled

import data.palisade.lib.util
import rego.v1

setting_arn(s) := util.regional_arn("ec2", s.region, s.account_id, "ebs-encryption-by-default")

checked contains setting_arn(s) if some s in input.storage.ebs_encryption_by_default

deny contains result if {
	some s in input.storage.ebs_encryption_by_default
	s.enabled == false
	result := {
		"arn": setting_arn(s),
		"message": sprintf("EBS encryption by default is disabled in account %s, region %s", [s.account_id, s.region]),
		"evidence": {"enabled": false},
	}
}
