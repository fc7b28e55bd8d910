package palisade.rds.cluster_logs_not_exported_test

import data.palisade.rds.cluster_logs_not_exported as policy
import rego.v1

arn := "arn:aws:rds:us-east-1:111122223333:cluster:claims"

cluster(engine, exports) := {"storage": {"rds_clusters": [{
	"arn": arn,
	"account_id": "111122223333",
	"region": "us-east-1",
	"id": "claims",
	"engine": engine,
	"log_exports": exports,
}]}}

test_fail_aurora_mysql_without_audit if {
	inp := cluster("aurora-mysql", ["error", "general", "slowquery"])
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	r.message == "RDS DB cluster claims (aurora-mysql, account 111122223333, us-east-1) does not publish its audit logs to CloudWatch Logs"
}

test_fail_documentdb_without_audit if {
	count(policy.deny) == 1 with input as cluster("docdb", ["profiler"])
}

test_pass_aurora_postgresql if {
	inp := cluster("aurora-postgresql", ["postgresql"])
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_not_judged_when_unknown if {
	count(policy.checked) == 0 with input as cluster("aurora-postgresql", null)
}
