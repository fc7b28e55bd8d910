package palisade.rds.instance_iam_authentication_disabled_test

import data.palisade.rds.instance_iam_authentication_disabled as policy
import rego.v1

arn := "arn:aws:rds:us-east-1:111122223333:db:orders"

db(engine, on, cluster) := {"storage": {"rds_instances": [{
	"arn": arn,
	"account_id": "111122223333",
	"region": "us-east-1",
	"id": "orders",
	"engine": engine,
	"cluster_id": cluster,
	"iam_auth_enabled": on,
}]}}

test_fail_mysql_without_iam_auth if {
	inp := db("mysql", false, null)
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	r.message == "RDS DB instance orders (mysql, account 111122223333, us-east-1) has IAM database authentication turned off: connections need a database password"
}

test_pass_postgres_with_iam_auth if {
	inp := db("postgres", true, null)
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_engines_without_iam_auth_not_judged if {
	some engine in ["oracle-ee", "sqlserver-se", "db2-se"]
	inp := db(engine, false, null)
	count(policy.checked) == 0 with input as inp
}

test_cluster_member_not_judged if {
	inp := db("aurora-mysql", false, "orders-cluster")
	count(policy.checked) == 0 with input as inp
}
