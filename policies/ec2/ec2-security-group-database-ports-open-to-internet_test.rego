package palisade.ec2.security_group_database_ports_open_to_internet_test

import data.palisade.ec2.security_group_database_ports_open_to_internet as policy
import rego.v1

arn := "arn:aws:ec2:us-east-1:111122223333:security-group/sg-1"

sg(ingress) := {"network": {"security_groups": [{
	"arn": arn,
	"account_id": "111122223333",
	"region": "us-east-1",
	"id": "sg-1",
	"name": "db",
	"vpc_id": "vpc-1",
	"ingress": ingress,
}]}}

rule(from, to, cidrs, v6) := {"protocol": "tcp", "from_port": from, "to_port": to, "cidr_blocks": cidrs, "ipv6_cidr_blocks": v6}

test_fail_postgres_from_ipv4_world if {
	inp := sg([rule(5432, 5432, ["0.0.0.0/0"], [])])
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	contains(r.message, "5432 (PostgreSQL)")
	r.evidence.ports == [5432]
}

test_fail_several_ports_listed_in_order if {
	inp := sg([
		rule(27017, 27017, [], ["::/0"]),
		rule(3306, 3306, ["0.0.0.0/0"], []),
		rule(443, 443, ["0.0.0.0/0"], []),
	])
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	contains(r.message, "3306 (MySQL/MariaDB), 27017 (MongoDB)")
	contains(r.message, "0.0.0.0/0, ::/0")
	count(r.evidence.rules) == 2
}

test_fail_wide_range_lists_every_database_port if {
	some r in policy.deny with input as sg([rule(0, 65535, ["0.0.0.0/0"], [])])
	count(r.evidence.ports) == 12
	contains(r.message, "1433 (SQL Server)")
	contains(r.message, "11211 (Memcached)")
}

test_fail_all_traffic_from_world if {
	count(policy.deny) == 1 with input as sg([{"protocol": "-1", "cidr_blocks": ["0.0.0.0/0"]}])
}

test_pass_database_port_from_private_range if {
	inp := sg([rule(5432, 5432, ["10.0.0.0/8"], []), {"protocol": "tcp", "from_port": 3306, "to_port": 3306, "security_group_ids": ["sg-app"]}])
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_pass_web_ports_from_world if {
	inp := sg([rule(80, 80, ["0.0.0.0/0"], ["::/0"]), rule(443, 443, ["0.0.0.0/0"], ["::/0"])])
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

db := "arn:aws:rds:us-east-1:111122223333:db:reports"

# with_facts(ingress, groups): the group, and network facts with `groups` as security_groups.
with_facts(ingress, groups) := object.union(sg(ingress), {"facts": {"network": {"exposures": {}, "security_groups": groups}}})

test_fail_without_network_facts_keeps_full_severity if {
	inp := sg([rule(5432, 5432, ["0.0.0.0/0"], [])])
	some r in policy.deny with input as inp
	r.message == "Security group sg-1 (db) in vpc-1 admits database ports 5432 (PostgreSQL) from 0.0.0.0/0"
	not "severity" in object.keys(r)
}

test_fail_one_port_reachable_keeps_full_severity if {
	inp := with_facts(
		[rule(3306, 3306, ["0.0.0.0/0"], []), rule(5432, 5432, ["0.0.0.0/0"], [])],
		{arn: {"attached": 2, "open": [{"protocol": "tcp", "ports": [[3306, 3306]]}], "exposed": [db]}},
	)
	some r in policy.deny with input as inp
	endswith(r.message, sprintf("from 0.0.0.0/0; reachable from the internet on %s", [db]))
	not "severity" in object.keys(r)
}

test_fail_not_reachable_is_low if {
	inp := with_facts(
		[rule(3306, 3306, ["0.0.0.0/0"], []), rule(5432, 5432, ["0.0.0.0/0"], [])],
		{arn: {"attached": 1, "open": [{"protocol": "tcp", "ports": [[443, 443]]}], "exposed": ["arn:aws:ec2:us-east-1:111122223333:instance/i-1"]}},
	)
	some r in policy.deny with input as inp
	r.severity == "low"
	contains(r.message, "; nothing it is attached to is reachable from the internet on ports 3306, 5432 (attached to 1 resource: ")
}

test_fail_attached_to_nothing_is_low if {
	inp := with_facts([rule(5432, 5432, ["0.0.0.0/0"], [])], {})
	some r in policy.deny with input as inp
	r.severity == "low"
	endswith(r.message, "from 0.0.0.0/0; it is attached to nothing")
}
