package palisade.lib.network_test

import data.palisade.lib.network
import rego.v1

# Tests bind their inputs to locals: regorus does not see rules of this package inside `with`.

ssh := [{"protocol": "tcp", "ports": [[22, 22]]}]

mixed := [
	{"protocol": "tcp", "ports": [[22, 22], [80, 443]]},
	{"protocol": "udp", "ports": [[53, 53]]},
	{"protocol": "icmp"},
]

everything := [
	{"protocol": "tcp", "ports": [[0, 65535]]},
	{"protocol": "udp", "ports": [[0, 65535]]},
	{"protocol": "icmp"},
	{"protocol": "icmpv6"},
	{"protocol": "other"},
]

arn := "arn:aws:ec2:us-east-1:111122223333:instance/i-1"

sg_arn := "arn:aws:ec2:us-east-1:111122223333:security-group/sg-1"

entry(services, anywhere, path) := {"family": "v4", "services": services, "sources": ["0.0.0.0/0 (any internet address)"], "anywhere": anywhere, "path": path}

exposed(open, reachable) := {"facts": {"network": {"exposures": {arn: {
	"kind": "instance",
	"account_id": "111122223333",
	"region": "us-east-1",
	"name": "bastion (i-1)",
	"open": open,
	"reachable": reachable,
	"state": "running",
}}}}}

test_pass_port_in if {
	network.port_in(ssh, 22)
	network.port_in(mixed, 100)
	network.port_in(everything, 3389)
	not network.port_in(mixed, 53)
	not network.port_in(mixed, 444)
	not network.port_in([{"protocol": "icmp"}], 22)
	not network.port_in([], 22)
}

test_pass_ports_in if {
	network.ports_in(mixed, {22, 53, 443, 3389}) == {22, 443}
	network.ports_in(everything, {22, 3389}) == {22, 3389}
	network.ports_in([], {22}) == set()
}

test_pass_describe if {
	network.describe(mixed) == "tcp/22, tcp/80-443, udp/53, icmp"
	network.describe(everything) == "all traffic"
	network.describe([]) == "nothing"
	network.describe([{"protocol": "tcp", "ports": [[0, 65535]]}, {"protocol": "other"}]) == "tcp/all ports, other protocols"
	network.describe([{"protocol": "udp", "ports": [[0, 65535]]}, {"protocol": "icmpv6"}]) == "udp/all ports, icmpv6"
}

test_pass_describe_almost_everything_is_not_all_traffic if {
	almost := [s | some s in everything; s.protocol != "icmpv6"]
	network.describe(almost) == "tcp/all ports, udp/all ports, icmp, other protocols"
}

test_pass_port_labels if {
	network.port_labels({3389, 22}, {22: "SSH", 3389: "RDP"}) == "SSH (22), RDP (3389)"
}

test_pass_port_routes_group_ports_by_path if {
	inp := exposed(mixed, [
		entry([{"protocol": "tcp", "ports": [[22, 22]]}], true, "p1"),
		entry([{"protocol": "tcp", "ports": [[80, 443]]}, {"protocol": "udp", "ports": [[53, 53]]}], true, "p2"),
		entry([{"protocol": "tcp", "ports": [[3389, 3389]]}], false, "p3"),
	])
	routes := network.port_routes(arn, {22, 80, 443, 3389}) with input as inp
	routes == {
		{"ports": {22}, "path": "p1", "reachable": [entry([{"protocol": "tcp", "ports": [[22, 22]]}], true, "p1")]},
		{"ports": {80, 443}, "path": "p2", "reachable": [entry([{"protocol": "tcp", "ports": [[80, 443]]}, {"protocol": "udp", "ports": [[53, 53]]}], true, "p2")]},
	}
}

test_pass_port_routes_none_when_not_open if {
	inp := exposed([], [entry(ssh, false, "office only")])
	network.port_routes(arn, {22}) == set() with input as inp
}

test_pass_port_routes_without_recorded_path if {
	inp := exposed(ssh, [])
	routes := network.port_routes(arn, {22}) with input as inp
	count(routes) == 1
	some r in routes
	r.ports == {22}
	contains(r.path, "palisade reach --from internet --to arn:aws:ec2:us-east-1:111122223333:instance/i-1")
}

