package palisade.iam.user_privilege_escalation_test

import data.palisade.iam.user_privilege_escalation as policy
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

test_fail_one_method if {
	inp := subject({"escalations": [{"method": "AttachUserPolicy", "action": "iam:AttachUserPolicy", "target": "arn:aws:iam::111122223333:user/alice", "conditional": false, "via": "arn:aws:iam::111122223333:policy/ci-deploy statement #0", "how": "attach any managed policy (AdministratorAccess) to itself"}]})
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:iam::111122223333:user/alice"
	r.message == "IAM user alice can raise its own permissions: iam:AttachUserPolicy on arn:aws:iam::111122223333:user/alice (attach any managed policy (AdministratorAccess) to itself; allowed by arn:aws:iam::111122223333:policy/ci-deploy statement #0)"
	count(r.evidence.escalations) == 1
}

test_fail_several_methods_one_conditional if {
	inp := subject({"escalations": [{"method": "AttachUserPolicy", "action": "iam:AttachUserPolicy", "target": "arn:aws:iam::111122223333:user/alice", "conditional": false, "via": "arn:aws:iam::111122223333:policy/ci-deploy statement #0", "how": "attach any managed policy (AdministratorAccess) to itself"}, {"method": "CreatePolicyVersion", "action": "iam:CreatePolicyVersion", "target": "arn:aws:iam::111122223333:policy/ci-deploy", "conditional": true, "via": "user/alice inline policy \"p\" statement s1", "how": "publish a new default version of its own policy"}]})
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	contains(r.message, "itself; allowed by arn:aws:iam::111122223333:policy/ci-deploy statement #0); iam:CreatePolicyVersion on arn:aws:iam::111122223333:policy/ci-deploy")
	endswith(r.message, `(publish a new default version of its own policy; allowed by user/alice inline policy "p" statement s1), conditionally`)
}

test_pass_no_escalation if {
	inp := subject({"neutralised": [{"method": "AttachUserPolicy", "by": "permissions boundary arn:aws:iam::111122223333:policy/boundary"}]})
	count(policy.deny) == 0 with input as inp
	"arn:aws:iam::111122223333:user/alice" in policy.checked with input as inp
}

test_pass_admin_is_reported_elsewhere if {
	inp := subject({"admin": {"conditional": false, "reason": "allows every action on every resource"}, "escalations": [{"method": "AttachUserPolicy", "action": "iam:AttachUserPolicy", "target": "arn:aws:iam::111122223333:user/alice", "conditional": false, "via": "arn:aws:iam::111122223333:policy/ci-deploy statement #0", "how": "attach any managed policy (AdministratorAccess) to itself"}]})
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 1 with input as inp
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
