# METADATA
# title: KMS key is scheduled for deletion
# description: |
#   A customer managed KMS key is waiting out its deletion period (state `PendingDeletion`, or
#   `PendingReplicaDeletion` for a multi-Region replica). When the period ends the key is gone
#   for good, and with it every byte still encrypted under it: EBS volumes and snapshots, RDS
#   databases, S3 objects, secrets and backups become unreadable, recoverable by nobody. A
#   deletion scheduled by mistake, or by an attacker holding the account's data to ransom,
#   can still be cancelled now; a deliberate crypto-shredding should be confirmed against the
#   key management procedure before the date.
# custom:
#   id: kms-key-pending-deletion
#   severity: high
#   resource_type: AWS::KMS::Key
#   scope: storage.kms_keys
#   remediation: |
#     If the deletion is not intended: `aws kms cancel-key-deletion --key-id KEY`, then
#     `aws kms enable-key --key-id KEY` (cancelling leaves the key disabled). If it is intended,
#     first check with CloudTrail (`Decrypt` events naming the key) and the resources that name
#     the key that nothing still needs it, and record the approval. Alarm on
#     `ScheduleKeyDeletion` (see `cloudwatch-kms-key-disable-or-deletion-not-monitored`).
#   references:
#     - https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html
#     - https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys-scheduling-key-deletion.html
package palisade.kms.key_pending_deletion

import rego.v1

pending_states := {"PendingDeletion", "PendingReplicaDeletion"}

checked contains k.arn if {
	some k in input.storage.kms_keys
	k.manager == "CUSTOMER"
}

deny contains result if {
	some k in input.storage.kms_keys
	k.manager == "CUSTOMER"
	k.state in pending_states
	when := object.get(k, "deletion_date", null)
	result := {
		"arn": k.arn,
		"message": sprintf("KMS key %s%s in %s (account %s) is scheduled for deletion%s: data still encrypted under it will be unrecoverable", [k.id, alias_text(k), k.region, k.account_id, date_text(when)]),
		"evidence": {"state": k.state, "deletion_date": when},
	}
}

alias_text(k) := sprintf(" (%s)", [concat(", ", k.aliases)]) if count(object.get(k, "aliases", [])) > 0

alias_text(k) := "" if count(object.get(k, "aliases", [])) == 0

date_text(null) := ""

date_text(when) := sprintf(" on %s", [when]) if when != null
