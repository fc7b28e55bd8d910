# METADATA
# title: EBS snapshot is public
# description: |
#   The EBS snapshot grants create-volume permission to `all`: any AWS account in the world can
#   copy it and mount its data. Public snapshots are actively searched for by attackers and have
#   leaked credentials, databases and source code; a snapshot of a disk holding sensitive data must
#   never be public.
# custom:
#   id: ec2-ebs-snapshot-public
#   severity: critical
#   resource_type: AWS::EC2::Snapshot
#   scope: storage.ebs_snapshots
#   needs: [ec2:DescribeSnapshotAttribute]
#   remediation: |
#     Remove the public permission (share with specific accounts instead, if needed):
#     `aws ec2 modify-snapshot-attribute --snapshot-id snap-... --attribute createVolumePermission --operation-type remove --group-names all`.
#     Prevent it account-wide per region with
#     `aws ec2 enable-snapshot-block-public-access --state block-all-sharing`. Terraform: do not
#     create `aws_snapshot_create_volume_permission` for public access; use
#     `aws_ebs_snapshot_block_public_access { state = "block-all-sharing" }`.
#   references:
#     - https://docs.aws.amazon.com/ebs/latest/userguide/ebs-modifying-snapshot-permissions.html
#     - https://docs.aws.amazon.com/ebs/latest/userguide/block-public-access-snapshots.html
package palisade.ec2.ebs_snapshot_public

import rego.v1

checked contains s.arn if some s in input.storage.ebs_snapshots

deny contains result if {
	some s in input.storage.ebs_snapshots
	object.get(s, "public", false) == true
	result := {
		"arn": s.arn,
		"message": sprintf("EBS snapshot %s (%saccount %s, %s) is public: any AWS account can create a volume from it", [s.id, source(s), s.account_id, s.region]),
		"evidence": {"public": true, "encrypted": s.encrypted, "shared_with": object.get(s, "shared_with", [])},
	}
}

# source(s): "of volume vol-..., " when the snapshot's source volume is known.
source(s) := sprintf("of volume %s, ", [s.volume_id]) if is_string(object.get(s, "volume_id", null))

source(s) := "" if not is_string(object.get(s, "volume_id", null))
