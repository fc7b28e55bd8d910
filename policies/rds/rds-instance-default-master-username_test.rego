package palisade.rds.instance_default_master_username_test

import data.palisade.rds.instance_default_master_username as policy
import rego.v1

arn := "arn:aws:rds:us-east-1:111122223333:db:orders"

db(engine, user, cluster) := {"storage": {"rds_instances": [{
	"arn": arn,
	"account_id": "111122223333",
	"region": "us-east-1",
	"id": "orders",
	"engine": engine,
	"cluster_id": cluster,
	"master_username": user,
}]}}

test_fail_postgres_default if {
	inp := db("postgres", "postgres", null)
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	r.message == "RDS DB instance orders (postgres, account 111122223333, us-east-1) has the default master username \"postgres\""
}

test_fail_defaults_by_engine if {
	some case in [["mysql", "Admin"], ["mariadb", "root"], ["oracle-ee", "admin"], ["sqlserver-ex", "admin"], ["custom-oracle-ee", "admin"]]
	count(policy.deny) == 1 with input as db(case[0], case[1], null)
}

test_pass_custom_name if {
	inp := db("postgres", "orders_owner", null)
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_pass_admin_is_not_postgres_default if {
	count(policy.deny) == 0 with input as db("postgres", "admin", null)
}

test_not_judged_without_username_or_in_a_cluster if {
	count(policy.checked) == 0 with input as db("postgres", null, null)
	count(policy.checked) == 0 with input as db("aurora-postgresql", "postgres", "orders-cluster")
}
