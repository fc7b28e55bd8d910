# METADATA
# title: EBS snapshot is not encrypted
# description: |
#   The EBS snapshot is not encrypted. Snapshots are full copies of disk data that are easily
#   shared, copied across regions and accounts, and kept long after the source volume is gone;
#   unencrypted ones can be shared publicly and restored anywhere without any KMS key permission,
#   so their data is protected only by snapshot permissions.
# custom:
#   id: ec2-ebs-snapshot-unencrypted
#   severity: medium
#   resource_type: AWS::EC2::Snapshot
#   scope: storage.ebs_snapshots
#   needs: [ec2:DescribeSnapshots]
#   remediation: |
#     Make an encrypted copy and delete the unencrypted original once nothing depends on it:
#     `aws ec2 copy-snapshot --source-region <region> --source-snapshot-id snap-... --encrypted --kms-key-id <key>`,
#     then `aws ec2 delete-snapshot --snapshot-id snap-...`. Encrypt the source volume (and enable
#     EBS encryption by default) so future snapshots are encrypted. Terraform:
#     `aws_ebs_snapshot_copy` with `encrypted = true`.
#   references:
#     - https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html
#     - https://docs.aws.amazon.com/ebs/latest/userguide/ebs-copy-snapshot.html
package palisade.ec2.ebs_snapshot_unencrypted

import rego.v1

checked contains s.arn if some s in input.storage.ebs_snapshots

deny contains result if {
	some s in input.storage.ebs_snapshots
	s.encrypted == false
	result := {
		"arn": s.arn,
		"message": sprintf("EBS snapshot %s (%saccount %s, %s) is not encrypted", [s.id, source(s), s.account_id, s.region]),
		"evidence": {"encrypted": false},
	}
}

# source(s): "of volume vol-..., " when the snapshot's source volume is known.
source(s) := sprintf("of volume %s, ", [s.volume_id]) if is_string(object.get(s, "volume_id", null))

source(s) := "" if not is_string(object.get(s, "volume_id", null))
