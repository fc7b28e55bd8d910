# METADATA
# title: IAM user has an active access key older than 90 days
# description: |
#   An IAM user's active access key was created more than 90 days ago. Long-lived keys
#   accumulate in scripts, CI variables, laptops and backups, and the longer a key lives the
#   more likely it has leaked; rotating keys at least every 90 days limits how long a stolen
#   key stays useful. Only users with at least one active key are checked.
# custom:
#   id: iam-access-key-not-rotated-90-days
#   severity: medium
#   resource_type: AWS::IAM::User
#   scope: iam.users
#   inputs: [iam.credential_reports]
#   remediation: |
#     Rotate the key: create a second key (`aws iam create-access-key --user-name NAME`), move
#     every consumer to it, deactivate the old one (`aws iam update-access-key --user-name NAME
#     --access-key-id AKIA... --status Inactive`), then delete it
#     (`aws iam delete-access-key ...`). Better, replace long-lived keys with IAM roles, IAM
#     Identity Center or IAM Roles Anywhere.
#   references:
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#rotating_access_keys_console
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html
package palisade.iam.access_key_not_rotated_90_days

import rego.v1

max_age_days := 90

# active_keys(u): the facts of the user's active access keys.
active_keys(u) := [k |
	some k in input.facts.iam.users[u.arn].access_keys
	k.active == true
]

checked contains u.arn if {
	some u in input.iam.users
	count(active_keys(u)) > 0
}

deny contains result if {
	some u in input.iam.users
	some k in active_keys(u)
	k.age_days > max_age_days
	result := {
		"arn": u.arn,
		"message": sprintf("IAM user %s (account %s) has active access key %s that is %v days old (rotate at least every %v days)", [u.name, u.account_id, k.id, k.age_days, max_age_days]),
		"evidence": {"access_key_id": k.id, "age_days": k.age_days},
	}
}
