# METADATA
# title: Customer-managed or inline policy allows with NotAction or NotResource
# description: |
#   A customer-managed IAM policy, or an inline policy of a user, group or role, has an Allow
#   statement that uses NotAction or NotResource. An Allow with NotAction grants every action of
#   every service except the ones listed, including services and actions AWS adds later; an
#   Allow with NotResource grants the actions on every resource except the ones listed,
#   including resources created later. Either grants far more than it appears to, and reviewers
#   routinely misread them. (An Allow with NotAction on every resource is also reported as full
#   administrative access by iam-policy-allows-full-admin, and for roles'
#   inline policies by iam-role-inline-policy-allows-full-admin.) NotAction and NotResource in
#   Deny statements are fine and are not reported. A managed policy is reported on its own ARN;
#   an inline policy, which has no ARN, on its user, group or role, naming the policy.
#   AWS-managed policies, inline policies of service-linked roles, and documents that could not
#   be parsed are not checked.
# custom:
#   id: iam-policy-not-action-or-not-resource-allow
#   severity: medium
#   resource_type: AWS::IAM::ManagedPolicy
#   scope: iam.policies
#   also_judges: [iam.users, iam.groups, iam.roles]
#   remediation: |
#     Rewrite the statements named in the finding to list what they allow (`Action` and
#     `Resource`), and express exclusions as a separate Deny statement (where NotAction and
#     NotResource are safe). IAM Access Analyzer can generate a least-privilege policy from
#     CloudTrail activity. For a managed policy, publish the result as the new default version
#     (`aws iam create-policy-version --policy-arn ARN --policy-document file://explicit.json
#     --set-as-default`) and delete the old version; for an inline policy, replace it with
#     `aws iam put-user-policy`, `put-group-policy` or `put-role-policy` (same
#     `--policy-name`, `--policy-document file://explicit.json`). Terraform: replace
#     `not_actions` / `not_resources` with `actions` / `resources` in the `statement` blocks
#     with `effect = "Allow"` of the `aws_iam_policy_document` behind the `aws_iam_policy`,
#     `aws_iam_user_policy`, `aws_iam_group_policy` or `aws_iam_role_policy`.
#   references:
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html
package palisade.iam.policy_not_action_or_not_resource_allow

import rego.v1

checked contains p.arn if {
	some p in input.iam.policies
	facts(p)
}

deny contains result if {
	some p in input.iam.policies
	d := facts(p)
	not_action := object.get(d, "not_action_allows", [])
	not_resource := object.get(d, "not_resource_allows", [])
	count(not_action) + count(not_resource) > 0
	parts := array.concat(part("NotAction", not_action), part("NotResource", not_resource))
	result := {
		"arn": p.arn,
		"message": sprintf("Customer-managed policy %s (account %s, attachment count %v) has Allow statements that grant everything they do not list: %s", [
			p.name, p.account_id, object.get(p, "attachment_count", 0), concat("; ", parts),
		]),
		"evidence": {"not_action_allows": not_action, "not_resource_allows": not_resource, "default_version_id": object.get(p, "default_version_id", null)},
	}
}

# Inline policies have no ARN: each is reported on its user, group or role, by name. A
# service-linked role's policies belong to AWS, like AWS-managed policies.
checked contains o.arn if {
	some kind, owned in owners
	some o in owned
	not o.service_linked == true
	some d in object.get(inline_documents, o.arn, {})
	object.get(d, "error", null) == null
}

deny contains result if {
	some kind, owned in owners
	some o in owned
	not o.service_linked == true
	some name, d in object.get(inline_documents, o.arn, {})
	object.get(d, "error", null) == null
	not_action := object.get(d, "not_action_allows", [])
	not_resource := object.get(d, "not_resource_allows", [])
	count(not_action) + count(not_resource) > 0
	parts := array.concat(part("NotAction", not_action), part("NotResource", not_resource))
	result := {
		"arn": o.arn,
		"message": sprintf("Inline policy %s of %s %s (account %s) has Allow statements that grant everything they do not list: %s", [
			name, kind, o.name, o.account_id, concat("; ", parts),
		]),
		"evidence": {"inline_policy": name, "not_action_allows": not_action, "not_resource_allows": not_resource},
	}
}

# part(element, labels): `NotAction in statement "A", statement #2`, or nothing without labels.
part(_, labels) := [] if count(labels) == 0

part(element, labels) := [sprintf("%s in %s", [element, concat(", ", [label_text(l) | some l in labels])])] if count(labels) > 0

# label_text(l): the analysis labels statements by Sid, or "#<index>" (0-based) without one.
label_text(l) := sprintf("statement %s", [l]) if startswith_hash(l)

label_text(l) := sprintf("statement \"%v\"", [l]) if not startswith_hash(l)

startswith_hash(l) if {
	is_string(l)
	startswith(l, "#")
}

# facts(p): the analysis of a customer-managed policy's document, when it could be parsed.
facts(p) := d if {
	not p.aws_managed == true
	d := input.facts.iam.documents[p.arn]
	object.get(d, "error", null) == null
}

# owners: the users, groups and roles, by the kind messages name them with.
owners := {
	"user": object.get(input, ["iam", "users"], []),
	"group": object.get(input, ["iam", "groups"], []),
	"role": object.get(input, ["iam", "roles"], []),
}

# inline_documents: the analysis of every inline policy's document, by its owner's ARN, then
# by policy name; one that could not be parsed has an `error`. (Iterating it per owner is
# several times faster on the interpreter than looking up each of `inline_policies`.)
inline_documents := object.get(input, ["facts", "iam", "inline_documents"], {})
