package palisade.rds.instance_reachable_from_internet_test

import data.palisade.rds.instance_reachable_from_internet as policy
import rego.v1

arn := "arn:aws:rds:us-east-1:111122223333:db:reports"

path := "internet (0.0.0.0/0) → internet gateway igw-1 → rtb-1 route 0.0.0.0/0 → acl-1 inbound rule 100 → sg-1 rule 1 (tcp/3306 from 0.0.0.0/0) → acl-1 outbound rule 100 (replies) → a public address (publicly accessible) in subnet subnet-1"

mysql := [{"protocol": "tcp", "ports": [[3306, 3306]]}]

entry(services, anywhere, p) := {"family": "v4", "services": services, "sources": ["any"], "anywhere": anywhere, "path": p}

# subject(open, reachable): one DB instance and its exposure facts.
subject(open, reachable) := {
	"storage": {"rds_instances": [{"arn": arn, "account_id": "111122223333", "region": "us-east-1", "id": "reports", "engine": "mysql", "publicly_accessible": true}]},
	"facts": {"network": {"exposures": {arn: {
		"kind": "rds_instance",
		"account_id": "111122223333",
		"region": "us-east-1",
		"name": "reports",
		"open": open,
		"reachable": reachable,
		"state": "available",
	}}}},
}

test_fail_mysql_reachable if {
	inp := subject(mysql, [entry(mysql, true, path)])
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	r.message == sprintf("RDS DB instance reports (mysql) is reachable from the internet on tcp/3306: %s", [path])
	r.evidence.open == mysql
	r.evidence.reachable == [entry(mysql, true, path)]
}

test_fail_narrow_paths_are_left_out if {
	inp := subject(mysql, [entry(mysql, false, "office"), entry(mysql, true, "world")])
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	endswith(r.message, "on tcp/3306: world")
}

test_pass_publicly_accessible_but_not_reachable if {
	inp := subject([], [])
	count(policy.deny) == 0 with input as inp
	policy.checked == {arn} with input as inp
}

test_pass_reachable_from_partner_range_only if {
	inp := subject([], [entry(mysql, false, "partner")])
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_pass_no_facts_is_not_checked if {
	inp := {"storage": {"rds_instances": [{"arn": arn, "account_id": "111122223333", "region": "us-east-1", "id": "reports", "engine": "mysql", "publicly_accessible": true}]}}
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 0 with input as inp
}
