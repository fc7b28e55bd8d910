package palisade.redshift.cluster_ssl_not_required_test

import data.palisade.redshift.cluster_ssl_not_required as policy
import rego.v1

test_fail_when_set if {
	inp := {"storage": {"redshift_clusters": [{"arn": "arn:aws:redshift:us-east-1:111122223333:cluster:claims-dw", "account_id": "111122223333", "region": "us-east-1", "id": "claims-dw", "parameter_groups": ["default.redshift-1.0"], "security_group_ids": ["sg-1"], "require_ssl": false}]}}
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:redshift:us-east-1:111122223333:cluster:claims-dw"
	r.message == "Redshift cluster claims-dw in us-east-1 (account 111122223333) does not require SSL: parameter group default.redshift-1.0 leaves require_ssl false"
}

test_pass_when_set if {
	inp := {"storage": {"redshift_clusters": [{"arn": "arn:aws:redshift:us-east-1:111122223333:cluster:claims-dw", "account_id": "111122223333", "region": "us-east-1", "id": "claims-dw", "parameter_groups": ["default.redshift-1.0"], "security_group_ids": ["sg-1"], "require_ssl": true}]}}
	count(policy.deny) == 0 with input as inp
	"arn:aws:redshift:us-east-1:111122223333:cluster:claims-dw" in policy.checked with input as inp
}

test_unread_not_checked if {
	count(policy.checked) == 0 with input as {"storage": {"redshift_clusters": [{"arn": "x", "require_ssl": null}]}}
}
