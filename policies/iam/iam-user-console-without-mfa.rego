# METADATA
# title: IAM user can sign in to the console without MFA
# description: |
#   An IAM user has a console password (login profile) but no MFA device. A password alone is
#   defeated by phishing, credential stuffing and password reuse; with MFA a stolen password is
#   not enough to sign in. Users without console access are not checked.
# custom:
#   id: iam-user-console-without-mfa
#   severity: high
#   resource_type: AWS::IAM::User
#   scope: iam.users
#   inputs: [iam.credential_reports]
#   remediation: |
#     Have the user register an MFA device (IAM console > Users > Security credentials >
#     Assign MFA device), or remove console access if it is not needed:
#     `aws iam delete-login-profile --user-name NAME`. Enforce it with a policy that denies
#     everything except MFA self-management when `aws:MultiFactorAuthPresent` is false, and
#     prefer IAM Identity Center with enforced MFA over IAM users for people.
#   references:
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable.html
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/tutorial_users-self-manage-mfa-and-creds.html
package palisade.iam.user_console_without_mfa

import rego.v1

checked contains u.arn if {
	some u in input.iam.users
	u.login_profile != null
}

deny contains result if {
	some u in input.iam.users
	u.login_profile != null
	count(object.get(u, "mfa_devices", [])) == 0
	result := {
		"arn": u.arn,
		"message": sprintf("IAM user %s (account %s) has a console password but no MFA device", [u.name, u.account_id]),
		"evidence": {"login_profile": u.login_profile, "mfa_devices": []},
	}
}
