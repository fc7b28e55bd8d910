# METADATA
# title: IAM user has two active access keys
# description: |
#   An IAM user has more than one active access key. A second active key is usually a
#   rotation that was never finished or a key shared with another system; either way it doubles
#   the credentials that can leak and makes it unclear which one is really in use. Users with
#   no active access key are not checked.
# custom:
#   id: iam-user-multiple-active-access-keys
#   severity: low
#   resource_type: AWS::IAM::User
#   scope: iam.users
#   inputs: [iam.credential_reports]
#   remediation: |
#     Find which key is in use (`aws iam get-access-key-last-used --access-key-id AKIA...`),
#     deactivate the other (`aws iam update-access-key --user-name NAME --access-key-id AKIA...
#     --status Inactive`) and delete it once nothing breaks
#     (`aws iam delete-access-key --user-name NAME --access-key-id AKIA...`).
#   references:
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html
package palisade.iam.user_multiple_active_access_keys

import rego.v1

active_key_ids(u) := [k.id |
	some k in object.get(u, "access_keys", [])
	is_string(k.status)
	lower(k.status) == "active"
]

checked contains u.arn if {
	some u in input.iam.users
	count(active_key_ids(u)) > 0
}

deny contains result if {
	some u in input.iam.users
	ids := active_key_ids(u)
	count(ids) > 1
	result := {
		"arn": u.arn,
		"message": sprintf("IAM user %s (account %s) has %d active access keys: %s", [u.name, u.account_id, count(ids), concat(", ", ids)]),
		"evidence": {"active_access_keys": ids},
	}
}
