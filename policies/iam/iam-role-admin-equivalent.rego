# METADATA
# title: IAM role is admin-equivalent
# description: |
#   The effective permissions of an IAM role (the role's inline and attached policies, less what
#   explicit denies, a permissions boundary and service control policies take away) allow every
#   action on every resource, or every IAM write and permissions-management action on every
#   resource, with which it can grant itself everything else. Palisade evaluates the policies
#   with AWS's evaluation logic, so administrative access is found whether it comes from
#   AdministratorAccess, IAMFullAccess, a NotAction statement or wildcards. Anyone or anything
#   that can assume the role (a workload, a pipeline, a federated identity, another account) can
#   then do anything in the account: read all data, disable logging and create backdoor access.
#   When the grant only holds under conditions (MFA, source IP, tags) the finding says so.
#   Service-linked roles, and roles without analysis facts, are not checked.
# custom:
#   id: iam-role-admin-equivalent
#   severity: critical
#   resource_type: AWS::IAM::Role
#   scope: iam.roles
#   inputs: [iam.users, iam.groups, iam.policies]
#   needs: [iam:GetAccountAuthorizationDetails]
#   remediation: |
#     Give the role only the permissions its workload needs: detach the broad managed policies
#     (`aws iam detach-role-policy --role-name NAME --policy-arn
#     arn:aws:iam::aws:policy/AdministratorAccess`) or delete broad inline policies (`aws iam
#     delete-role-policy --role-name NAME --policy-name POLICY`), and attach a least-privilege
#     policy (IAM Access Analyzer can generate one from the role's CloudTrail activity). Where
#     an administrative role is needed, restrict its trust policy to a few principals and
#     require MFA (`aws:MultiFactorAuthPresent`). Terraform: remove the admin
#     `aws_iam_role_policy_attachment` or `aws_iam_role_policy` (or the role's `inline_policy`
#     block), and narrow the `aws_iam_policy_document` behind the policies that remain.
#   references:
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-policy-generation.html
package palisade.iam.role_admin_equivalent

import rego.v1

checked contains r.arn if {
	some r in input.iam.roles
	facts(r)
}

deny contains result if {
	some r in input.iam.roles
	f := facts(r)
	admin := object.get(f, "admin", null)
	admin != null
	result := {
		"arn": r.arn,
		"message": sprintf("IAM role %s is admin-equivalent: %v%s", [r.name, object.get(admin, "reason", "admin-equivalent permissions"), conditional_text(admin)]),
		"evidence": {"admin": admin},
	}
}

conditional_text(admin) := " (only when its conditions hold)" if admin.conditional == true

conditional_text(admin) := "" if not admin.conditional == true

# facts(r): the role's effective-permission analysis, when the role is in scope (not
# service-linked, and analysed).
facts(r) := f if {
	not r.service_linked == true
	f := input.facts.iam.principals[r.arn]
	not f.service_linked == true
}
