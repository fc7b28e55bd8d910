# METADATA
# title: RDS DB instance is reachable from the internet
# description: |
#   Most of the internet can actually open a connection to the DB instance's port. That takes
#   three things at once: the instance is publicly accessible (its endpoint resolves to a public
#   address), it is placed in subnets whose route table sends the internet to an internet
#   gateway, and its security groups and the subnets' network ACLs admit the database port (and
#   the replies) from at least half of the internet's addresses. Unlike
#   `rds-instance-publicly-accessible`, which reads the configuration flag alone, this follows
#   the whole path, so it fails only for databases that are exposed in fact, and shows how.
#   Internet-facing databases are brute-forced and exploited, and are a frequent source of
#   large data breaches. DB instances the network analysis has no facts for are not checked.
# custom:
#   id: rds-instance-reachable-from-internet
#   severity: critical
#   resource_type: AWS::RDS::DBInstance
#   scope: storage.rds_instances
#   inputs: [network.subnets, network.route_tables, network.network_acls, network.security_groups, network.network_interfaces, network.internet_gateways, network.prefix_lists]
#   remediation: |
#     Turn public accessibility off (clients inside the VPC keep working; external clients
#     should use a VPN, a bastion or AWS PrivateLink):
#     `aws rds modify-db-instance --db-instance-identifier <db> --no-publicly-accessible --apply-immediately`.
#     Also admit the database port only from the application tiers' security groups
#     (`aws ec2 revoke-security-group-ingress --group-id sg-... --protocol tcp --port 3306 --cidr 0.0.0.0/0`)
#     and use a DB subnet group of private subnets. Check the result with
#     `palisade reach --from internet --to <db>`. Terraform: `publicly_accessible = false` on
#     `aws_db_instance`, private subnets in its `aws_db_subnet_group`, and
#     `source_security_group_id` instead of `cidr_blocks = ["0.0.0.0/0"]` on its rules.
#   references:
#     - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html
#     - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.RDSSecurityGroups.html
#     - https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html
package palisade.rds.instance_reachable_from_internet

import data.palisade.lib.network
import rego.v1

checked contains db.arn if {
	some db in input.storage.rds_instances
	network.exposure(db.arn)
}

deny contains result if {
	some db in input.storage.rds_instances
	e := network.exposure(db.arn)
	some route in network.service_routes(db.arn)
	result := {
		"arn": db.arn,
		"message": sprintf("RDS DB instance %s%s is reachable from the internet on %s: %s", [e.name, engine(db), route.services, route.path]),
		"evidence": {"open": e.open, "reachable": route.reachable},
	}
}

engine(db) := sprintf(" (%s)", [db.engine]) if is_string(object.get(db, "engine", null))

engine(db) := "" if not is_string(object.get(db, "engine", null))
