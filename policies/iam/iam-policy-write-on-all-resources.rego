# METADATA
# title: Customer-managed or inline policy allows write actions on every resource
# description: |
#   A customer-managed IAM policy, or an inline policy of a user, group or role, has an Allow
#   statement whose Resource is "*" and whose actions
#   include write or permissions-management actions that support resource-level permissions,
#   such as s3:PutObject, s3:DeleteBucket, ec2:TerminateInstances or kms:ScheduleKeyDeletion.
#   Those actions could be limited to the buckets, instances and keys the principals need;
#   allowed on "*" they reach every resource of the account, including ones created later, so a
#   compromised principal or a mistaken script can change or destroy anything of those types.
#   Actions that only work on "*" (List*, Describe*, most Create* calls) are not counted.
#   Statements that allow every action are reported by iam-policy-allows-full-admin instead. A
#   managed policy is reported on its own ARN; an inline policy, which has no ARN, on its user,
#   group or role, naming the policy. AWS-managed policies, inline policies of service-linked
#   roles, and documents that could not be parsed are not checked.
# custom:
#   id: iam-policy-write-on-all-resources
#   severity: medium
#   resource_type: AWS::IAM::ManagedPolicy
#   scope: iam.policies
#   also_judges: [iam.users, iam.groups, iam.roles]
#   remediation: |
#     Replace `"Resource": "*"` in the statements named in the finding with the ARNs (or ARN
#     patterns such as `arn:aws:s3:::app-uploads/*`) the principals need, or add conditions
#     such as `aws:ResourceTag/team`; IAM Access Analyzer can generate a scoped policy from
#     CloudTrail activity. For a managed policy, publish the result as the new default version
#     (`aws iam create-policy-version --policy-arn ARN --policy-document file://scoped.json
#     --set-as-default`) and delete the old version; for an inline policy, replace it with
#     `aws iam put-user-policy`, `put-group-policy` or `put-role-policy` (same
#     `--policy-name`, `--policy-document file://scoped.json`). Terraform: replace
#     `resources = ["*"]` in the `aws_iam_policy_document` behind the `aws_iam_policy`,
#     `aws_iam_user_policy`, `aws_iam_group_policy` or `aws_iam_role_policy` with specific ARNs.
#   references:
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_understand-policy-summary-access-level-summaries.html
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-policy-generation.html
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html
package palisade.iam.policy_write_on_all_resources

import rego.v1

checked contains p.arn if {
	some p in input.iam.policies
	facts(p)
}

deny contains result if {
	some p in input.iam.policies
	d := facts(p)
	some w in object.get(d, "write_on_all_resources", [])
	not w.all_actions == true
	result := {
		"arn": p.arn,
		"message": sprintf("Customer-managed policy %s (account %s, attachment count %v) allows write actions on every resource: %s allows %v write or permissions-management actions that could be scoped to specific resources on Resource \"*\"%s%s", [
			p.name, p.account_id, object.get(p, "attachment_count", 0),
			label_text(w.statement), w.count, sample_text(w), condition_text(w),
		]),
		"evidence": {"statement": w, "default_version_id": object.get(p, "default_version_id", null)},
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
	some w in object.get(d, "write_on_all_resources", [])
	not w.all_actions == true
	result := {
		"arn": o.arn,
		"message": sprintf("Inline policy %s of %s %s (account %s) allows write actions on every resource: %s allows %v write or permissions-management actions that could be scoped to specific resources on Resource \"*\"%s%s", [
			name, kind, o.name, o.account_id,
			label_text(w.statement), w.count, sample_text(w), condition_text(w),
		]),
		"evidence": {"inline_policy": name, "statement": w},
	}
}

sample_text(w) := sprintf(" (e.g. %s)", [concat(", ", [sprintf("%v", [a]) | some a in w.sample])]) if count(object.get(w, "sample", [])) > 0

sample_text(w) := "" if count(object.get(w, "sample", [])) == 0

condition_text(w) := ", restricted by a Condition" if w.conditional == true

condition_text(w) := " with no Condition" if not w.conditional == true

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
