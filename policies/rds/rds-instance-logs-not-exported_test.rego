package palisade.rds.instance_logs_not_exported_test

import data.palisade.rds.instance_logs_not_exported as policy
import rego.v1

arn := "arn:aws:rds:us-east-1:111122223333:db:orders"

db(engine, exports, cluster) := {"storage": {"rds_instances": [{
	"arn": arn,
	"account_id": "111122223333",
	"region": "us-east-1",
	"id": "orders",
	"engine": engine,
	"cluster_id": cluster,
	"log_exports": exports,
}]}}

test_fail_mysql_exports_only_errors if {
	inp := db("mysql", ["error"], null)
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	r.message == "RDS DB instance orders (mysql, account 111122223333, us-east-1) does not publish its audit, general, slowquery logs to CloudWatch Logs"
	r.evidence.missing == ["audit", "general", "slowquery"]
}

test_fail_oracle_exports_nothing if {
	some r in policy.deny with input as db("oracle-se2", [], null)
	r.evidence.missing == ["alert", "audit", "listener", "trace"]
}

test_pass_postgres_exports_both if {
	inp := db("postgres", ["upgrade", "postgresql"], null)
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_not_judged_when_unknown_or_in_a_cluster if {
	count(policy.checked) == 0 with input as db("postgres", null, null)
	count(policy.checked) == 0 with input as db("aurora-mysql", [], "orders-cluster")
}
