# METADATA
# title: No IAM role for AWS Support incident handling
# description: |
#   No IAM role in the account has the AWS-managed AWSSupportAccess policy attached. Without a
#   dedicated support role, opening and managing AWS Support cases during an incident needs
#   the root user or an over-privileged identity; a role limited to Support lets the incident
#   response team work with AWS under least privilege.
# custom:
#   id: iam-support-role-missing
#   severity: low
#   resource_type: AWS::Account
#   scope: accounts
#   inputs: [iam.roles]
#   remediation: |
#     Create a role that your incident responders can assume and attach AWSSupportAccess:
#     `aws iam create-role --role-name aws-support --assume-role-policy-document
#     file://trust.json` then `aws iam attach-role-policy --role-name aws-support --policy-arn
#     arn:aws:iam::aws:policy/AWSSupportAccess`. Terraform: `aws_iam_role` with an
#     `aws_iam_role_policy_attachment` for that policy ARN.
#   references:
#     - https://docs.aws.amazon.com/awssupport/latest/user/accessing-support.html
#     - https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSSupportAccess.html
package palisade.iam.support_role_missing

import data.palisade.lib.util
import rego.v1

# Accounts that have at least one role with AWSSupportAccess attached.
accounts_with_support_role contains r.account_id if {
	some r in input.iam.roles
	some p in object.get(r, "attached_policies", [])
	endswith(p.arn, ":policy/AWSSupportAccess")
}

checked contains util.account_arn(acct.id) if some acct in input.accounts

deny contains result if {
	some acct in input.accounts
	not acct.id in accounts_with_support_role
	result := {
		"arn": util.account_arn(acct.id),
		"message": sprintf("Account %s has no IAM role with the AWSSupportAccess policy attached", [acct.id]),
		"evidence": {"required_policy": "arn:aws:iam::aws:policy/AWSSupportAccess"},
	}
}
