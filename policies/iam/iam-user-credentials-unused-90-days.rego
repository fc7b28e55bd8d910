# METADATA
# title: IAM user has credentials unused for more than 90 days
# description: |
#   An IAM user has a console password or an active access key that has not been used for more
#   than 90 days, or was never used and is older than 90 days (the default; `palisade scan
#   --unused-days N` changes it). Dormant credentials usually belong to people who left or to
#   retired automation; nobody notices when they are abused, so they should be disabled. Users
#   without a console password or an active key are not checked.
# custom:
#   id: iam-user-credentials-unused-90-days
#   severity: medium
#   resource_type: AWS::IAM::User
#   scope: iam.users
#   inputs: [iam.credential_reports]
#   remediation: |
#     Confirm with the owner, then remove the unused password
#     (`aws iam delete-login-profile --user-name NAME`) and deactivate unused keys
#     (`aws iam update-access-key --user-name NAME --access-key-id AKIA... --status Inactive`),
#     deleting them once nothing breaks. Delete users that are no longer needed. The IAM
#     credential report (`aws iam generate-credential-report`) lists last use for every
#     credential.
#   references:
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_finding-unused.html
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html
package palisade.iam.user_credentials_unused_90_days

import rego.v1

# 90 days unless the scan says otherwise (`palisade scan --unused-days N`).
max_unused_days := object.get(input, ["facts", "settings", "unused_days"], 90)

facts(u) := input.facts.iam.users[u.arn]

has_credentials(f) if f.console_access == true

has_credentials(f) if {
	some k in f.access_keys
	k.active == true
}

checked contains u.arn if {
	some u in input.iam.users
	has_credentials(facts(u))
}

# password_unused(f): why the console password counts as unused, if it does.
password_unused(f) := sprintf("console password last used %v days ago", [f.days_since_password_used]) if {
	f.console_access == true
	f.days_since_password_used != null
	f.days_since_password_used > max_unused_days
}

password_unused(f) := sprintf("console password never used and the user was created %v days ago", [f.age_days]) if {
	f.console_access == true
	f.days_since_password_used == null
	f.age_days > max_unused_days
}

# key_unused(k): why an active access key counts as unused, if it does.
key_unused(k) := sprintf("active access key %s last used %v days ago", [k.id, k.days_since_used]) if {
	k.active == true
	k.days_since_used != null
	k.days_since_used > max_unused_days
}

key_unused(k) := sprintf("active access key %s never used and created %v days ago", [k.id, k.age_days]) if {
	k.active == true
	k.days_since_used == null
	k.age_days > max_unused_days
}

deny contains result if {
	some u in input.iam.users
	f := facts(u)
	reason := password_unused(f)
	result := {
		"arn": u.arn,
		"message": sprintf("IAM user %s (account %s): %s (limit %v days)", [u.name, u.account_id, reason, max_unused_days]),
		"evidence": {"credential": "password", "days_since_password_used": f.days_since_password_used, "user_age_days": f.age_days},
	}
}

deny contains result if {
	some u in input.iam.users
	some k in facts(u).access_keys
	reason := key_unused(k)
	result := {
		"arn": u.arn,
		"message": sprintf("IAM user %s (account %s): %s (limit %v days)", [u.name, u.account_id, reason, max_unused_days]),
		"evidence": {"credential": "access_key", "access_key_id": k.id, "days_since_used": k.days_since_used, "age_days": k.age_days},
	}
}
