package palisade.iam.role_admin_equivalent_test

import data.palisade.iam.role_admin_equivalent as policy
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

test_fail_unconditional_admin if {
	inp := subject({"admin": {"conditional": false, "reason": "allows every action on every resource (arn:aws:iam::aws:policy/AdministratorAccess statement #0)"}})
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:iam::111122223333:role/ci"
	r.message == "IAM role ci is admin-equivalent: allows every action on every resource (arn:aws:iam::aws:policy/AdministratorAccess statement #0)"
	r.evidence.admin.conditional == false
	"arn:aws:iam::111122223333:role/ci" in policy.checked with input as inp
}

test_fail_conditional_admin_says_so if {
	inp := subject({"admin": {"conditional": true, "reason": "allows every IAM write and permissions-management action on every resource, so it can grant itself anything"}})
	some r in policy.deny with input as inp
	contains(r.message, "IAM role ci is admin-equivalent: allows every IAM write")
	endswith(r.message, " (only when its conditions hold)")
	r.evidence.admin.conditional == true
}

test_pass_not_admin if {
	inp := subject({"escalations": [{"method": "AttachUserPolicy", "action": "iam:AttachUserPolicy", "target": "arn:aws:iam::111122223333:role/ci", "conditional": false, "via": "x", "how": "y"}]})
	count(policy.deny) == 0 with input as inp
	"arn:aws:iam::111122223333:role/ci" in policy.checked with input as inp
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
	inp := principal(true, {"admin": {"conditional": false, "reason": "allows every action on every resource (arn:aws:iam::aws:policy/AdministratorAccess statement #0)"}})
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 0 with input as inp
}

test_pass_service_linked_in_facts_is_not_in_scope if {
	inp := subject(object.union({"admin": {"conditional": false, "reason": "allows every action on every resource (arn:aws:iam::aws:policy/AdministratorAccess statement #0)"}}, {"service_linked": true}))
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 0 with input as inp
}
