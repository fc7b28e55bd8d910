package palisade.iam.policy_not_action_or_not_resource_allow_test

import data.palisade.iam.policy_not_action_or_not_resource_allow as policy
import rego.v1

# Tests bind their inputs to locals: regorus does not see rules of this package inside `with`.

# managed(aws_managed, facts): policy "ops" with the given document analysis (null: none).
managed(aws_managed, facts) := {
	"iam": {"policies": [{
		"arn": "arn:aws:iam::111122223333:policy/ops",
		"account_id": "111122223333",
		"name": "ops",
		"aws_managed": aws_managed,
		"default_version_id": "v2",
		"document": {"Statement": []},
		"attachment_count": 3,
	}]},
	"facts": {"iam": {"documents": {"arn:aws:iam::111122223333:policy/ops": facts | facts != null}}},
}

doc(not_action, not_resource) := {"error": null, "not_action_allows": not_action, "not_resource_allows": not_resource, "write_on_all_resources": []}

test_fail_not_action_and_not_resource if {
	inp := managed(false, doc(["AllButIam", "#2"], ["#3"]))
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:iam::111122223333:policy/ops"
	r.message == `Customer-managed policy ops (account 111122223333, attachment count 3) has Allow statements that grant everything they do not list: NotAction in statement "AllButIam", statement #2; NotResource in statement #3`
	r.evidence.not_resource_allows == ["#3"]
}

test_fail_not_resource_only if {
	inp := managed(false, doc([], ["EverythingButProd"]))
	some r in policy.deny with input as inp
	endswith(r.message, `do not list: NotResource in statement "EverythingButProd"`)
	not contains(r.message, "NotAction")
}

test_pass_explicit_statements if {
	inp := managed(false, doc([], []))
	count(policy.deny) == 0 with input as inp
	"arn:aws:iam::111122223333:policy/ops" in policy.checked with input as inp
}

test_pass_aws_managed_policy_is_not_in_scope if {
	inp := managed(true, doc(["#0"], []))
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 0 with input as inp
}

test_pass_unparsed_document_is_not_checked if {
	inp := managed(false, {"error": "statement #0: no Effect", "not_action_allows": [], "not_resource_allows": [], "write_on_all_resources": []})
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 0 with input as inp
}

test_pass_no_facts_is_not_checked if {
	inp := managed(false, null)
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 0 with input as inp
}

# inline(collection, owner, facts): one owner (a user, group or role) in `collection` with inline
# policy "ops" whose document analysis is `facts` (null: none).
inline(collection, owner, facts) := {
	"iam": {collection: [object.union(owner, {"inline_policies": [{"name": "ops", "document": {"Statement": []}}]})]},
	"facts": {"iam": {"inline_documents": {owner.arn: {"ops": facts | facts != null}}}},
}

alice := {"arn": "arn:aws:iam::111122223333:user/alice", "account_id": "111122223333", "name": "alice"}

admins := {"arn": "arn:aws:iam::111122223333:group/admins", "account_id": "111122223333", "name": "admins"}

etl := {"arn": "arn:aws:iam::111122223333:role/etl", "account_id": "111122223333", "name": "etl", "service_linked": false}

test_fail_inline_user_policy if {
	inp := inline("users", alice, doc(["AllButIam"], []))
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:iam::111122223333:user/alice"
	r.message == `Inline policy ops of user alice (account 111122223333) has Allow statements that grant everything they do not list: NotAction in statement "AllButIam"`
	r.evidence.inline_policy == "ops"
}

test_fail_inline_group_policy if {
	inp := inline("groups", admins, doc([], ["#0"]))
	some r in policy.deny with input as inp
	r.arn == "arn:aws:iam::111122223333:group/admins"
	r.message == `Inline policy ops of group admins (account 111122223333) has Allow statements that grant everything they do not list: NotResource in statement #0`
}

test_fail_inline_role_policy if {
	inp := inline("roles", etl, doc(["#1"], ["#1"]))
	some r in policy.deny with input as inp
	r.arn == "arn:aws:iam::111122223333:role/etl"
	endswith(r.message, "do not list: NotAction in statement #1; NotResource in statement #1")
	startswith(r.message, "Inline policy ops of role etl (account 111122223333)")
}

test_pass_inline_user_policy_with_explicit_statements if {
	inp := inline("users", alice, doc([], []))
	count(policy.deny) == 0 with input as inp
	policy.checked == {"arn:aws:iam::111122223333:user/alice"} with input as inp
}

test_pass_inline_group_policy_with_explicit_statements if {
	inp := inline("groups", admins, doc([], []))
	count(policy.deny) == 0 with input as inp
	policy.checked == {"arn:aws:iam::111122223333:group/admins"} with input as inp
}

test_pass_inline_role_policy_with_explicit_statements if {
	inp := inline("roles", etl, doc([], []))
	count(policy.deny) == 0 with input as inp
	policy.checked == {"arn:aws:iam::111122223333:role/etl"} with input as inp
}

test_pass_service_linked_role_is_not_in_scope if {
	inp := inline("roles", object.union(etl, {"service_linked": true}), doc(["#0"], []))
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 0 with input as inp
}

test_pass_unparsed_inline_document_is_not_checked if {
	inp := inline("users", alice, object.union(doc(["#0"], []), {"error": "statement #0: no Effect"}))
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 0 with input as inp
}

test_pass_owner_without_inline_policies_is_not_checked if {
	inp := {"iam": {"users": [alice]}, "facts": {"iam": {"inline_documents": {}}}}
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 0 with input as inp
}

test_fail_managed_and_inline_findings_stay_apart if {
	inp := object.union(managed(false, doc(["#0"], [])), inline("users", alice, doc(["#0"], [])))
	arns := {r.arn | some r in policy.deny} with input as inp
	arns == {"arn:aws:iam::111122223333:policy/ops", "arn:aws:iam::111122223333:user/alice"}
}
