package palisade.iam.root_hardware_mfa_missing_test

import data.palisade.iam.root_hardware_mfa_missing as policy
import rego.v1

# Tests bind their inputs to locals: regorus does not see rules of this package inside `with`.

account := "arn:aws:iam::111122223333:root"

inventory(mfa_enabled, report) := {"iam": {
	"account_summaries": [{"account_id": "111122223333", "account_mfa_enabled": mfa_enabled}],
	"credential_reports": [object.union(
		{
			"account_id": "111122223333",
			"generated": "2026-11-20T11:00:00Z",
			"rows": [{"user": "<root_account>", "arn": account, "mfa_active": mfa_enabled}],
		},
		report,
	)],
}}

test_fail_virtual_device if {
	inp := inventory(true, {"root_virtual_mfa": true})
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == account
	r.message == "The root user of account 111122223333 has only a virtual MFA device (an authenticator app); CIS asks for a hardware MFA device"
	r.evidence == {"account_mfa_enabled": true, "root_virtual_mfa": true}
}

test_fail_no_mfa_even_without_the_listing if {
	inp := inventory(false, {"root_virtual_mfa": null})
	some r in policy.deny with input as inp
	contains(r.message, "has no MFA device at all")
	r.evidence == {"account_mfa_enabled": false, "root_virtual_mfa": null}
}

test_fail_no_mfa_without_a_credential_report if {
	inp := {"iam": {"account_summaries": [{"account_id": "111122223333", "account_mfa_enabled": false}]}}
	count(policy.deny) == 1 with input as inp
}

test_pass_hardware_device if {
	inp := inventory(true, {"root_virtual_mfa": false})
	count(policy.deny) == 0 with input as inp
	account in policy.checked with input as inp
}

test_unknown_device_kind_is_not_judged if {
	inp := inventory(true, {"root_virtual_mfa": null})
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 0 with input as inp
}
