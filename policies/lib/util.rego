# Helpers shared by the built-in policies: lists, statements, networks, synthetic ARNs.
# IAM and resource policy semantics (actions, principals, conditions) live in lib/iam.rego.
package palisade.lib.util

import rego.v1

# as_array(x) is x when it is an array, [x] for a single value, [] when undefined/null.
as_array(x) := x if is_array(x)

as_array(x) := [x] if {
	not is_array(x)
	x != null
}

as_array(null) := []

# outdated_tls_versions: protocol versions a TLS endpoint should no longer accept (PCI DSS and
# NIST SP 800-52r2 require TLS 1.2 or later; SSLv3, TLS 1.0 and 1.1 have known attacks), as
# ELBv2 security policies and CloudFront origins name them.
outdated_tls_versions := {"SSLv3", "TLSv1", "TLSv1.1"}

# non_blank(x): x is a string with something besides whitespace (a KMS key id AWS reports
# as "" when none is set).
non_blank(x) if {
	is_string(x)
	trim_space(x) != ""
}

# statements(doc) is the list of statements of an IAM/resource policy document, whether
# `Statement` is one object or an array.
statements(doc) := as_array(object.get(doc, "Statement", []))

# all_resources(stmt): the statement applies to every resource.
all_resources(stmt) if "*" in as_array(object.get(stmt, "Resource", []))

all_resources(stmt) if count(as_array(object.get(stmt, "NotResource", null))) > 0

# world(cidr): the CIDR is the whole IPv4 or IPv6 internet.
world(cidr) if cidr in world_cidrs

world_cidrs := {"0.0.0.0/0", "::/0"}

# port_in_rule(rule, port): a security group rule admits `port` (TCP/UDP or all traffic).
port_in_rule(rule, _) if rule.protocol == "-1"

port_in_rule(rule, port) if {
	rule.protocol in {"tcp", "udp", "6", "17"}
	rule.from_port <= port
	port <= rule.to_port
}

# open_to_world(rule): the rule's sources include 0.0.0.0/0 or ::/0. (Asked of every rule
# of every security group by several policies, so it stops at the first world source rather
# than listing them all as `world_sources` does.)
open_to_world(rule) if {
	some c in object.get(rule, "cidr_blocks", [])
	c in world_cidrs
}

open_to_world(rule) if {
	some c in object.get(rule, "ipv6_cidr_blocks", [])
	c in world_cidrs
}

# world_sources(rule): the world CIDRs a rule admits, for messages.
world_sources(rule) := [c |
	some c in array.concat(object.get(rule, "cidr_blocks", []), object.get(rule, "ipv6_cidr_blocks", []))
	world(c)
]

# world_ports(sg, table): what a security group's world-open rules admit of the ports in
# `table` (port -> service name): the ports, those rules, their world sources and
# "5432 (PostgreSQL)" labels. Undefined when it admits none of them.
world_ports(sg, table) := out if {
	world_rules := [rule | some rule in sg.ingress; open_to_world(rule)]
	count(world_rules) > 0
	ports := {p | some p, _ in table; some rule in world_rules; port_in_rule(rule, p)}
	count(ports) > 0
	offending := {rule | some rule in world_rules; some p in ports; port_in_rule(rule, p)}
	out := {
		"ports": ports,
		"rules": offending,
		"sources": {c | some rule in offending; some c in world_sources(rule)},
		"labels": [sprintf("%d (%s)", [p, table[p]]) | some p in sort(ports)],
	}
}

# ports_text(ports): "port 5432" or "ports 3306, 5432", for messages.
ports_text(ports) := sprintf("port %d", [p]) if {
	count(ports) == 1
	some p in ports
}

ports_text(ports) := sprintf("ports %s", [concat(", ", [sprintf("%d", [p]) | some p in sort(ports)])]) if count(ports) > 1

# account_arn(account_id): the ARN findings use for an account-level setting.
account_arn(account_id) := sprintf("arn:aws:iam::%s:root", [account_id])

# regional_arn(service, region, account_id, what): a synthetic ARN for a per-region setting.
regional_arn(service, region, account_id, what) := sprintf("arn:aws:%s:%s:%s:%s", [service, region, account_id, what])

# labelled(id, name): "fs-0a1b (claims-exports)" for a resource with a name, else just its id.
labelled(id, name) := sprintf("%s (%s)", [id, name]) if {
	non_blank(name)
} else := id

# days_before_collection(ts): whole days between an RFC 3339 time and the snapshot's
# `collected_at` (ages are measured from collection, never from the scanning machine's clock).
days_before_collection(ts) := floor((time.parse_rfc3339_ns(input.collected_at) - time.parse_rfc3339_ns(ts)) / (((24 * 60) * 60) * 1000000000))

# names_text(names, n): "a, b, c" for at most `n` names, else the first `n` (sorted) and
# "and K more", for messages about resources that may be many.
names_text(names, n) := concat(", ", sort(names)) if count(names) <= n

names_text(names, n) := sprintf("%s and %d more", [concat(", ", array.slice(sort(names), 0, n)), count(names) - n]) if count(names) > n
