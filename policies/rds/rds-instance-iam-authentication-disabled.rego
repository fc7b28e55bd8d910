# METADATA
# title: RDS DB instance accepts only database passwords, not IAM authentication
# description: |
#   IAM database authentication is off for a MySQL, MariaDB or PostgreSQL DB instance that
#   belongs to no cluster. Every connection then needs a long-lived database password, which
#   ends up in configuration files, environment variables and CI secrets, is rarely rotated and
#   is not tied to a person. With IAM authentication, applications and people connect with
#   15-minute tokens issued to an IAM identity, so access follows IAM policy, is revoked with the
#   identity and is logged in CloudTrail. Other engines do not offer it and are not judged;
#   cluster members are judged at the cluster (`rds-cluster-iam-authentication-disabled`).
# custom:
#   id: rds-instance-iam-authentication-disabled
#   severity: low
#   resource_type: AWS::RDS::DBInstance
#   scope: storage.rds_instances
#   remediation: |
#     `aws rds modify-db-instance --db-instance-identifier DB --enable-iam-database-authentication
#     --apply-immediately`, then create database users mapped to IAM (`GRANT rds_iam TO app` in
#     PostgreSQL, `IDENTIFIED WITH AWSAuthenticationPlugin` in MySQL) and grant `rds-db:connect`.
#     Terraform: `iam_database_authentication_enabled = true` on the `aws_db_instance`.
#   references:
#     - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.html
package palisade.rds.instance_iam_authentication_disabled

import data.palisade.lib.rds
import rego.v1

# The engines whose standalone instances support IAM database authentication.
supported := {"mysql", "mariadb", "postgres"}

judged(db) if {
	rds.standalone(db)
	rds.family(db.engine) in supported
}

checked contains db.arn if {
	some db in input.storage.rds_instances
	judged(db)
}

deny contains result if {
	some db in input.storage.rds_instances
	judged(db)
	not db.iam_auth_enabled == true
	result := {
		"arn": db.arn,
		"message": sprintf("RDS DB instance %s has IAM database authentication turned off: connections need a database password", [rds.label(db)]),
		"evidence": {"iam_auth_enabled": object.get(db, "iam_auth_enabled", null)},
	}
}
