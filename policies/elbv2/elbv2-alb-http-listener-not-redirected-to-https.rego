# METADATA
# title: Application Load Balancer serves plain HTTP instead of redirecting to HTTPS
# description: |
#   An HTTP listener of an Application Load Balancer does not redirect to HTTPS: its default
#   action forwards the request (or answers it) over plain HTTP, so credentials, session
#   cookies and the data in the request and response cross the network unencrypted and can be
#   read or altered on the way. A listener whose default action redirects to `HTTPS` passes.
#   Only the default action is judged: a listener that forwards by default and redirects in
#   some rules still serves every other path over HTTP. Internal load balancers are reported
#   at low severity (their traffic stays in the VPC), internet-facing ones at medium. AWS
#   Foundational Security Best Practices ELB.1.
# custom:
#   id: elbv2-alb-http-listener-not-redirected-to-https
#   severity: medium
#   resource_type: AWS::ElasticLoadBalancingV2::LoadBalancer
#   scope: network.load_balancers
#   needs: [elasticloadbalancing:DescribeListeners]
#   remediation: |
#     Give the load balancer an HTTPS listener, then make each HTTP listener redirect:
#     `aws elbv2 modify-listener --listener-arn ARN --default-actions
#     'Type=redirect,RedirectConfig={Protocol=HTTPS,Port=443,StatusCode=HTTP_301}'`. Terraform:
#     a `default_action { type = "redirect" redirect { protocol = "HTTPS" port = "443"
#     status_code = "HTTP_301" } }` on the HTTP `aws_lb_listener`.
#   references:
#     - https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html#redirect-actions
#     - https://repost.aws/knowledge-center/elb-redirect-http-to-https-using-alb
package palisade.elbv2.alb_http_listener_not_redirected_to_https

import data.palisade.lib.elbv2
import rego.v1

# Every listener's default actions were read (a snapshot before 1.6 has none).
actions_read(lb) if {
	every l in lb.listeners {
		is_array(object.get(l, "default_actions", null))
	}
}

plain(l) if {
	l.protocol == "HTTP"
	is_array(l.default_actions)
	not redirected(l)
}

redirected(l) if {
	some action in l.default_actions
	elbv2.redirects_to_https(action)
}

checked contains lb.arn if {
	some lb in input.network.load_balancers
	elbv2.application(lb)
	actions_read(lb)
}

deny contains result if {
	some lb in input.network.load_balancers
	elbv2.application(lb)
	ports := sort([l.port | some l in lb.listeners; plain(l)])
	count(ports) > 0
	actions := {t | some l in lb.listeners; plain(l); some a in l.default_actions; t := a.type}
	result := object.union(
		{
			"arn": lb.arn,
			"message": sprintf("Application Load Balancer %s serves plain HTTP on port %s: the default action is %s, not a redirect to HTTPS", [elbv2.label(lb), concat(", ", [sprintf("%d", [p]) | some p in ports]), concat(", ", sort(actions))]),
			"evidence": {"http_ports": ports, "default_actions": sort(actions)},
		},
		elbv2.scheme_severity(lb),
	)
}
