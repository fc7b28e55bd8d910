package palisade.ec2.instance_database_port_reachable_from_internet_test

import data.palisade.ec2.instance_database_port_reachable_from_internet as policy
import rego.v1

arn := "arn:aws:ec2:us-east-1:111122223333:instance/i-1"

v4_path := "internet (0.0.0.0/0) → internet gateway igw-1 → rtb-1 route 0.0.0.0/0 → acl-1 inbound rule 100 → sg-1 rule 1 (tcp/5432 from 0.0.0.0/0) → acl-1 outbound rule 100 (replies) → 54.1.2.3 (eni-1, subnet subnet-1)"

tcp(from, to) := {"protocol": "tcp", "ports": [[from, to]]}

entry(services, anywhere, path) := {"family": "v4", "services": services, "sources": ["any"], "anywhere": anywhere, "path": path}

# subject(state, open, reachable): one instance and its exposure facts.
subject(state, open, reachable) := {
	"network": {"instances": [{"arn": arn, "account_id": "111122223333", "region": "us-east-1", "id": "i-1", "state": state}]},
	"facts": {"network": {"exposures": {arn: {
		"kind": "instance",
		"account_id": "111122223333",
		"region": "us-east-1",
		"name": "db (i-1)",
		"open": open,
		"reachable": reachable,
		"state": state,
	}}}},
}

test_fail_postgres_reachable if {
	inp := subject("running", [tcp(5432, 5432)], [entry([tcp(5432, 5432)], true, v4_path)])
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	r.message == sprintf("EC2 instance db (i-1) is reachable from the internet on PostgreSQL (5432): %s", [v4_path])
	r.evidence.ports == [5432]
	count(r.evidence.reachable) == 1
}

test_fail_wide_range_lists_database_ports_in_order if {
	inp := subject("running", [tcp(1000, 10000)], [entry([tcp(1000, 10000)], true, "p")])
	some r in policy.deny with input as inp
	r.message == "EC2 instance db (i-1) is reachable from the internet on SQL Server (1433), Oracle (1521), Oracle (2483), Oracle TLS (2484), MySQL/MariaDB (3306), PostgreSQL (5432), Redshift (5439), Redis (6379), Cassandra (9042), Elasticsearch/OpenSearch (9200): p"
	count(r.evidence.ports) == 10
}

test_fail_stopped_instance if {
	inp := subject("stopped", [tcp(27017, 27017)], [entry([tcp(27017, 27017)], true, "p")])
	some r in policy.deny with input as inp
	r.message == "EC2 instance db (i-1) (stopped now: exposed when started) is reachable from the internet on MongoDB (27017): p"
}

test_pass_admin_and_web_ports_only if {
	inp := subject("running", [tcp(22, 22), tcp(443, 443)], [entry([tcp(22, 22), tcp(443, 443)], true, "p")])
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_pass_database_port_from_partner_range_only if {
	inp := subject("running", [], [entry([tcp(3306, 3306)], false, "partner")])
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_pass_terminated_instance_is_not_checked if {
	inp := subject("terminated", [tcp(3306, 3306)], [entry([tcp(3306, 3306)], true, "p")])
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 0 with input as inp
}

test_pass_no_facts_is_not_checked if {
	inp := {"network": {"instances": [{"arn": arn, "account_id": "111122223333", "region": "us-east-1", "id": "i-1", "state": "running"}]}}
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 0 with input as inp
}
