package palisade.redshift.cluster_automated_snapshots_too_short_test

import data.palisade.redshift.cluster_automated_snapshots_too_short as policy
import rego.v1

test_fail_when_set if {
	inp := {"storage": {"redshift_clusters": [{"arn": "arn:aws:redshift:us-east-1:111122223333:cluster:claims-dw", "account_id": "111122223333", "region": "us-east-1", "id": "claims-dw", "parameter_groups": ["default.redshift-1.0"], "security_group_ids": ["sg-1"], "automated_snapshot_retention_days": 1}]}}
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:redshift:us-east-1:111122223333:cluster:claims-dw"
	r.message == "Redshift cluster claims-dw in us-east-1 (account 111122223333) keeps automated snapshots for 1 day(s), under 7"
}

test_pass_when_set if {
	inp := {"storage": {"redshift_clusters": [{"arn": "arn:aws:redshift:us-east-1:111122223333:cluster:claims-dw", "account_id": "111122223333", "region": "us-east-1", "id": "claims-dw", "parameter_groups": ["default.redshift-1.0"], "security_group_ids": ["sg-1"], "automated_snapshot_retention_days": 7}]}}
	count(policy.deny) == 0 with input as inp
	"arn:aws:redshift:us-east-1:111122223333:cluster:claims-dw" in policy.checked with input as inp
}

test_fail_off if {
	count(policy.deny) == 1 with input as {"storage": {"redshift_clusters": [{"arn": "x", "id": "x", "region": "r", "account_id": "a", "automated_snapshot_retention_days": 0}]}}
}
