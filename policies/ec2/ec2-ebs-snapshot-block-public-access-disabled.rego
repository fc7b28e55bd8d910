# METADATA
# title: EBS snapshot block public access is off in a region
# description: |
#   Block public access for EBS snapshots is `unblocked` in the region, so any snapshot there
#   can be made public by one `modify-snapshot-attribute` call, by mistake or by an attacker
#   with that permission, and with it every file on the disk it copies. (Snapshots already
#   public are reported by `ec2-ebs-snapshot-public`.) Regions whose setting could not be read
#   are `not-evaluated`.
# custom:
#   id: ec2-ebs-snapshot-block-public-access-disabled
#   severity: medium
#   resource_type: AWS::EC2::SnapshotBlockPublicAccess
#   scope: storage.snapshot_block_public_access
#   needs: [ec2:GetSnapshotBlockPublicAccessState]
#   remediation: |
#     `aws ec2 enable-snapshot-block-public-access --state block-all-sharing` in every region
#     (`block-new-sharing` keeps snapshots that are public today public). Terraform:
#     `aws_ebs_snapshot_block_public_access`.
#   references:
#     - https://docs.aws.amazon.com/ebs/latest/userguide/block-public-access-snapshots.html
package palisade.ec2.ebs_snapshot_block_public_access_disabled

import rego.v1

checked contains s.arn if some s in input.storage.snapshot_block_public_access

deny contains result if {
	some s in input.storage.snapshot_block_public_access
	s.state in {"unblocked"}
	result := {
		"arn": s.arn,
		"message": sprintf("EBS snapshot block public access in %s (account %s) is %s: any snapshot can be made public", [s.region, s.account_id, s.state]),
		"evidence": {"state": s.state},
	}
}
