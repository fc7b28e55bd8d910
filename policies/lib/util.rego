# Helpers shared by the built-in policies: lists, AWS policy documents, networks.
package palisade.lib.util

import rego.v1

# as_array(x) is x when it is an array, [x] for a single value, [] when undefined/null.
as_array(x) := x if is_array(x)

as_array(x) := [x] if {
	not is_array(x)
	x != null
}

as_array(null) := []

# statements(doc) is the list of statements of an IAM/resource policy document, whether
# `Statement` is one object or an array.
statements(doc) := as_array(object.get(doc, "Statement", []))

# action_matches(pattern, action): IAM wildcard match, case-insensitive (`s3:Get*`, `*`).
action_matches(pattern, action) if glob.match(lower(pattern), [], lower(action))

# statement_allows(stmt, action): an Allow statement whose Action covers `action`
# (or whose NotAction does not exclude it).
statement_allows(stmt, action) if {
	stmt.Effect == "Allow"
	some p in as_array(object.get(stmt, "Action", []))
	action_matches(p, action)
}

statement_allows(stmt, action) if {
	stmt.Effect == "Allow"
	not_actions := as_array(object.get(stmt, "NotAction", null))
	count(not_actions) > 0
	every p in not_actions {
		not action_matches(p, action)
	}
}

# all_resources(stmt): the statement applies to every resource.
all_resources(stmt) if "*" in as_array(object.get(stmt, "Resource", []))

all_resources(stmt) if count(as_array(object.get(stmt, "NotResource", null))) > 0

has_condition(stmt) if count(object.keys(object.get(stmt, "Condition", {}))) > 0

# principal_values(stmt): every principal string of a statement (AWS, Service, Federated,
# CanonicalUser, or the bare "*").
principal_values(stmt) := ["*"] if stmt.Principal == "*"

principal_values(stmt) := vals if {
	is_object(stmt.Principal)
	vals := [v | some k, x in stmt.Principal; some v in as_array(x)]
}

# public_principal(stmt): the statement names everyone.
public_principal(stmt) if "*" in principal_values(stmt)

# world(cidr): the CIDR is the whole IPv4 or IPv6 internet.
world(cidr) if cidr in {"0.0.0.0/0", "::/0"}

# port_in_rule(rule, port): a security group rule admits `port` (TCP/UDP or all traffic).
port_in_rule(rule, _) if rule.protocol == "-1"

port_in_rule(rule, port) if {
	rule.protocol in {"tcp", "udp", "6", "17"}
	rule.from_port <= port
	port <= rule.to_port
}

# open_to_world(rule): the rule's sources include 0.0.0.0/0 or ::/0.
open_to_world(rule) if count(world_sources(rule)) > 0

# world_sources(rule): the world CIDRs a rule admits, for messages.
world_sources(rule) := [c |
	some c in array.concat(object.get(rule, "cidr_blocks", []), object.get(rule, "ipv6_cidr_blocks", []))
	world(c)
]

# account_arn(account_id): the ARN findings use for an account-level setting.
account_arn(account_id) := sprintf("arn:aws:iam::%s:root", [account_id])

# regional_arn(service, region, account_id, what): a synthetic ARN for a per-region setting.
regional_arn(service, region, account_id, what) := sprintf("arn:aws:%s:%s:%s:%s", [service, region, account_id, what])
