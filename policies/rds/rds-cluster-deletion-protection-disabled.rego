# METADATA
# title: RDS DB cluster can be deleted without first turning off deletion protection
# description: |
#   Deletion protection is off for a DB cluster (Aurora, Multi-AZ DB cluster, DocumentDB or
#   Neptune). One `DeleteDBCluster` call (a mistaken script, a compromised pipeline role, an
#   attacker destroying evidence or holding data to ransom) then removes the cluster and, unless
#   a final snapshot is asked for, its automated backups; with protection on, the call fails
#   until someone first changes the setting, a separate, logged and alarmable step.
# custom:
#   id: rds-cluster-deletion-protection-disabled
#   severity: medium
#   resource_type: AWS::RDS::DBCluster
#   scope: storage.rds_clusters
#   remediation: |
#     `aws rds modify-db-cluster --db-cluster-identifier CLUSTER --deletion-protection
#     --apply-immediately` (`aws docdb` / `aws neptune` for those engines). Terraform:
#     `deletion_protection = true` on the `aws_rds_cluster` (or `aws_docdb_cluster`,
#     `aws_neptune_cluster`).
#   references:
#     - https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/USER_DeleteCluster.html#USER_DeletionProtection
package palisade.rds.cluster_deletion_protection_disabled

import data.palisade.lib.rds
import rego.v1

checked contains c.arn if some c in input.storage.rds_clusters

deny contains result if {
	some c in input.storage.rds_clusters
	not c.deletion_protection == true
	result := {
		"arn": c.arn,
		"message": sprintf("RDS DB cluster %s has deletion protection turned off", [rds.label(c)]),
		"evidence": {"deletion_protection": object.get(c, "deletion_protection", null)},
	}
}
