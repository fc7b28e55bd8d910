# METADATA
# title: RDS snapshot is not encrypted
# description: |
#   A DB instance or DB cluster snapshot is stored unencrypted. A snapshot is a complete copy of
#   the database; it outlives the instance it came from, is copied across regions and accounts,
#   and one `RestoreDBInstanceFromDBSnapshot` turns it back into a readable database. Encrypted
#   snapshots can only be restored or shared by principals the KMS key policy allows, so the key
#   becomes a second lock on the data. A snapshot of an unencrypted database is unencrypted too;
#   `rds-instance-storage-unencrypted` and `rds-cluster-storage-unencrypted` report the source.
# custom:
#   id: rds-snapshot-unencrypted
#   severity: medium
#   resource_type: AWS::RDS::DBSnapshot
#   scope: storage.rds_snapshots
#   remediation: |
#     An existing snapshot cannot be encrypted in place: copy it with a KMS key
#     (`aws rds copy-db-snapshot --source-db-snapshot-identifier SNAP
#     --target-db-snapshot-identifier SNAP-encrypted --kms-key-id alias/KEY`, or
#     `copy-db-cluster-snapshot` for clusters), check the copy restores, then delete the
#     unencrypted snapshot. Encrypt the source database so later snapshots are encrypted.
#   references:
#     - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html
#     - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_CopySnapshot.html
package palisade.rds.snapshot_unencrypted

import rego.v1

checked contains s.arn if some s in input.storage.rds_snapshots

deny contains result if {
	some s in input.storage.rds_snapshots
	s.encrypted == false
	source := object.get(s, "source_id", null)
	result := {
		"arn": s.arn,
		"message": sprintf("RDS %s snapshot %s (account %s, %s) of %s is not encrypted", [s.kind, s.id, s.account_id, s.region, source_text(s.kind, source)]),
		"evidence": {"encrypted": false, "kind": s.kind, "source_id": source},
	}
}

source_text(kind, null) := sprintf("an unknown DB %s", [kind])

source_text(kind, id) := sprintf("DB %s %s", [kind, id]) if id != null
