package palisade.elbv2.load_balancer_access_logs_disabled_test

import data.palisade.elbv2.load_balancer_access_logs_disabled as policy
import rego.v1

arn := "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/web/1"

lb(type, protocol, attrs) := {"network": {"load_balancers": [{
	"arn": arn,
	"account_id": "111122223333",
	"region": "us-east-1",
	"name": "web",
	"type": type,
	"scheme": "internal",
	"listeners": [{"port": 443, "protocol": protocol}],
	"attributes": attrs,
}]}}

test_fail_alb_without_logs if {
	inp := lb("application", "HTTPS", {"access_logs.s3.enabled": "false"})
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	r.message == "Load balancer web (application, internal, account 111122223333, us-east-1) does not write access logs (access_logs.s3.enabled = false)"
}

test_pass_alb_with_logs if {
	inp := lb("application", "HTTPS", {"access_logs.s3.enabled": "true"})
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_fail_nlb_with_tls_listener if {
	inp := lb("network", "TLS", {"access_logs.s3.enabled": "false"})
	count(policy.deny) == 1 with input as inp
}

test_nlb_without_tls_listener_not_judged if {
	inp := lb("network", "TCP", {"access_logs.s3.enabled": "false"})
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 0 with input as inp
}

test_key_not_returned_not_judged if {
	inp := lb("application", "HTTPS", {"deletion_protection.enabled": "true"})
	count(policy.checked) == 0 with input as inp
}
