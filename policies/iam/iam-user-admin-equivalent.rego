# METADATA
# title: IAM user is admin-equivalent
# description: |
#   The effective permissions of an IAM user (the user's inline and attached policies and those
#   of its groups, less what explicit denies, a permissions boundary and service control
#   policies take away) allow every action on every resource, or every IAM write and
#   permissions-management action on every resource, with which it can grant itself everything
#   else. Palisade evaluates the policies with AWS's evaluation logic, so administrative access
#   is found whether it comes from AdministratorAccess, IAMFullAccess, a NotAction statement or
#   wildcards. Anyone holding the user's password or access keys can then do anything in the
#   account: read all data, disable logging and create backdoor access. When the grant only
#   holds under conditions (MFA, source IP, tags) the finding says so. Users without analysis
#   facts are not checked.
# custom:
#   id: iam-user-admin-equivalent
#   severity: critical
#   resource_type: AWS::IAM::User
#   scope: iam.users
#   inputs: [iam.groups, iam.policies, iam.roles]
#   needs: [iam:GetAccountAuthorizationDetails]
#   remediation: |
#     Give the user only the permissions its job needs: detach the broad managed policies (`aws
#     iam detach-user-policy --user-name NAME --policy-arn
#     arn:aws:iam::aws:policy/AdministratorAccess`), delete broad inline policies (`aws iam
#     delete-user-policy --user-name NAME --policy-name POLICY`) or remove the user from admin
#     groups (`aws iam remove-user-from-group --user-name NAME --group-name GROUP`), and attach
#     a least-privilege policy (IAM Access Analyzer can generate one from the user's CloudTrail
#     activity). Keep administrative access in a few roles assumed with MFA rather than in
#     long-lived users. Terraform: remove the admin `aws_iam_user_policy_attachment`,
#     `aws_iam_user_policy` or `aws_iam_user_group_membership`, and narrow the
#     `aws_iam_policy_document` behind the policies that remain.
#   references:
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-policy-generation.html
package palisade.iam.user_admin_equivalent

import rego.v1

checked contains u.arn if {
	some u in input.iam.users
	facts(u)
}

deny contains result if {
	some u in input.iam.users
	f := facts(u)
	admin := object.get(f, "admin", null)
	admin != null
	result := {
		"arn": u.arn,
		"message": sprintf("IAM user %s is admin-equivalent: %v%s", [u.name, object.get(admin, "reason", "admin-equivalent permissions"), conditional_text(admin)]),
		"evidence": {"admin": admin},
	}
}

conditional_text(admin) := " (only when its conditions hold)" if admin.conditional == true

conditional_text(admin) := "" if not admin.conditional == true

# facts(u): the user's effective-permission analysis, when there is one.
facts(u) := f if {
	f := input.facts.iam.principals[u.arn]
	not f.service_linked == true
}
