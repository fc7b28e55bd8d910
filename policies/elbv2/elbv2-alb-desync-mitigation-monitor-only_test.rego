package palisade.elbv2.alb_desync_mitigation_monitor_only_test

import data.palisade.elbv2.alb_desync_mitigation_monitor_only as policy
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

test_fail_monitor if {
	inp := lb({"routing.http.desync_mitigation_mode": "monitor"})
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	r.message == "Application Load Balancer web (application, internet-facing, account 111122223333, us-east-1) forwards HTTP desync (request smuggling) attempts to its targets (routing.http.desync_mitigation_mode = monitor; defensive or strictest block them)"
}

test_pass_defensive_and_strictest if {
	every mode in ["defensive", "strictest"] {
		inp := lb({"routing.http.desync_mitigation_mode": mode})
		count(policy.deny) == 0 with input as inp
		arn in policy.checked with input as inp
	}
}

test_mode_not_returned_not_judged if {
	inp := lb({"deletion_protection.enabled": "true"})
	count(policy.checked) == 0 with input as inp
}
