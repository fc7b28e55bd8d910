package palisade.rds.instance_multi_az_disabled_test

import data.palisade.rds.instance_multi_az_disabled as policy
import rego.v1

test_fail_when_set if {
	inp := {"storage": {"rds_instances": [{"arn": "arn:aws:rds:us-east-1:111122223333:db:claims-db", "account_id": "111122223333", "region": "us-east-1", "id": "claims-db", "engine": "postgres", "cluster_id": null, "multi_az": false}]}}
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:rds:us-east-1:111122223333:db:claims-db"
	r.message == "RDS DB instance claims-db (postgres, account 111122223333, us-east-1) has no Multi-AZ standby"
}

test_pass_when_set if {
	inp := {"storage": {"rds_instances": [{"arn": "arn:aws:rds:us-east-1:111122223333:db:claims-db", "account_id": "111122223333", "region": "us-east-1", "id": "claims-db", "engine": "postgres", "cluster_id": null, "multi_az": true}]}}
	count(policy.deny) == 0 with input as inp
	"arn:aws:rds:us-east-1:111122223333:db:claims-db" in policy.checked with input as inp
}

test_aurora_member_not_judged if {
	inp := {"storage": {"rds_instances": [{"arn": "x", "id": "x", "engine": "aurora-mysql", "cluster_id": "c", "multi_az": false}]}}
	count(policy.checked) == 0 with input as inp
}
