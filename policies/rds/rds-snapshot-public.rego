# METADATA
# title: RDS snapshot is public
# description: |
#   The DB snapshot or DB cluster snapshot grants restore permission to `all`: any AWS account can
#   copy it and restore a full database from it. Public RDS snapshots have exposed complete
#   production databases; snapshots of databases with sensitive data must never be public.
# custom:
#   id: rds-snapshot-public
#   severity: critical
#   resource_type: AWS::RDS::DBSnapshot
#   scope: storage.rds_snapshots
#   needs: [rds:DescribeDBSnapshotAttributes, rds:DescribeDBClusterSnapshotAttributes]
#   remediation: |
#     Remove the public restore permission (share with named accounts instead, if needed):
#     `aws rds modify-db-snapshot-attribute --db-snapshot-identifier <snap> --attribute-name restore --values-to-remove all`
#     or, for a cluster snapshot,
#     `aws rds modify-db-cluster-snapshot-attribute --db-cluster-snapshot-identifier <snap> --attribute-name restore --values-to-remove all`.
#     Terraform: do not set `shared_accounts = ["all"]` on `aws_db_snapshot` / `aws_db_cluster_snapshot`.
#   references:
#     - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ShareSnapshot.html
#     - https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBClusterSnapshotAttribute.html
package palisade.rds.snapshot_public

import rego.v1

checked contains s.arn if some s in input.storage.rds_snapshots

deny contains result if {
	some s in input.storage.rds_snapshots
	object.get(s, "public", false) == true
	result := {
		"arn": s.arn,
		"message": sprintf("RDS %s snapshot %s (%saccount %s, %s) is public: any AWS account can restore it", [s.kind, s.id, source(s), s.account_id, s.region]),
		"evidence": {"public": true, "kind": s.kind, "encrypted": s.encrypted, "shared_with": object.get(s, "shared_with", [])},
	}
}

# source(s): "of <db or cluster id>, " when the snapshot's source is known.
source(s) := sprintf("of %s, ", [s.source_id]) if is_string(object.get(s, "source_id", null))

source(s) := "" if not is_string(object.get(s, "source_id", null))
