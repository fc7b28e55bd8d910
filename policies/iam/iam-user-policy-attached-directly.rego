# METADATA
# title: IAM user has managed policies attached directly
# description: |
#   Managed policies are attached to an IAM user directly instead of to a group the user belongs
#   to (or a role). Per-user grants drift, are hard to review and tend to survive job changes;
#   attaching policies to groups keeps permissions tied to job functions.
# custom:
#   id: iam-user-policy-attached-directly
#   severity: low
#   resource_type: AWS::IAM::User
#   scope: iam.users
#   remediation: |
#     Attach the policy to a group that matches the user's job function, add the user to it,
#     then detach it from the user: `aws iam detach-user-policy --user-name NAME --policy-arn
#     ARN`. Terraform: replace `aws_iam_user_policy_attachment` with
#     `aws_iam_group_policy_attachment` and `aws_iam_user_group_membership`.
#   references:
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups.html
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html
package palisade.iam.user_policy_attached_directly

import rego.v1

checked contains u.arn if some u in input.iam.users

deny contains result if {
	some u in input.iam.users
	attached := object.get(u, "attached_policies", [])
	count(attached) > 0
	names := [p.name | some p in attached]
	result := {
		"arn": u.arn,
		"message": sprintf("IAM user %s (account %s) has managed policies attached directly: %s", [u.name, u.account_id, concat(", ", names)]),
		"evidence": {"attached_policies": [p.arn | some p in attached]},
	}
}
