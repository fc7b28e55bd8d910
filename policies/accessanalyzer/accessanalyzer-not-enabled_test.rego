package palisade.accessanalyzer.not_enabled_test

import data.palisade.accessanalyzer.not_enabled as policy
import rego.v1

arn := "arn:aws:access-analyzer:eu-west-1:111122223333:analyzers"

region(analyzers) := {"logging": {"access_analyzers": [{
	"arn": arn, "account_id": "111122223333", "region": "eu-west-1", "analyzers": analyzers,
}]}}

analyzer(t, status) := {"arn": "arn:aws:access-analyzer:eu-west-1:111122223333:analyzer/a", "name": "a", "type": t, "status": status}

test_fail_none if {
	inp := region([])
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	r.message == "IAM Access Analyzer in eu-west-1 (account 111122223333) has no active analyzer for external access (no analyzer at all)"
}

test_fail_unused_access_only if {
	inp := region([analyzer("ACCOUNT_UNUSED_ACCESS", "ACTIVE")])
	some r in policy.deny with input as inp
	endswith(r.message, "(present: a ACCOUNT_UNUSED_ACCESS ACTIVE)")
}

test_fail_failed_analyzer if {
	count(policy.deny) == 1 with input as region([analyzer("ACCOUNT", "FAILED")])
}

test_pass_account_analyzer if {
	inp := region([analyzer("ACCOUNT", "ACTIVE")])
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_pass_organization_analyzer if {
	count(policy.deny) == 0 with input as region([analyzer("ORGANIZATION", "ACTIVE")])
}
