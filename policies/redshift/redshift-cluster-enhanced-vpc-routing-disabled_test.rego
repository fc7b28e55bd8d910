package palisade.redshift.cluster_enhanced_vpc_routing_disabled_test

import data.palisade.redshift.cluster_enhanced_vpc_routing_disabled as policy
import rego.v1

test_fail_when_set if {
	inp := {"storage": {"redshift_clusters": [{"arn": "arn:aws:redshift:us-east-1:111122223333:cluster:claims-dw", "account_id": "111122223333", "region": "us-east-1", "id": "claims-dw", "enhanced_vpc_routing": false}]}}
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:redshift:us-east-1:111122223333:cluster:claims-dw"
	r.message == "Redshift cluster claims-dw in us-east-1 (account 111122223333) has enhanced VPC routing off: COPY and UNLOAD traffic bypasses the VPC's controls and flow logs"
}

test_pass_when_set if {
	inp := {"storage": {"redshift_clusters": [{"arn": "arn:aws:redshift:us-east-1:111122223333:cluster:claims-dw", "account_id": "111122223333", "region": "us-east-1", "id": "claims-dw", "enhanced_vpc_routing": true}]}}
	count(policy.deny) == 0 with input as inp
	"arn:aws:redshift:us-east-1:111122223333:cluster:claims-dw" in policy.checked with input as inp
}
