package palisade.secretsmanager.secret_unused_90_days_test

import data.palisade.secretsmanager.secret_unused_90_days as policy
import rego.v1

arn := "arn:aws:secretsmanager:us-east-1:111122223333:secret:old-ftp-AbCdEf"

secret(accessed, created) := {
	"collected_at": "2026-11-20T12:00:00Z",
	"storage": {"secrets": [{
		"arn": arn,
		"account_id": "111122223333",
		"region": "us-east-1",
		"name": "old-ftp",
		"last_accessed": accessed,
		"created": created,
		"owning_service": null,
	}]},
}

test_fail_not_read_for_months if {
	inp := secret("2026-05-01T00:00:00Z", "2024-01-01T00:00:00Z")
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	r.message == "Secrets Manager secret old-ftp (account 111122223333, us-east-1) was last read 203 days ago (more than 90)"
}

test_fail_never_read if {
	inp := secret(null, "2026-01-01T00:00:00Z")
	count(policy.deny) == 1 with input as inp
}

test_pass_read_recently if {
	inp := secret("2026-11-19T00:00:00Z", "2024-01-01T00:00:00Z")
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_new_secret_never_read_passes if {
	inp := secret(null, "2026-11-01T00:00:00Z")
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}
