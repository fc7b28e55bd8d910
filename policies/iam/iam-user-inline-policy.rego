# METADATA
# title: IAM user has inline policies
# description: |
#   An IAM user has permissions embedded directly in the user (inline policies). Permissions
#   granted per user drift, are hard to review and are often forgotten when a person changes
#   role or leaves; granting them through groups (or roles) keeps access tied to job functions
#   and reviewable in one place.
# custom:
#   id: iam-user-inline-policy
#   severity: low
#   resource_type: AWS::IAM::User
#   scope: iam.users
#   remediation: |
#     Move the permissions to a group that matches the user's job function (or to a role the
#     user assumes), add the user to it, then delete the inline policy:
#     `aws iam delete-user-policy --user-name NAME --policy-name POLICY`. Terraform: replace
#     `aws_iam_user_policy` with `aws_iam_group_policy_attachment` and
#     `aws_iam_user_group_membership`.
#   references:
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups.html
package palisade.iam.user_inline_policy

import rego.v1

checked contains u.arn if some u in input.iam.users

deny contains result if {
	some u in input.iam.users
	policies := object.get(u, "inline_policies", [])
	count(policies) > 0
	names := [p.name | some p in policies]
	result := {
		"arn": u.arn,
		"message": sprintf("IAM user %s (account %s) has inline policies: %s", [u.name, u.account_id, concat(", ", names)]),
		"evidence": {"inline_policies": names},
	}
}
