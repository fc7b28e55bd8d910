# METADATA
# title: Root user was used in the last 30 days
# description: |
#   The account's root user signed in to the console or had an access key used within 30 days
#   before the snapshot (CIS AWS Foundations 1.7). The root user cannot be limited by IAM
#   policies or permission boundaries, and only a handful of tasks need it (changing the
#   support plan, closing the account, restoring a locked-out administrator). Routine use means
#   the most powerful credential in the account is being typed, stored and phished. Recent use
#   is read from the IAM credential report; investigate whether it was one of those tasks.
# custom:
#   id: iam-root-user-used-recently
#   severity: high
#   resource_type: AWS::Account
#   scope: iam.credential_reports
#   remediation: |
#     Find out who used root and why (CloudTrail: `userIdentity.type = Root`). Do daily work
#     with IAM Identity Center or IAM roles instead, delete root access keys (`aws iam
#     delete-access-key` as root), and alert on root use (see
#     cloudwatch-root-account-usage-not-monitored). In AWS Organizations, centralized root
#     access removes member accounts' root credentials altogether.
#   references:
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/root-user-tasks.html
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html
package palisade.iam.root_user_used_recently

import data.palisade.lib.util
import rego.v1

window_days := 30

root_row(report) := row if {
	some row in report.rows
	row.user == "<root_account>"
}

# Each use of a root credential within the window, as "console sign-in 3 days ago".
recent_uses(row) := [sprintf("%s %d days ago", [what, days]) |
	some [what, field] in [
		["console sign-in", "password_last_used"],
		["access key 1 used", "access_key_1_last_used"],
		["access key 2 used", "access_key_2_last_used"],
	]
	at := object.get(row, field, null)
	is_string(at)
	days := util.days_before_collection(at)
	days <= window_days
]

checked contains util.account_arn(report.account_id) if {
	some report in input.iam.credential_reports
	root_row(report)
}

deny contains result if {
	some report in input.iam.credential_reports
	row := root_row(report)
	uses := recent_uses(row)
	count(uses) > 0
	result := {
		"arn": util.account_arn(report.account_id),
		"message": sprintf("The root user of account %s was used in the last %d days: %s", [report.account_id, window_days, concat(", ", uses)]),
		"evidence": {
			"password_last_used": object.get(row, "password_last_used", null),
			"access_key_1_last_used": object.get(row, "access_key_1_last_used", null),
			"access_key_2_last_used": object.get(row, "access_key_2_last_used", null),
			"window_days": window_days,
		},
	}
}
