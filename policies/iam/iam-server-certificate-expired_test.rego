package palisade.iam.server_certificate_expired_test

import data.palisade.iam.server_certificate_expired as policy
import rego.v1

arn := "arn:aws:iam::111122223333:server-certificate/legacy-portal"

inventory(expiration) := {
	"collected_at": "2026-11-20T12:00:00Z",
	"iam": {"server_certificates": [{
		"arn": arn,
		"account_id": "111122223333",
		"name": "legacy-portal",
		"expiration": expiration,
	}]},
}

test_fail_expired if {
	inp := inventory("2026-01-31T23:59:59Z")
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	r.message == "IAM server certificate legacy-portal (account 111122223333) expired on 2026-01-31T23:59:59Z, 292 days before the snapshot"
}

test_pass_still_valid if {
	inp := inventory("2027-03-01T00:00:00Z")
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_unknown_expiration_is_not_judged if {
	inp := inventory(null)
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 0 with input as inp
}
