package palisade.rds.phi_data_store_reachable_from_public_subnet_test

import data.palisade.rds.phi_data_store_reachable_from_public_subnet as policy
import rego.v1

claims := "arn:aws:rds:us-east-1:111122223333:db:claims"

reports := "arn:aws:rds:us-east-1:111122223333:db:reports"

bastion := "arn:aws:ec2:us-east-1:111122223333:instance/i-1"

mysql := [{"protocol": "tcp", "ports": [[3306, 3306]]}]

path := "i-1 (eni-1) → sg-1 rule 1 (all traffic to 0.0.0.0/0) → acl-1 outbound rule 100 → rtb-1 route 10.10.0.0/16 -> local → acl-2 inbound rule 100 → sg-2 rule 1 (tcp/3306 from 10.10.0.0/16) → replies: acl-2 outbound rule 100, acl-1 inbound rule 100 → claims (eni-2)"

# flow(from, target, to_kind, services, disallowed): a flow from the bastion in a public subnet.
flow(from, target, to_kind, services, disallowed) := {
	"from": from,
	"from_kind": "public",
	"to": "health",
	"to_kind": to_kind,
	"target": target,
	"target_kind": "rds_instance",
	"target_name": "claims",
	"account_id": "111122223333",
	"region": "us-east-1",
	"services": services,
	"disallowed": disallowed,
	"source": bastion,
	"source_name": "bastion (i-1)",
	"path": path,
}

subject(kind, flows) := {
	"storage": {"rds_instances": [
		{"arn": claims, "account_id": "111122223333", "region": "us-east-1", "id": "claims", "engine": "mysql"},
		{"arn": reports, "account_id": "111122223333", "region": "us-east-1", "id": "reports", "engine": "mysql"},
	]},
	"facts": {"network": {
		"exposures": {},
		"segments": {"health": {"kind": kind, "members": [claims], "subnets": []}, "dmz": {"kind": "public", "members": [bastion], "subnets": []}},
		"segment_of": {claims: ["health"], bastion: ["dmz"]},
		"flows": flows,
		"public_subnets": ["subnet-1"],
	}},
}

test_fail_reachable_from_public_subnets if {
	inp := subject("phi", [flow("(public subnets)", claims, "phi", mysql, mysql)])
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == claims
	r.message == sprintf("RDS DB instance claims in PHI segment health is reachable from a public subnet (routed to an internet gateway) on tcp/3306 (e.g. from bastion (i-1)): %s", [path])
	r.evidence.services == mysql
}

test_fail_even_when_an_allowed_flow_covers_it if {
	inp := subject("phi", [flow("dmz", claims, "phi", mysql, [])])
	some r in policy.deny with input as inp
	startswith(r.message, "RDS DB instance claims in PHI segment health is reachable from segment dmz on tcp/3306")
}

test_fail_public_subnets_flow_repeating_a_public_segment_flow_is_reported_once if {
	inp := subject("phi", [flow("(public subnets)", claims, "phi", mysql, mysql), flow("dmz", claims, "phi", mysql, mysql)])
	count(policy.deny) == 1 with input as inp
}

test_pass_no_flow_from_public if {
	inp := subject("phi", [object.union(flow("corporate", claims, "phi", mysql, mysql), {"from_kind": "internal"})])
	count(policy.deny) == 0 with input as inp
	policy.checked == {claims} with input as inp
}

test_pass_database_outside_phi_segments if {
	inp := subject("cde", [flow("(public subnets)", claims, "cde", mysql, mysql)])
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 0 with input as inp
}

test_pass_flow_to_another_resource if {
	inp := subject("phi", [flow("(public subnets)", "arn:aws:ec2:us-east-1:111122223333:instance/i-7", "phi", mysql, mysql)])
	count(policy.deny) == 0 with input as inp
}

test_pass_no_facts if {
	inp := {"storage": {"rds_instances": [{"arn": claims, "account_id": "111122223333", "region": "us-east-1", "id": "claims"}]}}
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 0 with input as inp
}
