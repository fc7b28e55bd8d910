# METADATA
# title: RDS DB cluster uses the engine's default master username
# description: |
#   The master user of an Aurora or Multi-AZ DB cluster has the name its engine offers by
#   default (`postgres` for PostgreSQL-compatible engines, `admin` or `root` for MySQL-compatible
#   ones). Password-guessing against the cluster's endpoints starts with these names, so a
#   default name leaves only the password to guess, and PCI DSS treats it as a vendor default
#   account. DocumentDB and Neptune clusters are not judged.
# custom:
#   id: rds-cluster-default-master-username
#   severity: low
#   resource_type: AWS::RDS::DBCluster
#   scope: storage.rds_clusters
#   remediation: |
#     The master username cannot be changed: restore a snapshot into a new cluster created with a
#     unique `--master-username`, move traffic to it and delete the old cluster. Meanwhile keep
#     the master user for administration only, with a long secret rotated by Secrets Manager
#     (`--manage-master-user-password`). Terraform: set `master_username` on new `aws_rds_cluster`s.
#   references:
#     - https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/UsingWithRDS.MasterAccounts.html
package palisade.rds.cluster_default_master_username

import data.palisade.lib.rds
import rego.v1

judged(c) if {
	is_string(c.master_username)
	rds.default_master_usernames[rds.family(c.engine)]
}

checked contains c.arn if {
	some c in input.storage.rds_clusters
	judged(c)
}

deny contains result if {
	some c in input.storage.rds_clusters
	judged(c)
	defaults := rds.default_master_usernames[rds.family(c.engine)]
	lower(c.master_username) in defaults
	result := {
		"arn": c.arn,
		"message": sprintf("RDS DB cluster %s has the default master username %q", [rds.label(c), c.master_username]),
		"evidence": {"master_username": c.master_username, "defaults": sort(defaults)},
	}
}
