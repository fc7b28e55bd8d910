# METADATA
# title: IAM role can escalate its own privileges
# description: |
#   An IAM role that is not admin-equivalent can raise its own permissions: its effective
#   permissions allow an IAM action on itself or the customer-managed policies attached to it
#   that grants it more access: attaching any managed policy to itself (iam:AttachRolePolicy),
#   writing an inline policy on itself (iam:PutRolePolicy), or publishing or selecting a version
#   of a policy attached to it (iam:CreatePolicyVersion, iam:SetDefaultPolicyVersion). Its real
#   privilege is therefore whatever it can grant itself, usually full administrator, and the
#   least-privilege intent of its policies is void. Methods that an explicit deny, a permissions
#   boundary or an SCP takes away are not reported. Admin-equivalent principals are reported by
#   iam-role-admin-equivalent instead. Service-linked roles, and roles without analysis facts,
#   are not checked.
# custom:
#   id: iam-role-privilege-escalation
#   severity: high
#   resource_type: AWS::IAM::Role
#   scope: iam.roles
#   inputs: [iam.users, iam.groups, iam.policies]
#   needs: [iam:GetAccountAuthorizationDetails]
#   remediation: |
#     Remove the IAM write actions named in the finding from the policy statement that allows
#     them (the "allowed by" part), or scope their Resource to ARNs the role cannot use to raise
#     its own access (not itself or the policies attached to it). Where the role must administer
#     IAM, require a permissions boundary on what it creates (`iam:PermissionsBoundary`
#     condition) and deny it changes to its own policies. CLI: `aws iam create-policy-version
#     --policy-arn ARN --policy-document file://fixed.json --set-as-default` for a managed
#     policy, `aws iam put-role-policy --role-name NAME --policy-name POLICY --policy-document
#     file://fixed.json` for an inline one. Terraform: narrow the `actions`/`resources` of the
#     `aws_iam_policy_document` behind the `aws_iam_policy` or `aws_iam_role_policy`.
#   references:
#     - https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
package palisade.iam.role_privilege_escalation

import rego.v1

checked contains r.arn if {
	some r in input.iam.roles
	facts(r)
}

deny contains result if {
	some r in input.iam.roles
	f := facts(r)
	object.get(f, "admin", null) == null
	escalations := object.get(f, "escalations", [])
	count(escalations) > 0
	result := {
		"arn": r.arn,
		"message": sprintf("IAM role %s can raise its own permissions: %s", [r.name, concat("; ", [escalation_text(e) | some e in escalations])]),
		"evidence": {"escalations": escalations},
	}
}

# escalation_text(e): `iam:AttachRolePolicy on ARN (how; allowed by via)[, conditionally]`.
escalation_text(e) := sprintf("%v on %v (%v; allowed by %v)%s", [e.action, e.target, e.how, e.via, conditionally(e)])

conditionally(e) := ", conditionally" if e.conditional == true

conditionally(e) := "" if not e.conditional == true

# facts(r): the role's effective-permission analysis, when the role is in scope (not
# service-linked, and analysed).
facts(r) := f if {
	not r.service_linked == true
	f := input.facts.iam.principals[r.arn]
	not f.service_linked == true
}
