# METADATA
# title: EBS volume is not encrypted
# description: |
#   The EBS volume is not encrypted at rest. Its data, and every snapshot and volume later created
#   from it, can be read by anyone who obtains a copy (a shared or leaked snapshot, a misused
#   `CreateVolume` permission) without any KMS key permission being checked, and there is no key-level
#   audit trail of access. HIPAA and PCI DSS expect stored sensitive data to be encrypted.
# custom:
#   id: ec2-ebs-volume-unencrypted
#   severity: high
#   resource_type: AWS::EC2::Volume
#   scope: storage.ebs_volumes
#   remediation: |
#     A volume cannot be encrypted in place: snapshot it, copy the snapshot with encryption, create a
#     new volume from the copy and swap it in:
#     `aws ec2 create-snapshot --volume-id vol-...`, `aws ec2 copy-snapshot --source-region <region> --source-snapshot-id snap-... --encrypted --kms-key-id <key>`,
#     `aws ec2 create-volume --snapshot-id snap-<copy> --availability-zone <az>`. Turn on EBS
#     encryption by default so new volumes are encrypted. Terraform: `encrypted = true` (and
#     `kms_key_id`) on `aws_ebs_volume` / the instance's `root_block_device`.
#   references:
#     - https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html
package palisade.ec2.ebs_volume_unencrypted

import rego.v1

checked contains v.arn if some v in input.storage.ebs_volumes

deny contains result if {
	some v in input.storage.ebs_volumes
	v.encrypted == false
	attached := object.get(v, "attached_instance_ids", [])
	result := {
		"arn": v.arn,
		"message": sprintf("EBS volume %s (account %s, %s, %v GiB, attached to %s) is not encrypted", [v.id, v.account_id, v.region, object.get(v, "size_gib", 0), attachment(attached)]),
		"evidence": {"encrypted": false, "attached_instance_ids": attached},
	}
}

attachment(ids) := "no instance" if count(ids) == 0

attachment(ids) := concat(", ", ids) if count(ids) > 0
