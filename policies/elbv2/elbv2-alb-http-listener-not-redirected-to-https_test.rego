package palisade.elbv2.alb_http_listener_not_redirected_to_https_test

import data.palisade.elbv2.alb_http_listener_not_redirected_to_https as policy
import rego.v1

arn := "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/web/1"

lb(scheme, listeners) := {"network": {"load_balancers": [{
	"arn": arn,
	"account_id": "111122223333",
	"region": "us-east-1",
	"name": "web",
	"type": "application",
	"scheme": scheme,
	"listeners": listeners,
}]}}

https := {"port": 443, "protocol": "HTTPS", "default_actions": [{"type": "forward", "redirect_protocol": null}]}

forward80 := {"port": 80, "protocol": "HTTP", "default_actions": [{"type": "forward", "redirect_protocol": null}]}

redirect80 := {"port": 80, "protocol": "HTTP", "default_actions": [{"type": "redirect", "redirect_protocol": "HTTPS"}]}

test_fail_http_forwarded if {
	inp := lb("internet-facing", [https, forward80])
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	r.message == "Application Load Balancer web (application, internet-facing, account 111122223333, us-east-1) serves plain HTTP on port 80: the default action is forward, not a redirect to HTTPS"
	not r.severity
}

test_internal_reported_low if {
	inp := lb("internal", [forward80])
	some r in policy.deny with input as inp
	r.severity == "low"
}

test_pass_http_redirected if {
	inp := lb("internet-facing", [https, redirect80])
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_redirect_keeping_the_protocol_fails if {
	same := {"port": 80, "protocol": "HTTP", "default_actions": [{"type": "redirect", "redirect_protocol": "#{protocol}"}]}
	inp := lb("internet-facing", [same])
	count(policy.deny) == 1 with input as inp
}

test_actions_unread_not_judged if {
	inp := lb("internet-facing", [{"port": 80, "protocol": "HTTP"}])
	count(policy.checked) == 0 with input as inp
	count(policy.deny) == 0 with input as inp
}
