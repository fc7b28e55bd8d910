# METADATA
# title: Role trusts another account without an external ID or organization condition
# description: |
#   A role's trust policy allows an AWS principal from another account (an account id or an
#   ARN of a different account) with no condition on sts:ExternalId, aws:PrincipalOrgID,
#   aws:PrincipalOrgPaths or aws:PrincipalArn. Without an external ID a third-party service
#   can be tricked into using the role on someone else's behalf (the confused deputy problem),
#   and trusting a whole account root lets every principal that account authorizes assume the
#   role. Service and federated principals are not cross-account trusts.
# custom:
#   id: iam-role-cross-account-trust-without-external-id
#   severity: high
#   resource_type: AWS::IAM::Role
#   scope: iam.roles
#   remediation: |
#     Add a condition to the trust statement: `"Condition": {"StringEquals": {"sts:ExternalId":
#     "<secret agreed with the third party>"}}` for vendors, or `aws:PrincipalOrgID` /
#     `aws:PrincipalArn` for your own accounts, and name specific roles rather than the account
#     root: `aws iam update-assume-role-policy --role-name ROLE --policy-document
#     file://trust.json`. Terraform: add a `condition` block to the `aws_iam_policy_document`
#     used as the role's `assume_role_policy`.
#   references:
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user_externalid.html
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgid
package palisade.iam.role_cross_account_trust_without_external_id

import data.palisade.lib.iam
import rego.v1

checked contains r.arn if some r in input.iam.roles

deny contains result if {
	some r in input.iam.roles
	some i, stmt in iam.statements(r.trust_policy)
	stmt.Effect == "Allow"
	foreign := iam.foreign_principals(stmt, r.account_id)
	count(foreign) > 0
	not iam.cross_account_guarded(stmt)
	result := {
		"arn": r.arn,
		"message": sprintf("Role %s (account %s) trusts principals of other accounts (%s) in trust policy %s %s on sts:ExternalId, aws:PrincipalOrgID, aws:PrincipalOrgPaths or aws:PrincipalArn", [
			r.name, r.account_id, concat(", ", foreign), iam.statement_label(i, stmt), guard_text(stmt),
		]),
		"evidence": {"foreign_principals": foreign, "statement": stmt},
	}
}

guard_text(stmt) := sprintf("whose Condition (on %s) has no key", [concat(", ", iam.condition_keys(stmt))]) if iam.has_condition(stmt)

guard_text(stmt) := "with no Condition" if not iam.has_condition(stmt)
