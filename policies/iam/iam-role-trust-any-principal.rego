# METADATA
# title: Role can be assumed by any AWS principal
# description: |
#   A role's trust policy allows sts:AssumeRole (or another AssumeRole action, or every action)
#   to Principal "*" or {"AWS": "*"} without any Condition. Any AWS identity in any account,
#   including an attacker's, can then obtain the role's credentials and everything its
#   permissions allow.
# custom:
#   id: iam-role-trust-any-principal
#   severity: critical
#   resource_type: AWS::IAM::Role
#   scope: iam.roles
#   remediation: |
#     Name the exact accounts, roles or services allowed to assume the role in the trust
#     policy's Principal, and add conditions such as `sts:ExternalId` or `aws:PrincipalOrgID`:
#     `aws iam update-assume-role-policy --role-name ROLE --policy-document file://trust.json`.
#     Terraform: fix the `assume_role_policy` of the `aws_iam_role`.
#   references:
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_update-role-trust-policy.html
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
package palisade.iam.role_trust_any_principal

import data.palisade.lib.iam
import rego.v1

checked contains r.arn if some r in input.iam.roles

deny contains result if {
	some r in input.iam.roles
	some i, stmt in iam.statements(r.trust_policy)
	iam.any_principal(stmt)
	not iam.has_condition(stmt)
	iam.allows_assume(stmt)
	result := {
		"arn": r.arn,
		"message": sprintf("Role %s (account %s) can be assumed by any AWS principal: trust policy %s allows %s to Principal %s with no Condition", [
			r.name, r.account_id, iam.statement_label(i, stmt),
			iam.actions_text(stmt), json.marshal(stmt.Principal),
		]),
		"evidence": {"statement": stmt},
	}
}
