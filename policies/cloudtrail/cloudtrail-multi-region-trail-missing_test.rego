package palisade.cloudtrail.multi_region_trail_missing_test

import data.palisade.cloudtrail.multi_region_trail_missing as policy
import rego.v1

# Tests bind their inputs to locals: regorus does not see rules of this package inside `with`.

trail(account, name, multi, logging, org) := {
	"arn": sprintf("arn:aws:cloudtrail:us-east-1:%s:trail/%s", [account, name]),
	"account_id": account,
	"region": "us-east-1",
	"name": name,
	"is_multi_region": multi,
	"is_organization_trail": org,
	"log_file_validation": true,
	"is_logging": logging,
}

inventory(accounts, trails) := {"accounts": accounts, "logging": {"trails": trails}}

account(id) := {"id": id, "partition": "aws", "regions": ["us-east-1", "eu-west-1"]}

member(id, org, mgmt) := {"id": id, "partition": "aws", "regions": ["us-east-1"], "organization": {"id": org, "management_account_id": mgmt}}

test_fail_no_trails if {
	inp := inventory([account("111122223333")], [])
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:iam::111122223333:root"
	contains(r.message, "no multi-region CloudTrail trail that is logging")
}

test_fail_single_region_trail_is_explained if {
	inp := inventory([account("111122223333")], [trail("111122223333", "regional", false, true, false)])
	count(policy.deny) == 2 with input as inp
	msgs := {r.message | some r in policy.deny} with input as inp
	"Trail regional (home region us-east-1) does not count: it is single-region" in msgs
}

test_fail_multi_region_trail_not_logging if {
	inp := inventory([account("111122223333")], [trail("111122223333", "main", true, false, false)])
	msgs := {r.message | some r in policy.deny} with input as inp
	"Trail main (home region us-east-1) does not count: it is not logging" in msgs
}

test_fail_trail_of_another_account_does_not_count if {
	inp := inventory(
		[account("111122223333"), account("444455556666")],
		[trail("444455556666", "main", true, true, false)],
	)
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:iam::111122223333:root"
	count(policy.checked) == 2 with input as inp
}

test_pass_multi_region_trail_logging if {
	inp := inventory([account("111122223333")], [
		trail("111122223333", "regional", false, true, false),
		trail("111122223333", "main", true, true, false),
	])
	count(policy.deny) == 0 with input as inp
	"arn:aws:iam::111122223333:root" in policy.checked with input as inp
}

test_pass_organization_trail_of_the_management_account if {
	inp := inventory(
		[member("444455556666", "o-abc123", "111122223333")],
		[trail("111122223333", "org", true, true, true)],
	)
	count(policy.deny) == 0 with input as inp
	"arn:aws:iam::444455556666:root" in policy.checked with input as inp
}

test_pass_organization_trail_matched_by_organization_id if {
	inp := inventory(
		[member("111122223333", "o-abc123", null), member("444455556666", "o-abc123", null)],
		[trail("111122223333", "org", true, true, true)],
	)
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 2 with input as inp
}

test_fail_non_organization_trail_of_management_account if {
	inp := inventory(
		[member("444455556666", "o-abc123", "111122223333")],
		[trail("111122223333", "mgmt-only", true, true, false)],
	)
	count(policy.deny) == 1 with input as inp
}
