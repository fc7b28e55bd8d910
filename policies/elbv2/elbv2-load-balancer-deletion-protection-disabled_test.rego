package palisade.elbv2.load_balancer_deletion_protection_disabled_test

import data.palisade.elbv2.load_balancer_deletion_protection_disabled as policy
import rego.v1

arn := "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/web/1"

lb(attrs) := {"network": {"load_balancers": [{
	"arn": arn,
	"account_id": "111122223333",
	"region": "us-east-1",
	"name": "web",
	"type": "application",
	"scheme": "internet-facing",
	"attributes": attrs,
}]}}

test_fail_turned_off if {
	inp := lb({"deletion_protection.enabled": "false"})
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	r.message == "Load balancer web (application, internet-facing, account 111122223333, us-east-1) has deletion protection turned off (deletion_protection.enabled = false)"
}

test_pass_turned_on if {
	inp := lb({"deletion_protection.enabled": "true"})
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_unread_attributes_not_judged if {
	inp := lb(null)
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 0 with input as inp
}
