package palisade.iam.policy_write_on_all_resources_test

import data.palisade.iam.policy_write_on_all_resources as policy
import rego.v1

# Tests bind their inputs to locals: regorus does not see rules of this package inside `with`.

# managed(aws_managed, facts): policy "deploy" with the given document analysis (null: none).
managed(aws_managed, facts) := {
	"iam": {"policies": [{
		"arn": "arn:aws:iam::111122223333:policy/deploy",
		"account_id": "111122223333",
		"name": "deploy",
		"aws_managed": aws_managed,
		"default_version_id": "v1",
		"document": {"Statement": []},
		"attachment_count": 1,
	}]},
	"facts": {"iam": {"documents": {"arn:aws:iam::111122223333:policy/deploy": facts | facts != null}}},
}

doc(writes) := {"error": null, "not_action_allows": [], "not_resource_allows": [], "write_on_all_resources": writes}

s3_writes := {"statement": "S3Write", "count": 42, "sample": ["s3:PutObject", "s3:DeleteObject", "s3:DeleteBucket"], "conditional": false, "all_actions": false}

test_fail_write_actions_on_star if {
	inp := managed(false, doc([s3_writes]))
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:iam::111122223333:policy/deploy"
	r.message == `Customer-managed policy deploy (account 111122223333, attachment count 1) allows write actions on every resource: statement "S3Write" allows 42 write or permissions-management actions that could be scoped to specific resources on Resource "*" (e.g. s3:PutObject, s3:DeleteObject, s3:DeleteBucket) with no Condition`
	r.evidence.statement.count == 42
}

test_fail_conditional_statement_without_sid if {
	inp := managed(false, doc([{"statement": "#1", "count": 3, "sample": ["ec2:TerminateInstances"], "conditional": true, "all_actions": false}]))
	some r in policy.deny with input as inp
	contains(r.message, `statement #1 allows 3 write`)
	endswith(r.message, "(e.g. ec2:TerminateInstances), restricted by a Condition")
}

test_fail_one_result_per_statement if {
	inp := managed(false, doc([
		s3_writes,
		{"statement": "#1", "count": 3, "sample": ["ec2:TerminateInstances"], "conditional": true, "all_actions": false},
	]))
	count(policy.deny) == 2 with input as inp
}

test_pass_full_admin_statement_is_reported_elsewhere if {
	inp := managed(false, doc([{"statement": "#0", "count": 9000, "sample": ["a:B"], "conditional": false, "all_actions": true}]))
	count(policy.deny) == 0 with input as inp
	"arn:aws:iam::111122223333:policy/deploy" in policy.checked with input as inp
}

test_pass_scoped_policy if {
	inp := managed(false, doc([]))
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 1 with input as inp
}

test_pass_aws_managed_policy_is_not_in_scope if {
	inp := managed(true, doc([s3_writes]))
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 0 with input as inp
}

test_pass_unparsed_document_is_not_checked if {
	inp := managed(false, object.union(doc([s3_writes]), {"error": "the document has no Statement"}))
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 0 with input as inp
}

test_pass_no_facts_is_not_checked if {
	inp := managed(false, null)
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 0 with input as inp
}

# inline(collection, owner, facts): one owner (a user, group or role) in `collection` with inline
# policy "deploy" whose document analysis is `facts`.
inline(collection, owner, facts) := {
	"iam": {collection: [object.union(owner, {"inline_policies": [{"name": "deploy", "document": {"Statement": []}}]})]},
	"facts": {"iam": {"inline_documents": {owner.arn: {"deploy": facts}}}},
}

alice := {"arn": "arn:aws:iam::111122223333:user/alice", "account_id": "111122223333", "name": "alice"}

builders := {"arn": "arn:aws:iam::111122223333:group/builders", "account_id": "111122223333", "name": "builders"}

ci := {"arn": "arn:aws:iam::111122223333:role/ci", "account_id": "111122223333", "name": "ci", "service_linked": false}

test_fail_inline_user_policy if {
	inp := inline("users", alice, doc([s3_writes]))
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:iam::111122223333:user/alice"
	r.message == `Inline policy deploy of user alice (account 111122223333) allows write actions on every resource: statement "S3Write" allows 42 write or permissions-management actions that could be scoped to specific resources on Resource "*" (e.g. s3:PutObject, s3:DeleteObject, s3:DeleteBucket) with no Condition`
	r.evidence.inline_policy == "deploy"
}

test_fail_inline_group_policy if {
	inp := inline("groups", builders, doc([s3_writes]))
	some r in policy.deny with input as inp
	r.arn == "arn:aws:iam::111122223333:group/builders"
	startswith(r.message, "Inline policy deploy of group builders (account 111122223333) allows write actions")
}

test_fail_inline_role_policy if {
	inp := inline("roles", ci, doc([{"statement": "#1", "count": 3, "sample": ["ec2:TerminateInstances"], "conditional": true, "all_actions": false}]))
	some r in policy.deny with input as inp
	r.arn == "arn:aws:iam::111122223333:role/ci"
	startswith(r.message, "Inline policy deploy of role ci (account 111122223333)")
	endswith(r.message, "statement #1 allows 3 write or permissions-management actions that could be scoped to specific resources on Resource \"*\" (e.g. ec2:TerminateInstances), restricted by a Condition")
}

test_pass_inline_user_policy_scoped if {
	inp := inline("users", alice, doc([]))
	count(policy.deny) == 0 with input as inp
	policy.checked == {"arn:aws:iam::111122223333:user/alice"} with input as inp
}

test_pass_inline_group_policy_scoped if {
	inp := inline("groups", builders, doc([]))
	count(policy.deny) == 0 with input as inp
	policy.checked == {"arn:aws:iam::111122223333:group/builders"} with input as inp
}

test_pass_inline_role_full_admin_statement_is_reported_elsewhere if {
	inp := inline("roles", ci, doc([{"statement": "#0", "count": 9000, "sample": ["a:B"], "conditional": false, "all_actions": true}]))
	count(policy.deny) == 0 with input as inp
	policy.checked == {"arn:aws:iam::111122223333:role/ci"} with input as inp
}

test_pass_service_linked_role_is_not_in_scope if {
	inp := inline("roles", object.union(ci, {"service_linked": true}), doc([s3_writes]))
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 0 with input as inp
}

test_pass_unparsed_inline_document_is_not_checked if {
	inp := inline("users", alice, object.union(doc([s3_writes]), {"error": "the document has no Statement"}))
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 0 with input as inp
}
