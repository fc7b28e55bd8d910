# METADATA
# title: AWSCloudShellFullAccess is attached to a user, group or role
# description: |
#   The AWS managed policy AWSCloudShellFullAccess is attached to IAM principals in the account
#   (CIS AWS Foundations 1.22). It allows uploading and downloading files to and from the
#   CloudShell environment and unrestricted network access from it: a convenient path to move
#   data out of the account with the principal's own credentials, outside the controls that
#   govern other tools. Grant a narrower custom policy (or deny file transfer) to those who
#   need CloudShell.
# custom:
#   id: iam-cloudshell-full-access-attached
#   severity: medium
#   resource_type: AWS::Account
#   scope: accounts
#   inputs: [iam.users, iam.groups, iam.roles]
#   remediation: |
#     Detach it: `aws iam detach-user-policy` / `detach-group-policy` / `detach-role-policy`
#     with `--policy-arn arn:aws:iam::aws:policy/AWSCloudShellFullAccess`, and grant the
#     CloudShell actions people need in a custom policy that denies
#     `cloudshell:GetFileUploadUrls` and `cloudshell:GetFileDownloadUrls`.
#   references:
#     - https://docs.aws.amazon.com/cloudshell/latest/userguide/sec-auth-with-identities.html
#     - https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSCloudShellFullAccess.html
package palisade.iam.cloudshell_full_access_attached

import data.palisade.lib.util
import rego.v1

full_access(p) if endswith(p.arn, ":iam::aws:policy/AWSCloudShellFullAccess")

# [account id, "group developers"] for every principal it is attached to: one pass over the
# principals, not one per account (which was quadratic in the accounts).
attached := [[p.account_id, sprintf("%s %s", [kind, p.name])] |
	some [kind, list] in [["user", input.iam.users], ["group", input.iam.groups], ["role", input.iam.roles]]
	some p in list
	some a in object.get(p, "attached_policies", [])
	full_access(a)
]

# "group developers", "role ops" for every principal of the account it is attached to.
holders(account_id) := sort([h | some [id, h] in attached; id == account_id])

checked contains util.account_arn(acct.id) if some acct in input.accounts

deny contains result if {
	some acct in input.accounts
	h := holders(acct.id)
	count(h) > 0
	result := {
		"arn": util.account_arn(acct.id),
		"message": sprintf("Account %s: AWSCloudShellFullAccess is attached to %s", [acct.id, concat(", ", h)]),
		"evidence": {"principals": h},
	}
}
