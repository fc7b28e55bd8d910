# METADATA
# title: RDS DB cluster accepts only database passwords, not IAM authentication
# description: |
#   IAM database authentication is off for an Aurora MySQL, Aurora PostgreSQL, Multi-AZ MySQL
#   or PostgreSQL, or Neptune DB cluster. Every connection then needs a long-lived database
#   password, which ends up in configuration files and CI secrets, is rarely rotated and is not
#   tied to a person. With IAM authentication, clients connect with short-lived tokens issued to
#   an IAM identity, so access follows IAM policy, is revoked with the identity and is logged in
#   CloudTrail. DocumentDB clusters do not offer it and are not judged.
# custom:
#   id: rds-cluster-iam-authentication-disabled
#   severity: low
#   resource_type: AWS::RDS::DBCluster
#   scope: storage.rds_clusters
#   remediation: |
#     `aws rds modify-db-cluster --db-cluster-identifier CLUSTER
#     --enable-iam-database-authentication --apply-immediately` (`aws neptune` for Neptune), then
#     map database users to IAM and grant `rds-db:connect` (`neptune-db:connect`). Terraform:
#     `iam_database_authentication_enabled = true` on the `aws_rds_cluster`.
#   references:
#     - https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/UsingWithRDS.IAMDBAuth.html
#     - https://docs.aws.amazon.com/neptune/latest/userguide/iam-auth.html
package palisade.rds.cluster_iam_authentication_disabled

import data.palisade.lib.rds
import rego.v1

supported := {"aurora-mysql", "aurora-postgresql", "mysql", "postgres"}

judged(c) if rds.family(c.engine) in supported

judged(c) if c.engine == "neptune"

checked contains c.arn if {
	some c in input.storage.rds_clusters
	judged(c)
}

deny contains result if {
	some c in input.storage.rds_clusters
	judged(c)
	not c.iam_auth_enabled == true
	result := {
		"arn": c.arn,
		"message": sprintf("RDS DB cluster %s has IAM database authentication turned off: connections need a database password", [rds.label(c)]),
		"evidence": {"iam_auth_enabled": object.get(c, "iam_auth_enabled", null)},
	}
}
