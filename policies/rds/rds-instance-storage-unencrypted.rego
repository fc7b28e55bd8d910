# METADATA
# title: RDS DB instance storage is not encrypted
# description: |
#   The DB instance's storage is not encrypted at rest, and with it its automated backups, read
#   replicas and snapshots. Anyone who obtains the underlying storage or a copied or shared snapshot
#   can read the database without a KMS key permission being checked. Encryption can only be chosen
#   at creation, so it should be on from the start for any database holding sensitive data.
# custom:
#   id: rds-instance-storage-unencrypted
#   severity: high
#   resource_type: AWS::RDS::DBInstance
#   scope: storage.rds_instances
#   needs: [rds:DescribeDBInstances]
#   remediation: |
#     Encryption cannot be turned on in place: take a snapshot, copy it with encryption and restore
#     a new instance from the copy, then switch clients over:
#     `aws rds create-db-snapshot --db-instance-identifier <db> --db-snapshot-identifier <snap>`,
#     `aws rds copy-db-snapshot --source-db-snapshot-identifier <snap> --target-db-snapshot-identifier <snap>-enc --kms-key-id <key>`,
#     `aws rds restore-db-instance-from-db-snapshot --db-instance-identifier <db>-enc --db-snapshot-identifier <snap>-enc`.
#     Terraform: `storage_encrypted = true` (and `kms_key_id`) on `aws_db_instance`.
#   references:
#     - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html
package palisade.rds.instance_storage_unencrypted

import rego.v1

checked contains db.arn if some db in input.storage.rds_instances

deny contains result if {
	some db in input.storage.rds_instances
	db.storage_encrypted == false
	result := {
		"arn": db.arn,
		"message": sprintf("RDS DB instance %s (%s, account %s, %s) does not encrypt its storage", [db.id, db.engine, db.account_id, db.region]),
		"evidence": {"storage_encrypted": false, "engine": db.engine},
	}
}
