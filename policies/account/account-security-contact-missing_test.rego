package palisade.account.security_contact_missing_test

import data.palisade.account.security_contact_missing as policy
import rego.v1

account := "arn:aws:iam::111122223333:root"

inventory(contact) := {"iam": {"security_contacts": [{"account_id": "111122223333", "contact": contact}]}}

test_fail_no_contact if {
	inp := inventory(null)
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == account
	r.message == "Account 111122223333 has no alternate security contact: AWS security notifications reach only the root user's email"
	policy.checked == {account} with input as inp
}

test_pass_contact_registered if {
	inp := inventory({"name": "Security team", "title": "Security", "email_address": "security@example.com", "phone_number": "+1 555 0100"})
	count(policy.deny) == 0 with input as inp
	policy.checked == {account} with input as inp
}

test_unread_account_has_no_result if {
	inp := {"iam": {"security_contacts": []}}
	count(policy.checked) == 0 with input as inp
}
