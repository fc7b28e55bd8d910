package palisade.rds.cluster_default_master_username_test

import data.palisade.rds.cluster_default_master_username as policy
import rego.v1

arn := "arn:aws:rds:us-east-1:111122223333:cluster:claims"

cluster(engine, user) := {"storage": {"rds_clusters": [{
	"arn": arn,
	"account_id": "111122223333",
	"region": "us-east-1",
	"id": "claims",
	"engine": engine,
	"master_username": user,
}]}}

test_fail_aurora_mysql_admin if {
	inp := cluster("aurora-mysql", "admin")
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	r.message == "RDS DB cluster claims (aurora-mysql, account 111122223333, us-east-1) has the default master username \"admin\""
}

test_fail_legacy_aurora_engine if {
	count(policy.deny) == 1 with input as cluster("aurora", "root")
}

test_pass_custom_name if {
	inp := cluster("aurora-postgresql", "claims_owner")
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_documentdb_and_neptune_not_judged if {
	count(policy.checked) == 0 with input as cluster("docdb", "admin")
	count(policy.checked) == 0 with input as cluster("neptune", "admin")
}
