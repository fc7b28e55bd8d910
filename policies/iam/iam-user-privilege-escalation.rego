# METADATA
# title: IAM user can escalate its own privileges
# description: |
#   An IAM user that is not admin-equivalent can raise its own permissions: its effective
#   permissions allow an IAM action on itself, its groups or the customer-managed policies
#   attached to them that grants it more access: attaching any managed policy to itself or its
#   group (iam:AttachUserPolicy, iam:AttachGroupPolicy), writing an inline policy on either
#   (iam:PutUserPolicy, iam:PutGroupPolicy), publishing or selecting a version of a policy
#   attached to it (iam:CreatePolicyVersion, iam:SetDefaultPolicyVersion), or adding itself to a
#   more privileged group (iam:AddUserToGroup). Its real privilege is therefore whatever it can
#   grant itself, usually full administrator, and the least-privilege intent of its policies is
#   void. Methods that an explicit deny, a permissions boundary or an SCP takes away are not
#   reported. Admin-equivalent principals are reported by iam-user-admin-equivalent instead.
#   Users without analysis facts are not checked.
# custom:
#   id: iam-user-privilege-escalation
#   severity: high
#   resource_type: AWS::IAM::User
#   scope: iam.users
#   inputs: [iam.groups, iam.policies, iam.roles]
#   needs: [iam:GetAccountAuthorizationDetails]
#   remediation: |
#     Remove the IAM write actions named in the finding from the policy statement that allows
#     them (the "allowed by" part), or scope their Resource to ARNs the user cannot use to raise
#     its own access (not itself, its groups or the policies attached to them). Where the user
#     must administer IAM, require a permissions boundary on what it creates
#     (`iam:PermissionsBoundary` condition) and deny it changes to its own policies. CLI: `aws
#     iam create-policy-version --policy-arn ARN --policy-document file://fixed.json
#     --set-as-default` for a managed policy, `aws iam put-user-policy --user-name NAME
#     --policy-name POLICY --policy-document file://fixed.json` for an inline one. Terraform:
#     narrow the `actions`/`resources` of the `aws_iam_policy_document` behind the
#     `aws_iam_policy` or `aws_iam_user_policy`.
#   references:
#     - https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
package palisade.iam.user_privilege_escalation

import rego.v1

checked contains u.arn if {
	some u in input.iam.users
	facts(u)
}

deny contains result if {
	some u in input.iam.users
	f := facts(u)
	object.get(f, "admin", null) == null
	escalations := object.get(f, "escalations", [])
	count(escalations) > 0
	result := {
		"arn": u.arn,
		"message": sprintf("IAM user %s can raise its own permissions: %s", [u.name, concat("; ", [escalation_text(e) | some e in escalations])]),
		"evidence": {"escalations": escalations},
	}
}

# escalation_text(e): `iam:AttachRolePolicy on ARN (how; allowed by via)[, conditionally]`.
escalation_text(e) := sprintf("%v on %v (%v; allowed by %v)%s", [e.action, e.target, e.how, e.via, conditionally(e)])

conditionally(e) := ", conditionally" if e.conditional == true

conditionally(e) := "" if not e.conditional == true

# facts(u): the user's effective-permission analysis, when there is one.
facts(u) := f if {
	f := input.facts.iam.principals[u.arn]
	not f.service_linked == true
}
