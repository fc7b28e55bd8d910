# Helpers for policies that read the network reachability analysis (`input.facts.network`):
# service lists, internet exposure of resources and security groups, segments and flows.
#
# A services list is `[{"protocol": "tcp", "ports": [[from, to], ...]}, {"protocol": "udp",
# "ports": [...]}, {"protocol": "icmp"}, {"protocol": "icmpv6"}, {"protocol": "other"}]`, each
# entry present only when non-empty, ports as inclusive ranges.
package palisade.lib.network

import data.palisade.lib.index
import rego.v1

# The pseudo-segment of every subnet routed to an internet gateway (a `flows[].from`).
public_subnets_segment := "(public subnets)"

# ---------------------------------------------------------------------------------------------
# Services
# ---------------------------------------------------------------------------------------------

# port_in(services, port): the services include TCP `port`.
port_in(services, port) if {
	some s in services
	s.protocol == "tcp"
	some r in object.get(s, "ports", [])
	r[0] <= port
	port <= r[1]
}

# ports_in(services, ports): the TCP ports of the set `ports` that the services include.
ports_in(services, ports) := {p | some p in ports; port_in(services, p)}

# has_protocol(services, protocol): the services include something of `protocol`
# (tcp, udp, icmp, icmpv6 or other).
has_protocol(services, protocol) if {
	some s in services
	s.protocol == protocol
}

# full_range(services, protocol): every TCP or UDP port (0-65535).
full_range(services, protocol) if {
	some s in services
	s.protocol == protocol
	some r in object.get(s, "ports", [])
	r[0] <= 0
	r[1] >= 65535
}

# all_traffic(services): every protocol and port.
all_traffic(services) if {
	full_range(services, "tcp")
	full_range(services, "udp")
	every p in ["icmp", "icmpv6", "other"] {
		has_protocol(services, p)
	}
}

# describe(services): `tcp/22, tcp/80-443, udp/53, icmp`, `tcp/all ports`, `all traffic`, or
# `nothing` (the wording of `palisade reach`).
describe(services) := "all traffic" if all_traffic(services)

describe(services) := "nothing" if count(services) == 0

describe(services) := concat(", ", [t | some s in services; some t in service_texts(s)]) if {
	count(services) > 0
	not all_traffic(services)
}

service_texts(s) := [sprintf("%s/all ports", [s.protocol])] if {
	s.protocol in {"tcp", "udp"}
	full_range([s], s.protocol)
}

service_texts(s) := [range_text(s.protocol, r) | some r in object.get(s, "ports", [])] if {
	s.protocol in {"tcp", "udp"}
	not full_range([s], s.protocol)
}

service_texts(s) := [s.protocol] if s.protocol in {"icmp", "icmpv6"}

service_texts(s) := ["other protocols"] if s.protocol == "other"

range_text(protocol, r) := sprintf("%s/%d", [protocol, r[0]]) if r[0] == r[1]

range_text(protocol, r) := sprintf("%s/%d-%d", [protocol, r[0], r[1]]) if r[0] != r[1]

# port_labels(ports, names): `SSH (22), RDP (3389)` for a set of ports and a port -> name object,
# in port order.
port_labels(ports, names) := concat(", ", [sprintf("%s (%d)", [names[p], p]) | some p in sort(ports)])

# ---------------------------------------------------------------------------------------------
# Internet exposure of resources
# ---------------------------------------------------------------------------------------------

# present: the network analysis ran (a snapshot scanned without it has no `input.facts.network`).
present if is_object(input.facts.network)

# exposure(arn): what the internet reaches of a resource (instance, interface, RDS instance,
# load balancer); undefined when the analysis has no entry for it.
exposure(arn) := input.facts.network.exposures[arn]

# open_entries(e): the reachable entries of exposure `e` that most of the internet can use (the
# ones `open` is made of).
open_entries(e) := [r | some r in object.get(e, "reachable", []); r.anywhere == true]

# port_routes(arn, ports): how most of the internet reaches the TCP ports of the set `ports`
# on the resource, one object per path: {"ports": set, "path": text, "reachable": [entries]}.
# Ports in `open` that no entry carries (not expected from the analysis) get a route whose path
# points at `palisade reach`.
port_routes(arn, ports) := routes if {
	e := exposure(arn)
	open := ports_in(object.get(e, "open", []), ports)
	entries := open_entries(e)
	by_path := {r.path: {p | some x in entries; x.path == r.path; some p in ports_in(x.services, open)} |
		some r in entries
	}
	carried := {p | some ps in by_path; some p in ps}
	found := {{"ports": ps, "path": path, "reachable": [x | some x in entries; x.path == path]} |
		some path, ps in by_path
		count(ps) > 0
	}
	missing := {{"ports": open - carried, "path": no_path(arn), "reachable": []} | count(open - carried) > 0}
	routes := found | missing
}

# service_routes(arn): how most of the internet reaches anything on the resource, one object
# per path: {"services": text, "path": text, "reachable": [entries]}.
service_routes(arn) := routes if {
	e := exposure(arn)
	open := object.get(e, "open", [])
	entries := open_entries(e)
	found := {{"services": concat(", ", sort({describe(x.services) | some x in entries; x.path == r.path})), "path": r.path, "reachable": [x | some x in entries; x.path == r.path]} |
		some r in entries
	}
	missing := {{"services": describe(open), "path": no_path(arn), "reachable": []} |
		count(open) > 0
		count(entries) == 0
	}
	routes := found | missing
}

