# METADATA
# title: Security group exposes database ports to the internet
# description: |
#   A security group admits, from 0.0.0.0/0 or ::/0, one or more well-known database and data-store
#   ports (SQL Server 1433, Oracle 1521/2483/2484, MySQL 3306, PostgreSQL 5432, Redshift 5439,
#   Redis 6379, Cassandra 9042, Elasticsearch/OpenSearch 9200, Memcached 11211, MongoDB 27017).
#   Data stores reachable from the internet are mass-scanned for weak or missing authentication
#   and unpatched vulnerabilities, and are a frequent source of large data breaches and ransom wipes.
#
#   The rules alone are judged, so this fails wherever the group is used. When the network
#   reachability analysis ran, the finding also says whether the internet actually reaches one
#   of those ports on something the group is attached to (and names those resources); when none
#   is reachable that way (no public address, no internet gateway route, or a network ACL blocks
#   it) or the group is attached to nothing, the finding is kept as hygiene but lowered to low
#   severity. `ec2-instance-database-port-reachable-from-internet` and
#   `rds-instance-reachable-from-internet` report the reachable resources.
# custom:
#   id: ec2-security-group-database-ports-open-to-internet
#   severity: high
#   resource_type: AWS::EC2::SecurityGroup
#   scope: network.security_groups
#   remediation: |
#     Remove the world sources for the database ports and admit only the application tiers that need
#     them, preferably by referencing their security groups instead of CIDR ranges:
#     `aws ec2 revoke-security-group-ingress --group-id sg-... --protocol tcp --port 5432 --cidr 0.0.0.0/0`,
#     then `aws ec2 authorize-security-group-ingress --group-id sg-... --protocol tcp --port 5432 --source-group sg-app`.
#     Terraform: use `source_security_group_id` (or `referenced_security_group_id`) instead of
#     `cidr_blocks = ["0.0.0.0/0"]` on the rule.
#   references:
#     - https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-group-rules.html
#     - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.RDSSecurityGroups.html
package palisade.ec2.security_group_database_ports_open_to_internet

import data.palisade.lib.network
import data.palisade.lib.util
import rego.v1

# The data-store ports this policy watches, with the service each usually belongs to.
db_ports := {
	1433: "SQL Server",
	1521: "Oracle",
	2483: "Oracle",
	2484: "Oracle TLS",
	3306: "MySQL/MariaDB",
	5432: "PostgreSQL",
	5439: "Redshift",
	6379: "Redis",
	9042: "Cassandra",
	9200: "Elasticsearch/OpenSearch",
	11211: "Memcached",
	27017: "MongoDB",
}

checked contains sg.arn if some sg in input.network.security_groups

deny contains result if {
	some sg in input.network.security_groups
	open := util.world_ports(sg, db_ports)

	# Whether the internet actually reaches one of these ports through the group. Without
	# network facts (`input.facts.network` absent: a scan without the analysis, and most tests)
	# the note is empty and the result keeps the rule's full severity, as before.
	reach := network.group_reach(sg.arn, network.ports_in(network.group_open(sg.arn), open.ports), util.ports_text(open.ports))
	result := object.union(
		{
			"arn": sg.arn,
			"message": sprintf("Security group %s (%s) in %s admits database ports %s from %s%s", [sg.id, sg.name, sg.vpc_id, concat(", ", open.labels), concat(", ", sort(open.sources)), reach.note]),
			"evidence": {"ports": sort(open.ports), "rules": [rule | some rule in open.rules]},
		},
		reach.extra,
	)
}
