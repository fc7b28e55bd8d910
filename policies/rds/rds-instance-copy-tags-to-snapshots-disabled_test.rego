package palisade.rds.instance_copy_tags_to_snapshots_disabled_test

import data.palisade.rds.instance_copy_tags_to_snapshots_disabled as policy
import rego.v1

test_fail_when_set if {
	inp := {"storage": {"rds_instances": [{"arn": "arn:aws:rds:us-east-1:111122223333:db:claims-db", "account_id": "111122223333", "region": "us-east-1", "id": "claims-db", "engine": "postgres", "cluster_id": null, "copy_tags_to_snapshot": false}]}}
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:rds:us-east-1:111122223333:db:claims-db"
	r.message == "RDS DB instance claims-db (postgres, account 111122223333, us-east-1) does not copy its tags to its snapshots"
}

test_pass_when_set if {
	inp := {"storage": {"rds_instances": [{"arn": "arn:aws:rds:us-east-1:111122223333:db:claims-db", "account_id": "111122223333", "region": "us-east-1", "id": "claims-db", "engine": "postgres", "cluster_id": null, "copy_tags_to_snapshot": true}]}}
	count(policy.deny) == 0 with input as inp
	"arn:aws:rds:us-east-1:111122223333:db:claims-db" in policy.checked with input as inp
}
