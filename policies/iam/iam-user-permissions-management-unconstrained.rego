# METADATA
# title: IAM user can manage permissions on every resource
# description: |
#   The effective permissions of an IAM user allow permissions-management actions (the IAM
#   access level that changes who can access what: resource policies such as s3:PutBucketPolicy,
#   kms:PutKeyPolicy, secretsmanager:PutResourcePolicy, lambda:AddPermission, sharing of
#   snapshots and images, IAM grants) on Resource "*". It can open any resource of the account
#   to anyone, including outside the account, even where it cannot raise its own IAM
#   permissions. Admin-equivalent and self-escalating principals are reported more precisely by
#   iam-user-admin-equivalent and iam-user-privilege-escalation. Users without analysis facts
#   are not checked.
# custom:
#   id: iam-user-permissions-management-unconstrained
#   severity: medium
#   resource_type: AWS::IAM::User
#   scope: iam.users
#   inputs: [iam.groups, iam.policies, iam.roles]
#   needs: [iam:GetAccountAuthorizationDetails]
#   remediation: |
#     Remove permissions-management actions the user does not need (wildcards such as `s3:*` or
#     `kms:*` usually grant them unintentionally), and scope the Resource of the ones it needs
#     to specific ARNs, or add conditions (`aws:ResourceTag`, `aws:RequestTag`). Publish fixed
#     versions: `aws iam create-policy-version --policy-arn ARN --policy-document
#     file://scoped.json --set-as-default`, or `aws iam put-user-policy --user-name NAME
#     --policy-name POLICY --policy-document file://scoped.json`. IAM Access Analyzer lists
#     permissions-management access in policy summaries and can generate a scoped policy from
#     CloudTrail activity. Terraform: replace wildcard `actions` and `resources = ["*"]` in the
#     `aws_iam_policy_document`.
#   references:
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_understand-policy-summary-access-level-summaries.html
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-policy-generation.html
package palisade.iam.user_permissions_management_unconstrained

import rego.v1

checked contains u.arn if {
	some u in input.iam.users
	facts(u)
}

deny contains result if {
	some u in input.iam.users
	f := facts(u)
	object.get(f, "admin", null) == null
	count(object.get(f, "escalations", [])) == 0
	pm := object.get(f, "permissions_management", {})
	unconditional := object.get(pm, "unconditional", 0)
	conditional := object.get(pm, "conditional", 0)
	unconditional + conditional > 0
	result := {
		"arn": u.arn,
		"message": sprintf("IAM user %s can manage permissions on every resource: %v permissions-management actions allowed on Resource \"*\" (%v unconditionally, %v only under conditions)%s", [
			u.name, unconditional + conditional, unconditional, conditional, sample_text(pm),
		]),
		"evidence": {"permissions_management": pm},
	}
}

sample_text(pm) := sprintf(", e.g. %s", [concat(", ", [sprintf("%v", [a]) | some a in pm.sample])]) if count(object.get(pm, "sample", [])) > 0

sample_text(pm) := "" if count(object.get(pm, "sample", [])) == 0

# facts(u): the user's effective-permission analysis, when there is one.
facts(u) := f if {
	f := input.facts.iam.principals[u.arn]
	not f.service_linked == true
}
