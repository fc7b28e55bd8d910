# METADATA
# title: Security group exposes database ports to the internet
# description: |
#   A security group admits, from 0.0.0.0/0 or ::/0, one or more well-known database and data-store
#   ports (SQL Server 1433, Oracle 1521/2483/2484, MySQL 3306, PostgreSQL 5432, Redshift 5439,
#   Redis 6379, Cassandra 9042, Elasticsearch/OpenSearch 9200, Memcached 11211, MongoDB 27017).
#   Data stores reachable from the internet are mass-scanned for weak or missing authentication
#   and unpatched vulnerabilities, and are a frequent source of large data breaches and ransom wipes.
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
#   frameworks:
#     hipaa: ["164.312(a)(1)", "164.312(e)(1)"]
#     pci-dss-4.0: ["1.3.1", "1.4.1", "1.4.4"]
package palisade.ec2.security_group_database_ports_open_to_internet

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
	world_rules := [rule | some rule in sg.ingress; util.open_to_world(rule)]
	ports := {p | some p, _ in db_ports; some rule in world_rules; util.port_in_rule(rule, p)}
	count(ports) > 0
	offending := {rule | some rule in world_rules; some p in ports; util.port_in_rule(rule, p)}
	sources := {c | some rule in offending; some c in util.world_sources(rule)}
	labels := [sprintf("%d (%s)", [p, db_ports[p]]) | some p in sort(ports)]
	result := {
		"arn": sg.arn,
		"message": sprintf("Security group %s (%s) in %s admits database ports %s from %s", [sg.id, sg.name, sg.vpc_id, concat(", ", labels), concat(", ", sort(sources))]),
		"evidence": {"ports": sort(ports), "rules": [rule | some rule in offending]},
	}
}
