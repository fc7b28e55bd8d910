# METADATA
# title: Console user has an access key created with the user and never used
# description: |
#   An IAM user who signs in to the console has an active access key that was created together
#   with the user (within an hour of it) and has never been used (CIS AWS Foundations 1.11).
#   Creating keys "just in case" during user setup leaves a long-term secret that nobody needs,
#   that is rarely rotated or watched, and that works without MFA. A key that is really needed
#   is created when it is, and used.
# custom:
#   id: iam-user-setup-access-key-unused
#   severity: medium
#   resource_type: AWS::IAM::User
#   scope: iam.users
#   remediation: |
#     Delete the unused key: `aws iam delete-access-key --user-name USER --access-key-id KEY`.
#     Stop creating access keys in user provisioning (console "Create access key" at setup,
#     Terraform `aws_iam_access_key` next to every `aws_iam_user`); people who need the CLI can
#     use IAM Identity Center or short-lived credentials.
#   references:
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html
package palisade.iam.user_setup_access_key_unused

import rego.v1

setup_window_ns := (60 * 60) * 1000000000

# Active, never-used keys created within an hour of the user.
setup_keys(user) := [k.id |
	some k in object.get(user, "access_keys", [])
	k.status == "Active"
	object.get(k, "last_used", null) == null
	time.parse_rfc3339_ns(k.created) - time.parse_rfc3339_ns(user.created) <= setup_window_ns
]

console_user(user) if object.get(user, "login_profile", null) != null

checked contains user.arn if some user in input.iam.users

deny contains result if {
	some user in input.iam.users
	console_user(user)
	keys := setup_keys(user)
	count(keys) > 0
	result := {
		"arn": user.arn,
		"message": sprintf("IAM user %s (account %s) signs in to the console and has access key %s, created with the user on %s and never used", [user.name, user.account_id, concat(", ", keys), user.created]),
		"evidence": {"access_keys": keys, "user_created": user.created},
	}
}
