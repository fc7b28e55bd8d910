# METADATA
# title: RDS DB instance uses the engine's default master username
# description: |
#   The master user of a DB instance that belongs to no cluster has the name its engine offers
#   by default (`postgres` for PostgreSQL, `admin` or `root` for MySQL and MariaDB, `admin` for
#   Oracle, SQL Server and Db2). Password-guessing against an exposed or internally reachable
#   database starts with these names, so a default name leaves only the password to guess, and
#   PCI DSS treats it as a vendor default account. DocumentDB and Neptune are not judged;
#   cluster members are judged at the cluster (`rds-cluster-default-master-username`).
# custom:
#   id: rds-instance-default-master-username
#   severity: low
#   resource_type: AWS::RDS::DBInstance
#   scope: storage.rds_instances
#   remediation: |
#     The master username cannot be changed: restore a snapshot into a new instance created with a
#     unique `--master-username`, move traffic to it and delete the old instance. Meanwhile keep
#     the master user for administration only, with a long secret rotated by Secrets Manager
#     (`--manage-master-user-password`). Terraform: set `username` on new `aws_db_instance`s.
#   references:
#     - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.MasterAccounts.html
package palisade.rds.instance_default_master_username

import data.palisade.lib.rds
import rego.v1

judged(db) if {
	rds.standalone(db)
	is_string(db.master_username)
	rds.default_master_usernames[rds.family(db.engine)]
}

checked contains db.arn if {
	some db in input.storage.rds_instances
	judged(db)
}

deny contains result if {
	some db in input.storage.rds_instances
	judged(db)
	defaults := rds.default_master_usernames[rds.family(db.engine)]
	lower(db.master_username) in defaults
	result := {
		"arn": db.arn,
		"message": sprintf("RDS DB instance %s has the default master username %q", [rds.label(db), db.master_username]),
		"evidence": {"master_username": db.master_username, "defaults": sort(defaults)},
	}
}
