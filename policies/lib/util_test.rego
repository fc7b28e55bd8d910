package palisade.lib.util_test

import data.palisade.lib.util
import rego.v1

test_pass_statements_object_and_array if {
	count(util.statements({"Statement": {"Effect": "Allow"}})) == 1
	count(util.statements({"Statement": [{"Effect": "Allow"}, {"Effect": "Deny"}]})) == 2
	count(util.statements({})) == 0
}

test_pass_ports if {
	util.port_in_rule({"protocol": "tcp", "from_port": 0, "to_port": 65535}, 22)
	util.port_in_rule({"protocol": "-1"}, 3389)
	not util.port_in_rule({"protocol": "tcp", "from_port": 80, "to_port": 443}, 22)
	not util.port_in_rule({"protocol": "icmp", "from_port": -1, "to_port": -1}, 22)
}

test_pass_non_blank if {
	util.non_blank("alias/aws/sqs")
	not util.non_blank("")
	not util.non_blank("  ")
	not util.non_blank(null)
	not util.non_blank(3)
}

test_labelled if {
	util.labelled("fs-0a1b", "claims-exports") == "fs-0a1b (claims-exports)"
	util.labelled("fs-0a1b", null) == "fs-0a1b"
	util.labelled("fs-0a1b", " ") == "fs-0a1b"
}

test_days_before_collection if {
	util.days_before_collection("2026-08-01T12:00:00Z") == 111 with input as {"collected_at": "2026-11-20T12:00:00Z"}
	util.days_before_collection("2026-11-20T11:00:00Z") == 0 with input as {"collected_at": "2026-11-20T12:00:00Z"}
}

test_names_text if {
	util.names_text([], 3) == ""
	util.names_text(["b", "a"], 3) == "a, b"
	util.names_text(["d", "c", "b", "a"], 3) == "a, b, c and 1 more"
}
