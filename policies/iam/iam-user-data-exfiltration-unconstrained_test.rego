package palisade.iam.user_data_exfiltration_unconstrained_test

import data.palisade.iam.user_data_exfiltration_unconstrained as policy
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

test_fail_one_action if {
	inp := subject({"exfiltration": [{"action": "s3:GetObject", "conditional": false, "via": "arn:aws:iam::111122223333:policy/read-all statement #0"}]})
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:iam::111122223333:user/alice"
	r.message == "IAM user alice can read data from every resource (Resource \"*\"): s3:GetObject; allowed by arn:aws:iam::111122223333:policy/read-all statement #0"
}

test_fail_conditional_actions_are_marked if {
	inp := subject({"exfiltration": [
		{"action": "s3:GetObject", "conditional": false, "via": "arn:aws:iam::111122223333:policy/read-all statement #0"},
		{"action": "kms:Decrypt", "conditional": true, "via": "user/alice inline policy \"kms\" statement Decrypt"},
		{"action": "secretsmanager:GetSecretValue", "conditional": false, "via": "arn:aws:iam::111122223333:policy/read-all statement #0"},
	]})
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	contains(r.message, ": s3:GetObject, kms:Decrypt (conditionally), secretsmanager:GetSecretValue; allowed by ")
	contains(r.message, "arn:aws:iam::111122223333:policy/read-all statement #0, user/alice inline policy")
	count(r.evidence.exfiltration) == 3
}

test_pass_no_unconstrained_reads if {
	inp := subject({})
	count(policy.deny) == 0 with input as inp
	"arn:aws:iam::111122223333:user/alice" in policy.checked with input as inp
}

test_pass_admin_is_reported_elsewhere if {
	inp := subject(object.union({"exfiltration": [{"action": "s3:GetObject", "conditional": false, "via": "arn:aws:iam::111122223333:policy/read-all statement #0"}]}, {"admin": {"conditional": true, "reason": "r"}}))
	count(policy.deny) == 0 with input as inp
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
