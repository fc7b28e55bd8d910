# METADATA
# title: Secrets Manager secret has rotation on but has not been rotated for 90 days
# description: |
#   Automatic rotation is configured for a secret, yet it was last rotated more than 90 days
#   before collection (or, never rotated, was created more than 90 days before): the rotation
#   is failing (a broken rotation function, a network path or permission it lost) or scheduled
#   too rarely, and the credential is as old as if rotation were off, while the configuration
#   suggests otherwise. AWS Foundational Security Best Practices SecretsManager.4 (90 days is
#   its default).
# custom:
#   id: secretsmanager-secret-rotation-overdue
#   severity: medium
#   resource_type: AWS::SecretsManager::Secret
#   scope: storage.secrets
#   needs: [secretsmanager:ListSecrets]
#   remediation: |
#     Look at the rotation function's CloudWatch Logs and the secret's `AWSPENDING` version
#     for the failure, fix it, then `aws secretsmanager rotate-secret --secret-id NAME` to
#     rotate now. Make the schedule 90 days or shorter.
#   references:
#     - https://docs.aws.amazon.com/secretsmanager/latest/userguide/troubleshoot_rotation.html
package palisade.secretsmanager.secret_rotation_overdue

import data.palisade.lib.util
import rego.v1

max_age_days := 90

# since(s): [what, when] of the secret's last rotation, or of its creation if never rotated.
since(s) := ["last rotated", s.last_rotated] if is_string(object.get(s, "last_rotated", null))

since(s) := ["created, never rotated,", s.created] if {
	not is_string(object.get(s, "last_rotated", null))
	is_string(object.get(s, "created", null))
}

checked contains s.arn if {
	some s in input.storage.secrets
	s.rotation_enabled == true
	since(s)
}

deny contains result if {
	some s in input.storage.secrets
	s.rotation_enabled == true
	[what, when] := since(s)
	days := util.days_before_collection(when)
	days > max_age_days
	result := {
		"arn": s.arn,
		"message": sprintf("Secrets Manager secret %s (account %s, %s) has rotation on but was %s %d days ago (more than %d)", [s.name, s.account_id, s.region, what, days, max_age_days]),
		"evidence": {"since": when, "days": days, "rotation_interval_days": object.get(s, "rotation_interval_days", null)},
	}
}
