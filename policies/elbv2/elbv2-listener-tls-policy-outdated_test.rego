package palisade.elbv2.listener_tls_policy_outdated_test

import data.palisade.elbv2.listener_tls_policy_outdated as policy
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

old := {"port": 443, "protocol": "HTTPS", "ssl_policy": "ELBSecurityPolicy-2016-08", "ssl_protocols": ["TLSv1.2", "TLSv1.1", "TLSv1"]}

modern := {"port": 443, "protocol": "HTTPS", "ssl_policy": "ELBSecurityPolicy-TLS13-1-2-2021-06", "ssl_protocols": ["TLSv1.3", "TLSv1.2"]}

http := {"port": 80, "protocol": "HTTP", "ssl_policy": null, "ssl_protocols": null}

test_fail_old_policy if {
	inp := lb("internet-facing", [old, http])
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	r.message == "Load balancer web (application, internet-facing, account 111122223333, us-east-1) accepts TLS older than 1.2 on HTTPS 443 (ELBSecurityPolicy-2016-08: TLSv1, TLSv1.1)"
	not r.severity
	arn in policy.checked with input as inp
}

test_internal_reported_low if {
	inp := lb("internal", [old])
	some r in policy.deny with input as inp
	r.severity == "low"
}

test_pass_modern_policy if {
	inp := lb("internet-facing", [modern, http])
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_no_tls_listener_not_judged if {
	inp := lb("internet-facing", [http])
	count(policy.checked) == 0 with input as inp
}

test_unknown_versions_not_judged if {
	inp := lb("internet-facing", [object.union(modern, {"ssl_protocols": null})])
	count(policy.checked) == 0 with input as inp
	count(policy.deny) == 0 with input as inp
}
