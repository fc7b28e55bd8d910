# Helpers shared by the ELBv2 built-in policies: labels for messages, attributes as AWS
# returned them, and which TLS versions count as outdated.
package palisade.lib.elbv2

import rego.v1

# label(lb): "claims-alb (application, internet-facing, account 111122223333, us-east-1)".
label(lb) := sprintf("%s (%s, %s, account %s, %s)", [lb.name, lb.type, lb.scheme, lb.account_id, lb.region])

# attribute(lb, key): the attribute's value when the load balancer's attributes were read
# and AWS returned the key; undefined otherwise, so a policy leaves the load balancer unjudged
# rather than guess a default.
attribute(lb, key) := value if {
	attrs := object.get(lb, "attributes", null)
	is_object(attrs)
	value := attrs[key]
}

# application(lb): an Application Load Balancer (HTTP/HTTPS routing, the header and desync
# settings exist only there).
application(lb) if lb.type == "application"


# terminates_tls(listener): an HTTPS or TLS listener, which negotiates TLS under a policy.
terminates_tls(l) if l.protocol in {"HTTPS", "TLS"}

# redirects_to_https(action): a redirect that sends the client to HTTPS.
redirects_to_https(action) if {
	action.type == "redirect"
	action.redirect_protocol == "HTTPS"
}

# scheme_severity(lb): merged into a transport finding's result, lowers it to low for an
# internal load balancer (its traffic stays inside the VPC) and keeps the policy's severity
# for an internet-facing one.
scheme_severity(lb) := {} if lb.scheme != "internal"

scheme_severity(lb) := {"severity": "low"} if lb.scheme == "internal"
