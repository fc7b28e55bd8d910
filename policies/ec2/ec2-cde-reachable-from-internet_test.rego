package palisade.ec2.cde_reachable_from_internet_test

import data.palisade.ec2.cde_reachable_from_internet as policy
import rego.v1

vault := "arn:aws:rds:us-east-1:111122223333:db:card-vault"

api := "arn:aws:ec2:us-east-1:111122223333:instance/i-1"

other := "arn:aws:ec2:us-east-1:444455556666:instance/i-2"

path := "internet (0.0.0.0/0) → internet gateway igw-1 → rtb-1 route 0.0.0.0/0 → acl-1 inbound rule 100 → sg-1 rule 1 (tcp/443 from 0.0.0.0/0) → acl-1 outbound rule 100 (replies) → 54.1.2.3 (eni-1, subnet subnet-1)"

https := [{"protocol": "tcp", "ports": [[443, 443]]}]

entry(services, anywhere, p) := {"family": "v4", "services": services, "sources": ["any"], "anywhere": anywhere, "path": p}

exposure(kind, account, name, state, open, reachable) := {"kind": kind, "account_id": account, "region": "us-east-1", "name": name, "open": open, "reachable": reachable, "state": state}

closed(kind, account, name, state) := exposure(kind, account, name, state, [], [])

# subject(accounts, exposures, kind): accounts in scope, and a segment "cards" of `kind` holding
# the card API instance, the vault database and an instance of another account.
subject(accounts, exposures, kind) := {
	"accounts": [{"id": a} | some a in accounts],
	"facts": {"network": {
		"exposures": exposures,
		"segments": {"cards": {"kind": kind, "members": [api, vault, other], "subnets": ["subnet-1"]}},
		"segment_of": {api: ["cards"], vault: ["cards"], other: ["cards"]},
		"flows": [],
		"public_subnets": [],
	}},
}

default_exposures := {
	api: closed("instance", "111122223333", "card-api (i-1)", "running"),
	vault: closed("rds_instance", "111122223333", "card-vault", "available"),
	other: closed("instance", "444455556666", "i-2", "running"),
}

test_fail_cde_instance_reachable if {
	exposures := object.union(default_exposures, {api: exposure("instance", "111122223333", "card-api (i-1)", "running", https, [entry(https, true, path)])})
	inp := subject(["111122223333"], exposures, "cde")
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == api
	r.message == sprintf("EC2 instance card-api (i-1) in CDE segment cards is reachable from the internet on tcp/443: %s", [path])
	r.evidence.segment == "cards"
	r.evidence.reachable == [entry(https, true, path)]
}

test_fail_cde_database_and_stopped_instance if {
	pg := [{"protocol": "tcp", "ports": [[5432, 5432]]}]
	exposures := object.union(default_exposures, {
		vault: exposure("rds_instance", "111122223333", "card-vault", "available", pg, [entry(pg, true, "p1")]),
		api: exposure("instance", "111122223333", "card-api (i-1)", "stopped", https, [entry(https, true, "p2")]),
	})
	inp := subject(["111122223333"], exposures, "cde")
	msgs := {r.message | some r in policy.deny} with input as inp
	msgs == {
		"RDS DB instance card-vault in CDE segment cards is reachable from the internet on tcp/5432: p1",
		"EC2 instance card-api (i-1) (stopped now: exposed when started) in CDE segment cards is reachable from the internet on tcp/443: p2",
	}
}

test_pass_cde_not_reachable if {
	inp := subject(["111122223333"], default_exposures, "cde")
	count(policy.deny) == 0 with input as inp
	policy.checked == {api, vault} with input as inp
}

test_pass_reachable_from_narrow_range_only if {
	exposures := object.union(default_exposures, {api: exposure("instance", "111122223333", "card-api (i-1)", "running", [], [entry(https, false, path)])})
	inp := subject(["111122223333"], exposures, "cde")
	count(policy.deny) == 0 with input as inp
}

test_pass_other_accounts_are_not_judged if {
	exposures := object.union(default_exposures, {other: exposure("instance", "444455556666", "i-2", "running", https, [entry(https, true, path)])})
	inp := subject(["111122223333"], exposures, "cde")
	count(policy.deny) == 0 with input as inp
	not other in policy.checked with input as inp
	inp2 := subject(["444455556666"], exposures, "cde")
	policy.checked == {other} with input as inp2
	count(policy.deny) == 1 with input as inp2
}

test_pass_segment_of_other_kind_is_not_checked if {
	exposures := object.union(default_exposures, {api: exposure("instance", "111122223333", "card-api (i-1)", "running", https, [entry(https, true, path)])})
	inp := subject(["111122223333"], exposures, "phi")
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 0 with input as inp
}

test_pass_no_facts if {
	inp := {"accounts": [{"id": "111122223333"}]}
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 0 with input as inp
}
