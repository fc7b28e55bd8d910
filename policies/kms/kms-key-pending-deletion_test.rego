package palisade.kms.key_pending_deletion_test

import data.palisade.kms.key_pending_deletion as policy
import rego.v1

arn := "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

key(manager, state, when) := {"storage": {"kms_keys": [{
	"arn": arn,
	"account_id": "111122223333",
	"region": "us-east-1",
	"id": "1234abcd-12ab-34cd-56ef-1234567890ab",
	"aliases": ["alias/claims-export"],
	"manager": manager,
	"state": state,
	"deletion_date": when,
}]}}

test_fail_pending_deletion if {
	inp := key("CUSTOMER", "PendingDeletion", "2026-12-12T00:00:00Z")
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	r.message == "KMS key 1234abcd-12ab-34cd-56ef-1234567890ab (alias/claims-export) in us-east-1 (account 111122223333) is scheduled for deletion on 2026-12-12T00:00:00Z: data still encrypted under it will be unrecoverable"
}

test_fail_replica_pending_deletion_without_date if {
	some r in policy.deny with input as key("CUSTOMER", "PendingReplicaDeletion", null)
	r.message == "KMS key 1234abcd-12ab-34cd-56ef-1234567890ab (alias/claims-export) in us-east-1 (account 111122223333) is scheduled for deletion: data still encrypted under it will be unrecoverable"
}

test_pass_enabled_or_disabled if {
	some state in ["Enabled", "Disabled"]
	inp := key("CUSTOMER", state, null)
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_aws_managed_keys_not_judged if {
	count(policy.checked) == 0 with input as key("AWS", "Enabled", null)
}
