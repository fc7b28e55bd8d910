# METADATA
# title: Root user has an access key
# description: |
#   The account's root user has at least one access key. Root access keys carry unrestricted,
#   unscopable power over the whole account (no IAM policy or permissions boundary limits them),
#   cannot be tied to an individual, and a leaked key means full account compromise. The root
#   user should have no access keys; automation should use roles or least-privilege IAM users.
# custom:
#   id: iam-root-access-key-present
#   severity: critical
#   resource_type: AWS::Account
#   scope: iam.account_summaries
#   remediation: |
#     Sign in as the root user, open "Security credentials", and deactivate then delete every
#     access key after moving whatever used it to an IAM role. Keys cannot be managed for root
#     through the IAM API or Terraform; prevent new ones in member accounts with an SCP that
#     denies `iam:CreateAccessKey` for `arn:aws:iam::*:root`, or centralize root access
#     (`aws organizations enable-aws-service-access --service-principal iam.amazonaws.com`
#     and `aws iam enable-organizations-root-credentials-management`).
#   references:
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user_manage_add-key.html
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html
package palisade.iam.root_access_key_present

import data.palisade.lib.util
import rego.v1

checked contains util.account_arn(s.account_id) if some s in input.iam.account_summaries

deny contains result if {
	some s in input.iam.account_summaries
	s.account_access_keys_present == true
	result := {
		"arn": util.account_arn(s.account_id),
		"message": sprintf("The root user of account %s has an access key (AccountAccessKeysPresent = 1)", [s.account_id]),
		"evidence": {"account_access_keys_present": s.account_access_keys_present},
	}
}
