# METADATA
# title: RDS DB instance is publicly accessible
# description: |
#   The DB instance has the PubliclyAccessible flag set, so its endpoint resolves to a public IP
#   address and it can accept connections from the internet wherever its subnets' routes and its
#   security groups allow. Databases should only be reachable from the application tier inside the
#   VPC; internet-facing databases are brute-forced and exploited. This check reads the
#   configuration flag; whether the instance is actually reachable is a separate analysis.
# custom:
#   id: rds-instance-publicly-accessible
#   severity: high
#   resource_type: AWS::RDS::DBInstance
#   scope: storage.rds_instances
#   remediation: |
#     Turn the flag off (clients inside the VPC keep working; external clients should use a VPN,
#     a bastion or AWS PrivateLink):
#     `aws rds modify-db-instance --db-instance-identifier <db> --no-publicly-accessible --apply-immediately`.
#     Place the instance in private subnets. Terraform: `publicly_accessible = false` on
#     `aws_db_instance`.
#   references:
#     - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html
package palisade.rds.instance_publicly_accessible

import rego.v1

checked contains db.arn if some db in input.storage.rds_instances

deny contains result if {
	some db in input.storage.rds_instances
	db.publicly_accessible == true
	result := {
		"arn": db.arn,
		"message": sprintf("RDS DB instance %s (%s, account %s, %s) has PubliclyAccessible set to true; this is the configuration flag only: whether the internet can actually reach it depends on its subnets' routes and %s, which this check does not analyse", [db.id, db.engine, db.account_id, db.region, groups(object.get(db, "security_group_ids", []))]),
		"evidence": {
			"publicly_accessible": true,
			"vpc_id": object.get(db, "vpc_id", null),
			"subnet_ids": object.get(db, "subnet_ids", []),
			"security_group_ids": object.get(db, "security_group_ids", []),
		},
	}
}

groups(ids) := sprintf("security groups %s", [concat(", ", ids)]) if count(ids) > 0

groups(ids) := "security groups" if count(ids) == 0
