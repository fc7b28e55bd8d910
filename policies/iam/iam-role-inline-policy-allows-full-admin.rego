# METADATA
# title: Role inline policy grants full administrative access
# description: |
#   An inline policy of an IAM role has an Allow statement for every action ("*" or "*:*") on
#   every resource, or an Allow with NotAction on every resource (admin-equivalent). Anyone or
#   anything that can assume the role, including a compromised workload, can do anything in the
#   account. Inline admin grants are also easy to miss in reviews, since they do not appear
#   among the account's managed policies. Service-linked roles are not checked.
# custom:
#   id: iam-role-inline-policy-allows-full-admin
#   severity: high
#   resource_type: AWS::IAM::Role
#   scope: iam.roles
#   remediation: |
#     Replace the inline policy with a least-privilege one (IAM Access Analyzer can generate it
#     from the role's CloudTrail activity): `aws iam put-role-policy --role-name ROLE
#     --policy-name NAME --policy-document file://least-privilege.json`, or remove it with
#     `aws iam delete-role-policy`. Terraform: narrow the `policy` of the `aws_iam_role_policy`
#     (or the role's `inline_policy` block).
#   references:
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
package palisade.iam.role_inline_policy_allows_full_admin

import data.palisade.lib.iam
import rego.v1

checked contains r.arn if {
	some r in input.iam.roles
	not r.service_linked == true
}

deny contains result if {
	some r in input.iam.roles
	not r.service_linked == true
	some ip in object.get(r, "inline_policies", [])
	some s in iam.admin_statements(ip.document)
	result := {
		"arn": r.arn,
		"message": sprintf("Role %s (account %s) has inline policy %s that grants full administrative access: %s allows %s %s", [
			r.name, r.account_id, ip.name,
			iam.statement_label(s.index, s.statement), iam.grant_text(s.statement), iam.condition_text(s.statement),
		]),
		"evidence": {"inline_policy": ip.name, "statement": s.statement},
	}
}
