package palisade.secretsmanager.secret_rotation_overdue_test

import data.palisade.secretsmanager.secret_rotation_overdue as policy
import rego.v1

arn := "arn:aws:secretsmanager:us-east-1:111122223333:secret:claims-db-AbCdEf"

secret(rotation, last, created) := {
	"collected_at": "2026-11-20T12:00:00Z",
	"storage": {"secrets": [{
		"arn": arn,
		"account_id": "111122223333",
		"region": "us-east-1",
		"name": "claims-db",
		"rotation_enabled": rotation,
		"last_rotated": last,
		"created": created,
	}]},
}

test_fail_last_rotation_too_old if {
	inp := secret(true, "2026-06-01T00:00:00Z", "2025-01-01T00:00:00Z")
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	r.message == "Secrets Manager secret claims-db (account 111122223333, us-east-1) has rotation on but was last rotated 172 days ago (more than 90)"
}

test_fail_never_rotated_since_creation if {
	inp := secret(true, null, "2026-01-01T00:00:00Z")
	some r in policy.deny with input as inp
	contains(r.message, "was created, never rotated, 323 days ago")
}

test_pass_recently_rotated if {
	inp := secret(true, "2026-11-01T00:00:00Z", "2025-01-01T00:00:00Z")
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_rotation_off_not_judged if {
	inp := secret(false, null, "2025-01-01T00:00:00Z")
	count(policy.checked) == 0 with input as inp
}
