# METADATA
# title: Secrets Manager secret has not been read for 90 days
# description: |
#   Nothing has retrieved a secret in the 90 days before collection (or, never retrieved, it
#   is more than 90 days old). A credential nobody uses is still valid wherever it grants
#   access: it is attack surface with no owner watching it, and usually the leftover of a
#   retired system or a migration. Delete it (and the account or key it holds), or record why
#   it stays. Secrets Manager records only the day of the last access. Secrets owned by
#   another service are not judged. AWS Foundational Security Best Practices SecretsManager.3.
# custom:
#   id: secretsmanager-secret-unused-90-days
#   severity: low
#   resource_type: AWS::SecretsManager::Secret
#   scope: storage.secrets
#   needs: [secretsmanager:ListSecrets]
#   remediation: |
#     Confirm nothing needs it (CloudTrail `GetSecretValue` events, the owning team), disable
#     the credential it holds at its source, then `aws secretsmanager delete-secret
#     --secret-id NAME --recovery-window-in-days 30`.
#   references:
#     - https://docs.aws.amazon.com/secretsmanager/latest/userguide/manage_delete-secret.html
package palisade.secretsmanager.secret_unused_90_days

import data.palisade.lib.util
import rego.v1

max_idle_days := 90

# idle(s): [what, when] of the secret's last read, or of its creation if never read.
idle(s) := ["last read", s.last_accessed] if is_string(object.get(s, "last_accessed", null))

idle(s) := ["created, never read,", s.created] if {
	not is_string(object.get(s, "last_accessed", null))
	is_string(object.get(s, "created", null))
}

judged(s) if {
	object.get(s, "owning_service", null) == null
	idle(s)
}

checked contains s.arn if {
	some s in input.storage.secrets
	judged(s)
}

deny contains result if {
	some s in input.storage.secrets
	judged(s)
	[what, when] := idle(s)
	days := util.days_before_collection(when)
	days > max_idle_days
	result := {
		"arn": s.arn,
		"message": sprintf("Secrets Manager secret %s (account %s, %s) was %s %d days ago (more than %d)", [s.name, s.account_id, s.region, what, days, max_idle_days]),
		"evidence": {"since": when, "days": days},
	}
}
