# METADATA
# title: GuardDuty Lambda Protection is off in a region with Lambda functions
# description: |
#   GuardDuty is on in the region, but its Lambda Protection plan is not, while the account
#   runs Lambda functions there. The plan watches the network activity of every function
#   invocation for traffic to known-malicious hosts, crypto-mining pools and command-and-
#   control servers, the sign of a function that runs code it should not; without it a
#   compromised function goes unnoticed. Regions without functions pass. A region without an
#   enabled detector is reported by `guardduty-detector-disabled` instead. AWS Foundational
#   Security Best Practices GuardDuty.6.
# custom:
#   id: guardduty-lambda-protection-disabled
#   severity: low
#   resource_type: AWS::GuardDuty::Detector
#   scope: logging.guardduty_detectors
#   inputs: [compute.lambda_functions]
#   needs: [guardduty:GetDetector]
#   remediation: |
#     `aws guardduty update-detector --detector-id ID --features
#     Name=LAMBDA_NETWORK_LOGS,Status=ENABLED` in each region (or from the delegated
#     administrator, with auto-enable for members). Terraform:
#     `aws_guardduty_detector_feature` with `name = "LAMBDA_NETWORK_LOGS"`.
#   references:
#     - https://docs.aws.amazon.com/guardduty/latest/ug/lambda-protection.html
package palisade.guardduty.lambda_protection_disabled

import data.palisade.lib.guardduty
import data.palisade.lib.index
import rego.v1

checked contains d.arn if {
	some d in input.logging.guardduty_detectors
	guardduty.enabled(d)
}

# exposed: for each place where a detector has the plan off, the Lambda functions there.
exposed := {place: guardduty.summary(names) |
	some place in guardduty.places_off("LAMBDA_NETWORK_LOGS")
	names := [f.name | some f in index.lookup("lambda_functions_by_place", place)]
}

deny contains result if {
	some d in input.logging.guardduty_detectors
	result := guardduty.unprotected(d, "LAMBDA_NETWORK_LOGS", "Lambda Protection", "Lambda functions", exposed[[d.account_id, d.region]])
}