no_path(arn) := sprintf("path not recorded (see `palisade reach --from internet --to %s`)", [arn])

# state_note(state): why a non-running instance still counts.
state_note(state) := "" if state == "running"

state_note(state) := " (stopped now: exposed when started)" if state in {"stopped", "stopping"}

state_note(state) := sprintf(" (%s now)", [state]) if not state in {"running", "stopped", "stopping"}

# kind_label(kind): how messages name a resource of an exposure or flow kind.
kind_label(kind) := labels[kind] if {
	labels := {
		"instance": "EC2 instance",
		"network_interface": "Network interface",
		"rds_instance": "RDS DB instance",
		"load_balancer": "Load balancer",
	}
}

kind_label(kind) := "Resource" if not kind in {"instance", "network_interface", "rds_instance", "load_balancer"}

# account_of(arn): the account id field of an ARN.
account_of(arn) := split(arn, ":")[4]

# ---------------------------------------------------------------------------------------------
# Security groups
# ---------------------------------------------------------------------------------------------

# group_open(arn): the services a security group's rules let most of the internet actually reach
# on some resource; [] when it is attached to nothing or there are no facts.
group_open(arn) := object.get(input, ["facts", "network", "security_groups", arn, "open"], [])

# group_reach(arn, reachable, what): the `note` to append to a hygiene finding on security group
# `arn`, and the `extra` fields to merge into the result. `reachable` is what of the offending
# rule's services the internet actually reaches (a set or array computed from group_open, empty
# when nothing) and `what` names those services for the message ("port 22"). Without network
# facts the finding stays as it was: no note, full severity. When the analysis shows that
# nothing the rule admits is reachable, the result is lowered to low.
group_reach(_, _, _) := {"note": "", "extra": {}} if not present

group_reach(arn, reachable, _) := {"note": sprintf("; reachable from the internet on %s", [concat(", ", g.exposed)]), "extra": {}} if {
	present
	g := input.facts.network.security_groups[arn]
	count(reachable) > 0
}

group_reach(arn, reachable, what) := {"note": note, "extra": {"severity": "low"}} if {
	present
	g := input.facts.network.security_groups[arn]
	count(reachable) == 0
	ids := [resource_id(r) | some r in object.get(g, "attached_to", [])]
	note := sprintf(
		"; nothing it is attached to is reachable from the internet on %s (attached to %s: no public address, no internet gateway route or a NACL blocks it; `palisade reach --from internet --to %s` shows why)",
		[what, attached_text(ids, g.attached), first_or(ids, "RESOURCE")],
	)
}

# resource_id(arn): the id at the end of an ARN (`instance/i-1` -> `i-1`, `db:prod` -> `prod`).
resource_id(arn) := id if {
	parts := split(arn, "/")
	id := parts[count(parts) - 1]
	not contains(id, ":")
}

resource_id(arn) := id if {
	parts := split(arn, "/")
	last := parts[count(parts) - 1]
	contains(last, ":")
	more := split(last, ":")
	id := more[count(more) - 1]
}

attached_text(ids, n) := resources(n) if count(ids) == 0

attached_text(ids, _) := concat(", ", ids) if {
	count(ids) > 0
	count(ids) <= 3
}

attached_text(ids, _) := sprintf("%s and %d more", [concat(", ", array.slice(ids, 0, 3)), count(ids) - 3]) if count(ids) > 3

first_or(ids, _) := ids[0] if count(ids) > 0

first_or(ids, d) := d if count(ids) == 0

group_reach(arn, _, _) := {"note": "; it is attached to nothing", "extra": {"severity": "low"}} if {
	present
	not input.facts.network.security_groups[arn]
}

resources(1) := "1 resource"

resources(n) := sprintf("%d resources", [n]) if n != 1


# ---------------------------------------------------------------------------------------------
# Segments and flows
# ---------------------------------------------------------------------------------------------

# segments_of_kind(kind): names of the configured segments of a kind (cde, phi, public, internal).
segments_of_kind(kind) := {name |
	some name, seg in object.get(input, ["facts", "network", "segments"], {})
	seg.kind == kind
}

# in_kind(arn, kind): the resource is a member of a segment of `kind`.
in_kind(arn, kind) if {
	some name in object.get(input, ["facts", "network", "segment_of", arn], [])
	input.facts.network.segments[name].kind == kind
}

# flows: every segment-to-resource flow.
flows := object.get(input, ["facts", "network", "flows"], [])

# from_text(f): how messages name where a flow comes from.
from_text(f) := "a public subnet (routed to an internet gateway)" if f.from == public_subnets_segment

from_text(f) := sprintf("segment %s", [f.from]) if f.from != public_subnets_segment

# named_public: [target, source, services, disallowed] of the flows from configured segments of
# kind public, to drop the "(public subnets)" flows that repeat one of them exactly.
named_public contains [f.target, f.source, f.services, f.disallowed] if {
	some f in flows
	f.from_kind == "public"
	f.from != public_subnets_segment
}

# repeated(f): a "(public subnets)" flow that says nothing a configured public segment's flow
# does not.
repeated(f) if {
	f.from == public_subnets_segment
	[f.target, f.source, f.services, f.disallowed] in named_public
}

# live_instance_ids(account_id, region): the ids of the account's EC2 instances in the region
# that are not terminated or being terminated (stopped ones count: they start again as they
# are).
live_instance_ids(account_id, region) := [x.id |
	some x in index.lookup("instances_by_place", [account_id, region])
	not x.state in {"terminated", "shutting-down"}
]
