package palisade.iam.root_user_used_recently_test

import data.palisade.iam.root_user_used_recently as policy
import rego.v1

# Tests bind their inputs to locals: regorus does not see rules of this package inside `with`.

inventory(root) := {
	"collected_at": "2026-11-20T12:00:00Z",
	"iam": {"credential_reports": [{
		"account_id": "111122223333",
		"generated": "2026-11-20T11:00:00Z",
		"rows": [
			object.union({"user": "<root_account>", "arn": "arn:aws:iam::111122223333:root"}, root),
			{"user": "alice", "arn": "arn:aws:iam::111122223333:user/alice", "password_last_used": "2026-11-20T10:00:00Z"},
		],
	}]},
}

test_fail_console_sign_in_three_days_ago if {
	inp := inventory({"password_last_used": "2026-11-17T09:00:00Z"})
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:iam::111122223333:root"
	r.message == "The root user of account 111122223333 was used in the last 30 days: console sign-in 3 days ago"
}

test_fail_access_key_used_yesterday if {
	inp := inventory({"password_last_used": "2025-01-01T00:00:00Z", "access_key_2_last_used": "2026-11-19T08:00:00Z"})
	some r in policy.deny with input as inp
	contains(r.message, "access key 2 used 1 days ago")
	not contains(r.message, "console")
}

test_pass_last_use_long_ago if {
	inp := inventory({"password_last_used": "2026-06-02T16:04:00Z"})
	count(policy.deny) == 0 with input as inp
	"arn:aws:iam::111122223333:root" in policy.checked with input as inp
}

test_pass_never_used if {
	inp := inventory({"password_last_used": null})
	count(policy.deny) == 0 with input as inp
}

test_a_report_without_a_root_row_is_not_judged if {
	inp := {"collected_at": "2026-11-20T12:00:00Z", "iam": {"credential_reports": [{"account_id": "1", "generated": "2026-11-20T11:00:00Z", "rows": []}]}}
	count(policy.checked) == 0 with input as inp
	count(policy.deny) == 0 with input as inp
}
