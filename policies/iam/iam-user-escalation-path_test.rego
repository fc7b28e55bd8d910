package palisade.iam.user_escalation_path_test

import data.palisade.iam.user_escalation_path as policy
import rego.v1

# Tests bind their inputs to locals: regorus does not see rules of this package inside `with`.

# subject(over): one user "alice" whose analysis facts are the defaults overridden by `over`.
subject(over) := {
	"iam": {"users": [{
		"arn": "arn:aws:iam::111122223333:user/alice",
		"account_id": "111122223333",
		"name": "alice",
		"created": "2024-01-01T00:00:00Z",
		"groups": ["developers"],
	}]},
	"facts": {"iam": {"principals": {"arn:aws:iam::111122223333:user/alice": object.union(
		{
			"kind": "user",
			"name": "alice",
			"account_id": "111122223333",
			"service_linked": false,
			"admin": null,
			"escalations": [],
			"neutralised": [],
			"path": null,
			"exfiltration": [],
			"permissions_management": {"unconditional": 0, "conditional": 0, "sample": []},
			"missing_policies": [],
		},
		over,
	)}}},
}

# no_facts: the user exists but the analysis has no entry for it.
no_facts := {"iam": {"users": [{"arn": "arn:aws:iam::111122223333:user/alice", "account_id": "111122223333", "name": "alice"}]}, "facts": {"iam": {"principals": {}}}}

test_fail_path_to_admin if {
	inp := subject({"path": {"target": "arn:aws:iam::111122223333:role/admin", "reaches": "admin", "text": "user/alice → role/admin (sts:AssumeRole)", "hops": 1, "conditional": false}})
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:iam::111122223333:user/alice"
	r.message == "IAM user alice can reach admin-equivalent role/admin: user/alice → role/admin (sts:AssumeRole)"
	r.evidence.path.hops == 1
}

test_fail_conditional_path_to_self_escalating_principal_in_other_account if {
	inp := subject({"path": {
		"target": "arn:aws:iam::444455556666:role/deployer",
		"reaches": "escalation",
		"text": "user/alice → role/deployer (sts:AssumeRole) → iam:AttachRolePolicy",
		"hops": 2,
		"conditional": true,
	}})
	some r in policy.deny with input as inp
	r.message == "IAM user alice can reach a self-escalating principal role/deployer in account 444455556666: user/alice → role/deployer (sts:AssumeRole) → iam:AttachRolePolicy (some steps are conditional)"
}

test_fail_role_with_path_in_name if {
	inp := subject({"path": {"target": "arn:aws:iam::111122223333:role/service/admin", "reaches": "admin", "text": "t", "hops": 1, "conditional": false}})
	some r in policy.deny with input as inp
	contains(r.message, "can reach admin-equivalent role/service/admin: t")
}

test_pass_no_path if {
	inp := subject({})
	count(policy.deny) == 0 with input as inp
	"arn:aws:iam::111122223333:user/alice" in policy.checked with input as inp
}

test_pass_minimal_facts_entry if {
	inp := {"iam": {"users": [{"arn": "arn:aws:iam::111122223333:user/alice", "account_id": "111122223333", "name": "alice"}]}, "facts": {"iam": {"principals": {"arn:aws:iam::111122223333:user/alice": {"kind": "user", "name": "alice"}}}}}
	count(policy.deny) == 0 with input as inp
	policy.checked == {"arn:aws:iam::111122223333:user/alice"} with input as inp
}

test_pass_no_facts_is_not_checked if {
	inp := no_facts
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 0 with input as inp
}
