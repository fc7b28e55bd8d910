package palisade.rds.cluster_iam_authentication_disabled_test

import data.palisade.rds.cluster_iam_authentication_disabled as policy
import rego.v1

arn := "arn:aws:rds:us-east-1:111122223333:cluster:claims"

cluster(engine, on) := {"storage": {"rds_clusters": [{
	"arn": arn,
	"account_id": "111122223333",
	"region": "us-east-1",
	"id": "claims",
	"engine": engine,
	"iam_auth_enabled": on,
}]}}

test_fail_aurora_mysql_without_iam_auth if {
	inp := cluster("aurora-mysql", false)
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	r.message == "RDS DB cluster claims (aurora-mysql, account 111122223333, us-east-1) has IAM database authentication turned off: connections need a database password"
}

test_fail_neptune_without_iam_auth if {
	count(policy.deny) == 1 with input as cluster("neptune", false)
}

test_pass_aurora_postgresql_with_iam_auth if {
	inp := cluster("aurora-postgresql", true)
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_documentdb_not_judged if {
	count(policy.checked) == 0 with input as cluster("docdb", false)
}
