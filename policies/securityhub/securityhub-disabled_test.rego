package palisade.securityhub.disabled_test

import data.palisade.securityhub.disabled as policy
import rego.v1

arn := "arn:aws:securityhub:eu-west-1:111122223333:hub/default"

inventory(enabled) := {"logging": {"security_hubs": [{
	"arn": arn, "account_id": "111122223333", "region": "eu-west-1", "enabled": enabled,
	"subscribed_at": null, "auto_enable_controls": null,
}]}}

test_fail_not_subscribed if {
	inp := inventory(false)
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	r.message == "Security Hub is not enabled in eu-west-1 (account 111122223333): the account is not subscribed there"
}

test_pass_enabled if {
	inp := inventory(true)
	count(policy.deny) == 0 with input as inp
	policy.checked == {arn} with input as inp
}

test_no_record_no_result if {
	inp := {"logging": {"security_hubs": []}}
	count(policy.checked) == 0 with input as inp
}
