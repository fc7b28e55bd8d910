# METADATA
# title: RDS DB instance can be deleted without first turning off deletion protection
# description: |
#   Deletion protection is off for a DB instance that is not part of a cluster. One
#   `DeleteDBInstance` call (a mistaken script, a compromised pipeline role, an attacker
#   destroying evidence or holding data to ransom) then removes the database; with protection
#   on, the call fails until someone first changes the instance's setting, which is a
#   separate, logged, alarmable step. Instances of an Aurora, Multi-AZ DB cluster, DocumentDB
#   or Neptune cluster are judged at the cluster (`rds-cluster-deletion-protection-disabled`),
#   where the setting lives.
# custom:
#   id: rds-instance-deletion-protection-disabled
#   severity: medium
#   resource_type: AWS::RDS::DBInstance
#   scope: storage.rds_instances
#   remediation: |
#     `aws rds modify-db-instance --db-instance-identifier DB --deletion-protection
#     --apply-immediately`. Terraform: `deletion_protection = true` on the `aws_db_instance`.
#   references:
#     - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html#USER_DeletionProtection
package palisade.rds.instance_deletion_protection_disabled

import data.palisade.lib.rds
import rego.v1

checked contains db.arn if {
	some db in input.storage.rds_instances
	rds.standalone(db)
}

deny contains result if {
	some db in input.storage.rds_instances
	rds.standalone(db)
	not db.deletion_protection == true
	result := {
		"arn": db.arn,
		"message": sprintf("RDS DB instance %s has deletion protection turned off", [rds.label(db)]),
		"evidence": {"deletion_protection": object.get(db, "deletion_protection", null)},
	}
}
