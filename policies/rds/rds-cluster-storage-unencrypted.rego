# METADATA
# title: RDS DB cluster storage is not encrypted
# description: |
#   The DB cluster (Aurora, or a Multi-AZ DB cluster) does not encrypt its storage at rest, and with
#   it every member instance, automated backup and cluster snapshot. Anyone who obtains a copied or
#   shared snapshot can restore and read the database without any KMS key permission being checked.
# custom:
#   id: rds-cluster-storage-unencrypted
#   severity: high
#   resource_type: AWS::RDS::DBCluster
#   scope: storage.rds_clusters
#   remediation: |
#     Encryption cannot be turned on in place: snapshot the cluster and restore a new, encrypted
#     cluster from the snapshot, then switch clients over:
#     `aws rds create-db-cluster-snapshot --db-cluster-identifier <cluster> --db-cluster-snapshot-identifier <snap>`,
#     `aws rds restore-db-cluster-from-snapshot --db-cluster-identifier <cluster>-enc --snapshot-identifier <snap> --engine <engine> --kms-key-id <key>`
#     (then add instances with `aws rds create-db-instance --db-cluster-identifier <cluster>-enc ...`).
#     Terraform: `storage_encrypted = true` (and `kms_key_id`) on `aws_rds_cluster`.
#   references:
#     - https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Overview.Encryption.html
package palisade.rds.cluster_storage_unencrypted

import rego.v1

checked contains c.arn if some c in input.storage.rds_clusters

deny contains result if {
	some c in input.storage.rds_clusters
	c.storage_encrypted == false
	members := object.get(c, "member_instance_ids", [])
	result := {
		"arn": c.arn,
		"message": sprintf("RDS DB cluster %s (%s, account %s, %s, %d member instances) does not encrypt its storage", [c.id, c.engine, c.account_id, c.region, count(members)]),
		"evidence": {"storage_encrypted": false, "engine": c.engine, "member_instance_ids": members},
	}
}
