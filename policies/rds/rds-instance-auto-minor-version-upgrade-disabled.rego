# METADATA
# title: RDS DB instance does not apply minor engine upgrades automatically
# description: |
#   Automatic minor version upgrade is off for the DB instance (CIS AWS Foundations 2.3.2).
#   Minor engine versions carry security fixes; with the setting off they wait until someone
#   upgrades by hand, which in practice often means never. With it on, RDS applies them in the
#   instance's maintenance window.
# custom:
#   id: rds-instance-auto-minor-version-upgrade-disabled
#   severity: low
#   resource_type: AWS::RDS::DBInstance
#   scope: storage.rds_instances
#   remediation: |
#     `aws rds modify-db-instance --db-instance-identifier DB --auto-minor-version-upgrade
#     --apply-immediately` (the upgrade itself happens in the maintenance window). Terraform:
#     `auto_minor_version_upgrade = true` on the `aws_db_instance`.
#   references:
#     - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_UpgradeDBInstance.Upgrading.html#USER_UpgradeDBInstance.Upgrading.AutoMinorVersionUpgrades
package palisade.rds.instance_auto_minor_version_upgrade_disabled

import rego.v1

checked contains db.arn if some db in input.storage.rds_instances

deny contains result if {
	some db in input.storage.rds_instances
	not db.auto_minor_version_upgrade == true
	result := {
		"arn": db.arn,
		"message": sprintf("RDS DB instance %s (%s, account %s, %s) has automatic minor version upgrade turned off", [db.id, db.engine, db.account_id, db.region]),
		"evidence": {"auto_minor_version_upgrade": object.get(db, "auto_minor_version_upgrade", null)},
	}
}
