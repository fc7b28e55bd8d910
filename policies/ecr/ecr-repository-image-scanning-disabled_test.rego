package palisade.ecr.repository_image_scanning_disabled_test

import data.palisade.ecr.repository_image_scanning_disabled as policy
import rego.v1

arn := "arn:aws:ecr:us-east-1:111122223333:repository/payments-api"

repo(on_push, frequency) := {"compute": {"ecr_repositories": [{
	"arn": arn, "account_id": "111122223333", "region": "us-east-1", "name": "payments-api",
	"scan_on_push": on_push, "registry_scan_type": "BASIC", "registry_scan_frequency": frequency,
}]}}

test_fail_nothing_scans if {
	inp := repo(false, "NONE")
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	r.message == "ECR repository payments-api in us-east-1 (account 111122223333) is not scanned: scan on push is off and the registry's BASIC scanning rules give it no rule"
}

test_fail_manual_rule if {
	count(policy.deny) == 1 with input as repo(false, "MANUAL")
}

test_pass_scan_on_push if {
	inp := repo(true, "NONE")
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_pass_registry_rule if {
	count(policy.deny) == 0 with input as repo(false, "CONTINUOUS_SCAN")
}

test_unread_registry_not_checked if {
	count(policy.checked) == 0 with input as repo(false, null)
}
