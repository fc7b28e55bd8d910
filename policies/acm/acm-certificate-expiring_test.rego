package palisade.acm.certificate_expiring_test

import data.palisade.acm.certificate_expiring as policy
import rego.v1

arn := "arn:aws:acm:us-east-1:111122223333:certificate/1"

cert(not_after, in_use) := {
	"collected_at": "2026-11-20T12:00:00Z",
	"storage": {"acm_certificates": [{
		"arn": arn,
		"account_id": "111122223333",
		"region": "us-east-1",
		"domain_name": "portal.example.com",
		"cert_type": "IMPORTED",
		"not_after": not_after,
		"in_use": in_use,
	}]},
}

test_fail_expiring_soon if {
	inp := cert("2026-12-01T00:00:00Z", true)
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	r.message == "ACM certificate for portal.example.com (IMPORTED, account 111122223333, us-east-1) is in use and expires on 2026-12-01T00:00:00Z, in 11 days"
}

test_fail_expired if {
	inp := cert("2026-10-01T00:00:00Z", true)
	some r in policy.deny with input as inp
	contains(r.message, "is in use and expired on 2026-10-01T00:00:00Z")
}

test_pass_valid_for_months if {
	inp := cert("2027-06-01T00:00:00Z", true)
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_unused_certificate_not_judged if {
	inp := cert("2026-10-01T00:00:00Z", false)
	count(policy.checked) == 0 with input as inp
	count(policy.deny) == 0 with input as inp
}
