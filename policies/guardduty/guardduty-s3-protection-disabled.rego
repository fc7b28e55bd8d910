# METADATA
# title: GuardDuty S3 Protection is off in a region with buckets
# description: |
#   GuardDuty is on in the region, but its S3 Protection plan is not, while the account keeps
#   S3 buckets there. S3 Protection analyses the object-level events of those buckets
#   (GetObject, PutObject, DeleteObject) for data being pulled out from an unusual place,
#   by a known-malicious address or with stolen credentials; without it GuardDuty sees only
#   changes to bucket settings. Regions without buckets pass. A region without an enabled
#   detector is reported by `guardduty-detector-disabled` instead. AWS Foundational Security
#   Best Practices GuardDuty.10.
# custom:
#   id: guardduty-s3-protection-disabled
#   severity: medium
#   resource_type: AWS::GuardDuty::Detector
#   scope: logging.guardduty_detectors
#   inputs: [storage.s3_buckets]
#   needs: [guardduty:GetDetector, s3:ListBuckets, s3:GetBucketLocation]
#   remediation: |
#     `aws guardduty update-detector --detector-id ID --features
#     Name=S3_DATA_EVENTS,Status=ENABLED` in each region (or from the delegated
#     administrator, with auto-enable for members). Terraform:
#     `aws_guardduty_detector_feature` with `name = "S3_DATA_EVENTS"`.
#   references:
#     - https://docs.aws.amazon.com/guardduty/latest/ug/s3-protection.html
package palisade.guardduty.s3_protection_disabled

import data.palisade.lib.guardduty
import data.palisade.lib.index
import rego.v1

checked contains d.arn if {
	some d in input.logging.guardduty_detectors
	guardduty.enabled(d)
}

# exposed: for each place where a detector has the plan off, the S3 buckets there.
exposed := {place: guardduty.summary(names) |
	some place in guardduty.places_off("S3_DATA_EVENTS")
	names := [b.name | some b in index.lookup("s3_buckets_by_place", place)]
}

deny contains result if {
	some d in input.logging.guardduty_detectors
	result := guardduty.unprotected(d, "S3_DATA_EVENTS", "S3 Protection", "S3 buckets", exposed[[d.account_id, d.region]])
}
