package palisade.elbv2.alb_invalid_headers_not_dropped_test

import data.palisade.elbv2.alb_invalid_headers_not_dropped as policy
import rego.v1

arn := "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/web/1"

lb(type, value) := {"network": {"load_balancers": [{
	"arn": arn,
	"account_id": "111122223333",
	"region": "us-east-1",
	"name": "web",
	"type": type,
	"scheme": "internet-facing",
	"attributes": {"routing.http.drop_invalid_header_fields.enabled": value},
}]}}

test_fail_headers_kept if {
	inp := lb("application", "false")
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	r.message == "Application Load Balancer web (application, internet-facing, account 111122223333, us-east-1) forwards invalid HTTP header fields to its targets (routing.http.drop_invalid_header_fields.enabled = false)"
}

test_pass_headers_dropped if {
	inp := lb("application", "true")
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_network_load_balancer_not_judged if {
	inp := lb("network", "false")
	count(policy.checked) == 0 with input as inp
	count(policy.deny) == 0 with input as inp
}
