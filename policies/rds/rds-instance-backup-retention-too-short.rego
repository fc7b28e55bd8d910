# METADATA
# title: RDS DB instance keeps automated backups for less than 7 days
# description: |
#   The DB instance's automated backup retention period is below 7 days (0 disables automated
#   backups and point-in-time recovery entirely). Corruption, a bad migration or a destructive
#   attack is often noticed only days later; a short retention window leaves nothing to restore
#   from, which undermines the data backup and disaster recovery plans HIPAA requires.
# custom:
#   id: rds-instance-backup-retention-too-short
#   severity: low
#   resource_type: AWS::RDS::DBInstance
#   scope: storage.rds_instances
#   remediation: |
#     Set a retention period of at least 7 days (up to 35):
#     `aws rds modify-db-instance --db-instance-identifier <db> --backup-retention-period 7 --apply-immediately`
#     (for Aurora, set it on the cluster with `aws rds modify-db-cluster --backup-retention-period 7`).
#     For longer retention use AWS Backup. Terraform: `backup_retention_period = 7` (or more) on
#     `aws_db_instance` / `aws_rds_cluster`.
#   references:
#     - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html
package palisade.rds.instance_backup_retention_too_short

import rego.v1

minimum_days := 7

checked contains db.arn if some db in input.storage.rds_instances

deny contains result if {
	some db in input.storage.rds_instances
	days := object.get(db, "backup_retention_days", 0)
	days < minimum_days
	result := {
		"arn": db.arn,
		"message": sprintf("RDS DB instance %s (%s, account %s, %s) %s", [db.id, db.engine, db.account_id, db.region, problem(days)]),
		"evidence": {"backup_retention_days": days, "minimum_days": minimum_days},
	}
}

problem(0) := "has automated backups disabled (retention 0 days; at least 7 required)"

problem(days) := sprintf("keeps automated backups for %d days (at least %d required)", [days, minimum_days]) if days != 0
