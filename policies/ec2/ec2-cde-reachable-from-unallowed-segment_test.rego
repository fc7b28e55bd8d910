package palisade.ec2.cde_reachable_from_unallowed_segment_test

import data.palisade.ec2.cde_reachable_from_unallowed_segment as policy
import rego.v1

vault := "arn:aws:rds:us-east-1:111122223333:db:card-vault"

api := "arn:aws:ec2:us-east-1:111122223333:instance/i-1"

jump := "arn:aws:ec2:us-east-1:444455556666:instance/i-9"

pg := [{"protocol": "tcp", "ports": [[5432, 5432]]}]

path := "i-9 (eni-9) → sg-9 rule 1 (all traffic to 0.0.0.0/0) → acl-9 outbound rule 100 → rtb-9 route 10.10.0.0/16 -> pcx-1 → acl-1 inbound rule 120 → sg-1 rule 2 (tcp/5432 from 10.50.0.0/16) → replies: acl-1 outbound rule 120, acl-9 inbound rule 100 → card-vault (eni-1)"

# flow(from, from_kind, to_kind, services, disallowed): a flow into the vault database.
flow(from, from_kind, to_kind, services, disallowed) := {
	"from": from,
	"from_kind": from_kind,
	"to": "cards",
	"to_kind": to_kind,
	"target": vault,
	"target_kind": "rds_instance",
	"target_name": "card-vault",
	"account_id": "111122223333",
	"region": "us-east-1",
	"services": services,
	"disallowed": disallowed,
	"source": jump,
	"source_name": "jump (i-9)",
	"path": path,
}

subject(accounts, flows) := {
	"accounts": [{"id": a} | some a in accounts],
	"facts": {"network": {
		"exposures": {},
		"segments": {
			"cards": {"kind": "cde", "members": [api, vault], "subnets": []},
			"corporate": {"kind": "internal", "members": [jump], "subnets": []},
		},
		"segment_of": {api: ["cards"], vault: ["cards"], jump: ["corporate"]},
		"flows": flows,
		"public_subnets": [],
	}},
}

test_fail_unallowed_flow_from_internal_segment if {
	inp := subject(["111122223333"], [flow("corporate", "internal", "cde", pg, pg)])
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == vault
	r.message == sprintf("RDS DB instance card-vault in CDE segment cards is reachable from segment corporate on tcp/5432 that no allowed flow covers (e.g. from jump (i-9)): %s", [path])
	r.evidence.disallowed == pg
	r.evidence.source == jump
}

test_fail_only_disallowed_services_are_named if {
	both := [{"protocol": "tcp", "ports": [[22, 22], [5432, 5432]]}]
	ssh := [{"protocol": "tcp", "ports": [[22, 22]]}]
	inp := subject(["111122223333"], [flow("corporate", "internal", "cde", both, ssh)])
	some r in policy.deny with input as inp
	contains(r.message, "from segment corporate on tcp/22 that no allowed flow covers")
}

test_fail_from_public_subnets if {
	inp := subject(["111122223333"], [flow("(public subnets)", "public", "cde", pg, pg)])
	some r in policy.deny with input as inp
	startswith(r.message, "RDS DB instance card-vault in CDE segment cards is reachable from a public subnet (routed to an internet gateway) on tcp/5432 that no allowed flow covers")
}

test_fail_public_subnets_flow_repeating_a_public_segment_flow_is_reported_once if {
	inp := subject(["111122223333"], [flow("(public subnets)", "public", "cde", pg, pg), flow("web", "public", "cde", pg, pg)])
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	contains(r.message, "reachable from segment web on tcp/5432")
}

test_pass_allowed_flow if {
	inp := subject(["111122223333"], [flow("settlement", "internal", "cde", pg, [])])
	count(policy.deny) == 0 with input as inp
	policy.checked == {api, vault} with input as inp
}

test_pass_flow_between_cde_segments if {
	inp := subject(["111122223333"], [flow("cards-2", "cde", "cde", pg, pg)])
	count(policy.deny) == 0 with input as inp
}

test_pass_flow_into_other_kind_of_segment if {
	inp := subject(["111122223333"], [flow("corporate", "internal", "phi", pg, pg)])
	count(policy.deny) == 0 with input as inp
}

test_pass_other_account_is_not_judged if {
	inp := subject(["444455556666"], [flow("corporate", "internal", "cde", pg, pg)])
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 0 with input as inp
}

test_pass_no_facts if {
	inp := {"accounts": [{"id": "111122223333"}]}
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 0 with input as inp
}
