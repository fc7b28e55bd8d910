package palisade.redshift.cluster_version_upgrade_disabled_test

import data.palisade.redshift.cluster_version_upgrade_disabled as policy
import rego.v1

test_fail_when_set if {
	inp := {"storage": {"redshift_clusters": [{"arn": "arn:aws:redshift:us-east-1:111122223333:cluster:claims-dw", "account_id": "111122223333", "region": "us-east-1", "id": "claims-dw", "allow_version_upgrade": false}]}}
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:redshift:us-east-1:111122223333:cluster:claims-dw"
	r.message == "Redshift cluster claims-dw in us-east-1 (account 111122223333) does not allow version upgrades: new engine versions and their fixes are not applied"
}

test_pass_when_set if {
	inp := {"storage": {"redshift_clusters": [{"arn": "arn:aws:redshift:us-east-1:111122223333:cluster:claims-dw", "account_id": "111122223333", "region": "us-east-1", "id": "claims-dw", "allow_version_upgrade": true}]}}
	count(policy.deny) == 0 with input as inp
	"arn:aws:redshift:us-east-1:111122223333:cluster:claims-dw" in policy.checked with input as inp
}
