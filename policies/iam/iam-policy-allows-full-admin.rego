# METADATA
# title: Customer-managed policy grants full administrative access
# description: |
#   A customer-managed IAM policy has an Allow statement for every action ("*" or "*:*") on
#   every resource, or an Allow with NotAction on every resource (which grants every action it
#   does not list). Whoever it is attached to can do anything in the account, including
#   granting themselves more access and disabling logging, so one compromised principal becomes
#   a full account compromise. AWS-managed policies (such as AdministratorAccess) are not
#   checked here.
# custom:
#   id: iam-policy-allows-full-admin
#   severity: high
#   resource_type: AWS::IAM::ManagedPolicy
#   scope: iam.policies
#   remediation: |
#     Replace the wildcard statement with the specific actions and resources the principals
#     need (IAM Access Analyzer can generate a policy from CloudTrail activity), publish it as
#     a new default version (`aws iam create-policy-version --policy-arn ARN
#     --policy-document file://least-privilege.json --set-as-default`) and delete the old
#     version. Keep administrative access in a few roles protected by MFA. Terraform: narrow
#     the `actions`/`resources` of the `aws_iam_policy_document` behind the `aws_iam_policy`.
#   references:
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html
package palisade.iam.policy_allows_full_admin

import data.palisade.lib.iam
import rego.v1

checked contains p.arn if {
	some p in input.iam.policies
	not p.aws_managed == true
}

deny contains result if {
	some p in input.iam.policies
	not p.aws_managed == true
	some s in iam.admin_statements(p.document)
	result := {
		"arn": p.arn,
		"message": sprintf("Customer-managed policy %s (account %s, attachment count %v) grants full administrative access: %s allows %s %s", [
			p.name, p.account_id, object.get(p, "attachment_count", 0),
			iam.statement_label(s.index, s.statement), iam.grant_text(s.statement), iam.condition_text(s.statement),
		]),
		"evidence": {"statement": s.statement, "default_version_id": object.get(p, "default_version_id", null)},
	}
}