test_pass_service_routes if {
	inp := exposed(mixed, [entry(ssh, true, "p1"), entry([{"protocol": "udp", "ports": [[53, 53]]}], true, "p1"), entry(mixed, false, "p2")])
	routes := network.service_routes(arn) with input as inp
	count(routes) == 1
	some r in routes
	r.services == "tcp/22, udp/53"
	r.path == "p1"
	count(r.reachable) == 2
}

test_pass_exposure_absent_without_facts if {
	inp := {"network": {}}
	not network.exposure(arn) with input as inp
	not network.present with input as inp
	closed := exposed([], [])
	network.port_routes(arn, {22}) == set() with input as closed
}

test_pass_state_note if {
	network.state_note("running") == ""
	network.state_note("stopped") == " (stopped now: exposed when started)"
	network.state_note("pending") == " (pending now)"
}

test_pass_group_reach_without_facts_keeps_severity if {
	inp := {"network": {}}
	network.group_open(sg_arn) == [] with input as inp
	network.group_reach(sg_arn, set(), "port 22") == {"note": "", "extra": {}} with input as inp
}

test_pass_group_reach_reachable if {
	inp := {"facts": {"network": {"security_groups": {sg_arn: {"attached": 2, "open": ssh, "exposed": ["arn:a", "arn:b"]}}}}}
	network.group_open(sg_arn) == ssh with input as inp
	network.group_reach(sg_arn, {22}, "port 22") == {"note": "; reachable from the internet on arn:a, arn:b", "extra": {}} with input as inp
}

test_pass_group_reach_not_reachable_is_low if {
	inp := {"facts": {"network": {"security_groups": {sg_arn: {"attached": 1, "open": [], "exposed": []}}}}}
	r := network.group_reach(sg_arn, set(), "port 22") with input as inp
	r.extra == {"severity": "low"}
	startswith(r.note, "; nothing it is attached to is reachable from the internet on port 22 (attached to 1 resource: ")
	contains(r.note, "--to RESOURCE` shows why)")
}

test_pass_group_reach_names_what_it_is_attached_to if {
	attached := [
		"arn:aws:ec2:us-east-1:1:instance/i-1", "arn:aws:rds:us-east-1:1:db:prod",
		"arn:aws:ec2:us-east-1:1:instance/i-2", "arn:aws:ec2:us-east-1:1:instance/i-3",
	]
	inp := {"facts": {"network": {"security_groups": {sg_arn: {"attached": 4, "attached_to": attached, "open": [], "exposed": []}}}}}
	r := network.group_reach(sg_arn, set(), "port 22") with input as inp
	contains(r.note, "(attached to i-1, prod, i-2 and 1 more: ")
	contains(r.note, "`palisade reach --from internet --to i-1` shows why)")
}

test_pass_group_reach_attached_to_nothing_is_low if {
	inp := {"facts": {"network": {"security_groups": {}}}}
	network.group_reach(sg_arn, [], "port 22") == {"note": "; it is attached to nothing", "extra": {"severity": "low"}} with input as inp
}

test_pass_segments_and_flows if {
	inp := {"facts": {"network": {
		"segments": {"cde": {"kind": "cde", "members": [arn], "subnets": []}, "web": {"kind": "public", "members": [], "subnets": []}},
		"segment_of": {arn: ["cde"]},
		"flows": [
			{"from": "web", "from_kind": "public", "target": arn, "source": "s", "services": ssh, "disallowed": ssh},
			{"from": "(public subnets)", "from_kind": "public", "target": arn, "source": "s", "services": ssh, "disallowed": ssh},
			{"from": "(public subnets)", "from_kind": "public", "target": arn, "source": "t", "services": ssh, "disallowed": ssh},
		],
	}}}
	network.segments_of_kind("cde") == {"cde"} with input as inp
	network.in_kind(arn, "cde") with input as inp
	not network.in_kind(arn, "phi") with input as inp
	repeated := [f.source | some f in network.flows; network.repeated(f)] with input as inp
	repeated == ["s"]
	network.from_text({"from": "(public subnets)"}) == "a public subnet (routed to an internet gateway)"
	network.from_text({"from": "web"}) == "segment web"
}

test_pass_kind_label_and_account if {
	network.kind_label("rds_instance") == "RDS DB instance"
	network.kind_label("something") == "Resource"
	network.account_of(arn) == "111122223333"
}
