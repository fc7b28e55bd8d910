# METADATA
# title: EC2 instance is reachable from the internet on a database port
# description: |
#   Most of the internet can actually open a connection to the instance on a well-known
#   database or data-store port (SQL Server 1433, Oracle 1521/2483/2484, MySQL 3306, PostgreSQL
#   5432, Redshift 5439, Redis 6379, Cassandra 9042, Elasticsearch/OpenSearch 9200, Memcached
#   11211, MongoDB 27017). Unlike the security group check, this follows the whole path a packet
#   takes: the instance has a public IPv4 address (or an IPv6 address), its subnet routes the
#   internet through an internet gateway, the subnet's network ACL admits the port and the
#   replies, and one of its security groups admits the port from at least half of the internet's
#   addresses (prefix lists resolved). Self-managed data stores reachable from everywhere are
#   mass-scanned for weak or missing authentication and are a frequent source of large breaches
#   and ransom wipes. The finding shows the path. Stopped instances are included: they are
#   exposed again as soon as they start. Instances the network analysis has no facts for
#   (terminated, or data missing) are not checked.
# custom:
#   id: ec2-instance-database-port-reachable-from-internet
#   severity: high
#   resource_type: AWS::EC2::Instance
#   scope: network.instances
#   inputs: [network.subnets, network.route_tables, network.network_acls, network.security_groups, network.network_interfaces, network.internet_gateways, network.prefix_lists]
#   remediation: |
#     Break the path at any layer, best at the security group: remove the world sources for the
#     database port and admit only the application tiers that need it, preferably by
#     referencing their security groups
#     (`aws ec2 revoke-security-group-ingress --group-id sg-... --protocol tcp --port 5432 --cidr 0.0.0.0/0`,
#     then `aws ec2 authorize-security-group-ingress --group-id sg-... --protocol tcp --port 5432 --source-group sg-app`).
#     Data stores belong in private subnets without public addresses. Check the result with
#     `palisade reach --from internet --to i-...`. Terraform: use `source_security_group_id`
#     (or `referenced_security_group_id`) instead of `cidr_blocks = ["0.0.0.0/0"]`, and
#     `associate_public_ip_address = false`.
#   references:
#     - https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-group-rules.html
#     - https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html
#     - https://docs.aws.amazon.com/vpc/latest/userguide/configure-subnets.html
package palisade.ec2.instance_database_port_reachable_from_internet

import data.palisade.lib.network
import rego.v1

# The data-store ports this policy watches (as ec2-security-group-database-ports-open-to-internet).
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

watched := {p | some p, _ in db_ports}

checked contains i.arn if {
	some i in input.network.instances
	i.state != "terminated"
	network.exposure(i.arn)
}

deny contains result if {
	some i in input.network.instances
	i.state != "terminated"
	e := network.exposure(i.arn)
	some route in network.port_routes(i.arn, watched)
	result := {
		"arn": i.arn,
		"message": sprintf("EC2 instance %s%s is reachable from the internet on %s: %s", [
			e.name, network.state_note(object.get(e, "state", i.state)),
			network.port_labels(route.ports, db_ports), route.path,
		]),
		"evidence": {"ports": sort(route.ports), "reachable": route.reachable},
	}
}
