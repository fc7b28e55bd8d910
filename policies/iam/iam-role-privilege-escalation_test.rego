package palisade.iam.role_privilege_escalation_test

import data.palisade.iam.role_privilege_escalation as policy
import rego.v1

# Tests bind their inputs to locals: regorus does not see rules of this package inside `with`.

# subject(over): one role "ci" whose analysis facts are the defaults overridden by `over`.
subject(over) := principal(false, over)

# principal(service_linked, over): the same, with the inventory's service_linked flag.
principal(service_linked, over) := {
	"iam": {"roles": [{
		"arn": "arn:aws:iam::111122223333:role/ci",
		"account_id": "111122223333",
		"name": "ci",
		"created": "2024-01-01T00:00:00Z",
		"trust_policy": {"Statement": []},
		"service_linked": service_linked,
	}]},
	"facts": {"iam": {"principals": {"arn:aws:iam::111122223333:role/ci": object.union(
		{
			"kind": "role",
			"name": "ci",
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

# no_facts: the role exists but the analysis has no entry for it.
no_facts := {"iam": {"roles": [{"arn": "arn:aws:iam::111122223333:role/ci", "account_id": "111122223333", "name": "ci"}]}, "facts": {"iam": {"principals": {}}}}

test_fail_one_method if {
	inp := subject({"escalations": [{"method": "AttachRolePolicy", "action": "iam:AttachRolePolicy", "target": "arn:aws:iam::111122223333:role/ci", "conditional": false, "via": "arn:aws:iam::111122223333:policy/ci-deploy statement #0", "how": "attach any managed policy (AdministratorAccess) to itself"}]})
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:iam::111122223333:role/ci"
	r.message == "IAM role ci can raise its own permissions: iam:AttachRolePolicy on arn:aws:iam::111122223333:role/ci (attach any managed policy (AdministratorAccess) to itself; allowed by arn:aws:iam::111122223333:policy/ci-deploy statement #0)"
	count(r.evidence.escalations) == 1
}

test_fail_several_methods_one_conditional if {
	inp := subject({"escalations": [{"method": "AttachRolePolicy", "action": "iam:AttachRolePolicy", "target": "arn:aws:iam::111122223333:role/ci", "conditional": false, "via": "arn:aws:iam::111122223333:policy/ci-deploy statement #0", "how": "attach any managed policy (AdministratorAccess) to itself"}, {"method": "CreatePolicyVersion", "action": "iam:CreatePolicyVersion", "target": "arn:aws:iam::111122223333:policy/ci-deploy", "conditional": true, "via": "role/ci inline policy \"p\" statement s1", "how": "publish a new default version of its own policy"}]})
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	contains(r.message, "itself; allowed by arn:aws:iam::111122223333:policy/ci-deploy statement #0); iam:CreatePolicyVersion on arn:aws:iam::111122223333:policy/ci-deploy")
	endswith(r.message, `(publish a new default version of its own policy; allowed by role/ci inline policy "p" statement s1), conditionally`)
}

test_pass_no_escalation if {
	inp := subject({"neutralised": [{"method": "AttachRolePolicy", "by": "permissions boundary arn:aws:iam::111122223333:policy/boundary"}]})
	count(policy.deny) == 0 with input as inp
	"arn:aws:iam::111122223333:role/ci" in policy.checked with input as inp
}

test_pass_admin_is_reported_elsewhere if {
	inp := subject({"admin": {"conditional": false, "reason": "allows every action on every resource"}, "escalations": [{"method": "AttachRolePolicy", "action": "iam:AttachRolePolicy", "target": "arn:aws:iam::111122223333:role/ci", "conditional": false, "via": "arn:aws:iam::111122223333:policy/ci-deploy statement #0", "how": "attach any managed policy (AdministratorAccess) to itself"}]})
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 1 with input as inp
}

test_pass_minimal_facts_entry if {
	inp := {"iam": {"roles": [{"arn": "arn:aws:iam::111122223333:role/ci", "account_id": "111122223333", "name": "ci"}]}, "facts": {"iam": {"principals": {"arn:aws:iam::111122223333:role/ci": {"kind": "role", "name": "ci"}}}}}
	count(policy.deny) == 0 with input as inp
	policy.checked == {"arn:aws:iam::111122223333:role/ci"} with input as inp
}

test_pass_no_facts_is_not_checked if {
	inp := no_facts
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 0 with input as inp
}

test_pass_service_linked_role_is_not_in_scope if {
	inp := principal(true, {"escalations": [{"method": "AttachRolePolicy", "action": "iam:AttachRolePolicy", "target": "arn:aws:iam::111122223333:role/ci", "conditional": false, "via": "arn:aws:iam::111122223333:policy/ci-deploy statement #0", "how": "attach any managed policy (AdministratorAccess) to itself"}]})
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 0 with input as inp
}

test_pass_service_linked_in_facts_is_not_in_scope if {
	inp := subject(object.union({"escalations": [{"method": "AttachRolePolicy", "action": "iam:AttachRolePolicy", "target": "arn:aws:iam::111122223333:role/ci", "conditional": false, "via": "arn:aws:iam::111122223333:policy/ci-deploy statement #0", "how": "attach any managed policy (AdministratorAccess) to itself"}]}, {"service_linked": true}))
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 0 with input as inp
}
