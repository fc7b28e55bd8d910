# METADATA
# title: Root user has no MFA
# description: |
#   Multi-factor authentication is not enabled for the account's root user. The root user can
#   do anything in the account, including closing it and changing its contact details, and
#   without MFA a phished or reused password is enough to take it over. AWS requires MFA on
#   root users of standalone and management accounts; every account should have it.
# custom:
#   id: iam-root-mfa-disabled
#   severity: critical
#   resource_type: AWS::Account
#   scope: iam.account_summaries
#   remediation: |
#     Sign in as the root user, open "Security credentials" and assign an MFA device (a FIDO2
#     security key or a hardware TOTP token is preferred over a virtual device). For member
#     accounts of an AWS Organization, consider removing root credentials altogether with
#     centralized root access (`aws iam enable-organizations-root-credentials-management`).
#   references:
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-mfa-for-root.html
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html
package palisade.iam.root_mfa_disabled

import data.palisade.lib.util
import rego.v1

checked contains util.account_arn(s.account_id) if some s in input.iam.account_summaries

deny contains result if {
	some s in input.iam.account_summaries
	not s.account_mfa_enabled == true
	result := {
		"arn": util.account_arn(s.account_id),
		"message": sprintf("The root user of account %s has no MFA device (AccountMFAEnabled = 0)", [s.account_id]),
		"evidence": {"account_mfa_enabled": object.get(s, "account_mfa_enabled", false)},
	}
}
