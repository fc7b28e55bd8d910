# METADATA
# title: IAM role has a privilege escalation path
# description: |
#   An IAM role that is neither admin-equivalent nor able to raise its own permissions can still
#   become a principal that is, possibly over several hops: by assuming a role that trusts it
#   (sts:AssumeRole, or rewriting a role's trust policy first), by creating access keys or a
#   console password for another user, by passing a role to a compute service it controls
#   (iam:PassRole with EC2, Lambda, Glue, CloudFormation, ECS, SageMaker, CodeBuild, Data
#   Pipeline), or by taking over code already running as a role (lambda:UpdateFunctionCode,
#   ssm:SendCommand). Its effective privilege is that of the admin-equivalent or self-escalating
#   principal it reaches. The finding shows the shortest path. Service-linked roles, and roles
#   without analysis facts, are not checked.
# custom:
#   id: iam-role-escalation-path
#   severity: high
#   resource_type: AWS::IAM::Role
#   scope: iam.roles
#   inputs: [iam.users, iam.groups, iam.policies]
#   needs: [iam:GetAccountAuthorizationDetails]
#   remediation: |
#     Break the path at its weakest hop: remove the role's permission for the first step (narrow
#     the Resource of `sts:AssumeRole`, `iam:PassRole`, `iam:CreateAccessKey`,
#     `iam:UpdateAssumeRolePolicy` or the compute actions to the specific roles and users it
#     needs), or remove the role from the trust policy of the role it assumes (`aws iam
#     update-assume-role-policy --role-name ROLE --policy-document file://trust.json`), or
#     reduce the privileges of the principal it reaches. For `iam:PassRole` add an
#     `iam:PassedToService` condition and list only the roles it must pass. Terraform: narrow
#     the `aws_iam_policy_document` of the policies on the path and the `assume_role_policy` of
#     the roles on it.
#   references:
#     - https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_update-role-trust-policy.html
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
package palisade.iam.role_escalation_path

import rego.v1

checked contains r.arn if {
	some r in input.iam.roles
	facts(r)
}

deny contains result if {
	some r in input.iam.roles
	f := facts(r)
	path := object.get(f, "path", null)
	path != null
	result := {
		"arn": r.arn,
		"message": sprintf("IAM role %s can reach %s %s: %v%s", [
			r.name, reaches_text(path), short_target(path.target, r.account_id), path.text, conditional_text(path),
		]),
		"evidence": {"path": path},
	}
}

reaches_text(path) := "admin-equivalent" if path.reaches == "admin"

reaches_text(path) := "a self-escalating principal" if path.reaches == "escalation"

reaches_text(path) := "a privileged principal" if not path.reaches in {"admin", "escalation"}

# short_target(arn, account): `role/admin` for a principal of the same account,
# `role/admin in account 444455556666` for another account's, the ARN itself otherwise.
short_target(arn, account) := name if {
	[name, acct] := arn_name(arn)
	acct == account
}

short_target(arn, account) := sprintf("%s in account %s", [name, acct]) if {
	[name, acct] := arn_name(arn)
	acct != account
}

short_target(arn, _) := sprintf("%v", [arn]) if not arn_name(arn)

# arn_name(arn): [resource part, account] of an ARN (`arn:aws:iam::1:role/a` -> ["role/a", "1"]).
arn_name(arn) := [concat(":", array.slice(parts, 5, count(parts))), parts[4]] if {
	is_string(arn)
	parts := split(arn, ":")
	count(parts) >= 6
}

conditional_text(path) := " (some steps are conditional)" if path.conditional == true

conditional_text(path) := "" if not path.conditional == true

# facts(r): the role's effective-permission analysis, when the role is in scope (not
# service-linked, and analysed).
facts(r) := f if {
	not r.service_linked == true
	f := input.facts.iam.principals[r.arn]
	not f.service_linked == true
}
