package palisade.iam.user_permissions_management_unconstrained_test

import data.palisade.iam.user_permissions_management_unconstrained as policy
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

test_fail_unconditional_actions if {
	inp := subject({"permissions_management": {"unconditional": 7, "conditional": 0, "sample": ["s3:PutBucketPolicy", "s3:PutBucketAcl", "kms:PutKeyPolicy"]}})
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:iam::111122223333:user/alice"
	r.message == "IAM user alice can manage permissions on every resource: 7 permissions-management actions allowed on Resource \"*\" (7 unconditionally, 0 only under conditions), e.g. s3:PutBucketPolicy, s3:PutBucketAcl, kms:PutKeyPolicy"
	r.evidence.permissions_management.unconditional == 7
}

test_fail_only_conditional_actions_without_sample if {
	inp := subject({"permissions_management": {"unconditional": 0, "conditional": 2, "sample": []}})
	some r in policy.deny with input as inp
	endswith(r.message, "2 permissions-management actions allowed on Resource \"*\" (0 unconditionally, 2 only under conditions)")
}

test_pass_none if {
	inp := subject({})
	count(policy.deny) == 0 with input as inp
	"arn:aws:iam::111122223333:user/alice" in policy.checked with input as inp
}

test_pass_admin_is_reported_elsewhere if {
	inp := subject(object.union({"permissions_management": {"unconditional": 7, "conditional": 0, "sample": ["s3:PutBucketPolicy", "s3:PutBucketAcl", "kms:PutKeyPolicy"]}}, {"admin": {"conditional": false, "reason": "r"}}))
	count(policy.deny) == 0 with input as inp
}

test_pass_self_escalating_is_reported_elsewhere if {
	inp := subject(object.union({"permissions_management": {"unconditional": 7, "conditional": 0, "sample": ["s3:PutBucketPolicy", "s3:PutBucketAcl", "kms:PutKeyPolicy"]}}, {"escalations": [{"method": "AddUserToGroup", "action": "iam:AddUserToGroup", "target": "arn:aws:iam::111122223333:group/admins", "conditional": false, "via": "v", "how": "h"}]}))
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
