# METADATA
# title: GuardDuty is not enabled in a region
# description: |
#   In a scanned region of the account there is no GuardDuty detector, or the detector is
#   suspended. GuardDuty is AWS's managed threat detection: it analyses CloudTrail, VPC flow
#   and DNS logs for credential misuse, crypto-mining, reconnaissance and communication with
#   known-malicious hosts. Attackers favour regions nobody watches, so it must be on everywhere.
# custom:
#   id: guardduty-detector-disabled
#   severity: medium
#   resource_type: AWS::GuardDuty::Detector
#   scope: accounts
#   inputs: [logging.guardduty_detectors]
#   remediation: |
#     In each region: `aws guardduty create-detector --enable` (or re-enable a suspended one
#     with `aws guardduty update-detector --detector-id ID --enable`). In AWS Organizations,
#     delegate a GuardDuty administrator and turn on auto-enable for all members in every
#     region. Terraform: `aws_guardduty_detector` with `enable = true` per region (and
#     `aws_guardduty_organization_configuration`).
#   references:
#     - https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_settingup.html
#     - https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_organizations.html
package palisade.guardduty.detector_disabled

import data.palisade.lib.guardduty
import data.palisade.lib.util
import rego.v1

# [account, region] pairs: scanned, with any detector, and with an enabled detector.
scanned contains [acct.id, region] if {
	some acct in input.accounts
	some region in object.get(acct, "regions", [])
}

with_detector contains [d.account_id, d.region] if some d in input.logging.guardduty_detectors

enabled contains [d.account_id, d.region] if {
	some d in input.logging.guardduty_detectors
	guardduty.enabled(d)
}

resource(account_id, region) := util.regional_arn("guardduty", region, account_id, "detector")

checked contains resource(acct, region) if some [acct, region] in scanned

deny contains result if {
	some [acct, region] in scanned
	not [acct, region] in with_detector
	result := {
		"arn": resource(acct, region),
		"message": sprintf("GuardDuty has no detector in %s (account %s)", [region, acct]),
		"evidence": {"account_id": acct, "region": region, "detectors": []},
	}
}

deny contains result if {
	some d in input.logging.guardduty_detectors
	not guardduty.enabled(d)
	key := [d.account_id, d.region]
	key in scanned
	not key in enabled
	result := {
		"arn": resource(d.account_id, d.region),
		"message": sprintf("GuardDuty detector %s in %s (account %s) has status %v", [d.id, d.region, d.account_id, object.get(d, "status", null)]),
		"evidence": {"detector": d.arn, "status": object.get(d, "status", null)},
	}
}
