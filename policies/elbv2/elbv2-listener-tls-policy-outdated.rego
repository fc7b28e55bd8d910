# METADATA
# title: Load balancer listener accepts TLS versions older than 1.2
# description: |
#   An HTTPS or TLS listener of an Application or Network Load Balancer uses a security policy
#   that still negotiates TLS 1.0 or 1.1 (or SSL 3.0), judged from the protocols
#   `DescribeSSLPolicies` lists for the policy, not from its name. Those versions have known
#   attacks (BEAST, POODLE, weak MACs and ciphers); PCI DSS 4.2.1 and NIST SP 800-52r2 require
#   TLS 1.2 or later, and a client or attacker that offers only an old version is served with
#   it. AWS's default policy `ELBSecurityPolicy-2016-08` is one of these. Internal load
#   balancers are reported at low severity, internet-facing ones at medium.
# custom:
#   id: elbv2-listener-tls-policy-outdated
#   severity: medium
#   resource_type: AWS::ElasticLoadBalancingV2::LoadBalancer
#   scope: network.load_balancers
#   needs: [elasticloadbalancing:DescribeListeners, elasticloadbalancing:DescribeSSLPolicies]
#   remediation: |
#     Move the listener to a policy that accepts TLS 1.2 and 1.3 only:
#     `aws elbv2 modify-listener --listener-arn ARN --ssl-policy
#     ELBSecurityPolicy-TLS13-1-2-2021-06`. Terraform: `ssl_policy =
#     "ELBSecurityPolicy-TLS13-1-2-2021-06"` on the `aws_lb_listener`. Check first that no
#     client still needs TLS 1.0 or 1.1 (the access logs record each request's TLS version).
#   references:
#     - https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html
#     - https://docs.aws.amazon.com/elasticloadbalancing/latest/network/describe-ssl-policies.html
package palisade.elbv2.listener_tls_policy_outdated

import data.palisade.lib.elbv2
import data.palisade.lib.util
import rego.v1

known(l) if is_array(object.get(l, "ssl_protocols", null))

outdated(l) := sort([v | some v in l.ssl_protocols; v in util.outdated_tls_versions])

# Judged when it has a TLS listener and every TLS listener's policy versions are known.
checked contains lb.arn if {
	some lb in input.network.load_balancers
	some l in lb.listeners
	elbv2.terminates_tls(l)
	every t in lb.listeners {
		tls_known(t)
	}
}

tls_known(l) if not elbv2.terminates_tls(l)

tls_known(l) if known(l)

deny contains result if {
	some lb in input.network.load_balancers
	weak := [sprintf("%s %d (%s: %s)", [l.protocol, l.port, l.ssl_policy, concat(", ", outdated(l))]) |
		some l in lb.listeners
		elbv2.terminates_tls(l)
		known(l)
		count(outdated(l)) > 0
	]
	count(weak) > 0
	result := object.union(
		{
			"arn": lb.arn,
			"message": sprintf("Load balancer %s accepts TLS older than 1.2 on %s", [elbv2.label(lb), concat("; ", sort(weak))]),
			"evidence": {"listeners": sort(weak)},
		},
		elbv2.scheme_severity(lb),
	)
}
