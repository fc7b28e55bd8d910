# METADATA
# title: Account has no multi-region CloudTrail trail that is logging
# description: |
#   The account has no CloudTrail trail that both covers all regions and is currently logging,
#   and no logging multi-region organization trail of its AWS Organization covers it. API
#   activity in regions without a trail, including regions an attacker picks because nobody
#   watches them, is then kept only in the 90-day event history, which cannot be retained,
#   protected or fed into monitoring.
# custom:
#   id: cloudtrail-multi-region-trail-missing
#   severity: high
#   resource_type: AWS::Account
#   scope: accounts
#   inputs: [logging.trails]
#   remediation: |
#     Create a multi-region trail and start it: `aws cloudtrail create-trail --name main
#     --s3-bucket-name BUCKET --is-multi-region-trail --enable-log-file-validation
#     --kms-key-id KEY` then `aws cloudtrail start-logging --name main` (or convert an
#     existing trail with `aws cloudtrail update-trail --name NAME --is-multi-region-trail`).
#     In AWS Organizations, an organization trail from the management account covers every
#     member. Terraform: `aws_cloudtrail` with `is_multi_region_trail = true` and
#     `enable_logging = true`.
#   references:
#     - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/receive-cloudtrail-log-files-from-multiple-regions.html
#     - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/creating-trail-organization.html
package palisade.cloudtrail.multi_region_trail_missing

import data.palisade.lib.util
import rego.v1

# effective(t): the trail records every region and is currently logging.
effective(t) if {
	t.is_multi_region == true
	t.is_logging == true
}

# Accounts with an effective trail of their own (an organization trail seen from a member
# account counts for it too when the collector files it under that account).
covered_accounts contains t.account_id if {
	some t in input.logging.trails
	effective(t)
}

# Accounts owning an effective organization trail, which covers every account of their
# organization.
org_trail_owners contains t.account_id if {
	some t in input.logging.trails
	effective(t)
	t.is_organization_trail == true
}

# Organizations whose management account (when it is one of the scanned accounts) owns one.
org_ids_with_trail contains a.organization.id if {
	some a in input.accounts
	a.id in org_trail_owners
	is_string(a.organization.id)
}

covered(acct) if acct.id in covered_accounts

covered(acct) if object.get(acct, ["organization", "management_account_id"], null) in org_trail_owners

covered(acct) if object.get(acct, ["organization", "id"], null) in org_ids_with_trail

uncovered_accounts contains acct.id if {
	some acct in input.accounts
	not covered(acct)
}

checked contains util.account_arn(acct.id) if some acct in input.accounts

deny contains result if {
	some id in uncovered_accounts
	result := {
		"arn": util.account_arn(id),
		"message": sprintf("Account %s has no multi-region CloudTrail trail that is logging", [id]),
		"evidence": {"account_id": id},
	}
}

# The account's own trails, and why each one does not count.
deny contains result if {
	some t in input.logging.trails
	t.account_id in uncovered_accounts
	result := {
		"arn": util.account_arn(t.account_id),
		"message": sprintf("Trail %s (home region %s) does not count: %s", [t.name, t.region, concat(" and ", shortfalls(t))]),
		"evidence": {"trail": t.arn, "is_multi_region": t.is_multi_region, "is_logging": t.is_logging},
	}
}

# (Written without a comprehension over `not`: regorus's compiled backend mis-evaluates that form.)
shortfalls(t) := array.concat(single_region(t), not_logging(t))

single_region(t) := ["it is single-region"] if {
	not t.is_multi_region == true
} else := []

not_logging(t) := ["it is not logging"] if {
	not t.is_logging == true
} else := []
