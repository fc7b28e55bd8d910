# METADATA
# title: Security Hub is not enabled in a region
# description: |
#   The account is not subscribed to AWS Security Hub in a scanned region (CIS AWS
#   Foundations 4.16), so findings from GuardDuty, Inspector, Macie, Config rules and partner
#   tools there are not gathered in one place, and its security standards are not checked
#   continuously between audits. Regions whose hub could not be read (any error other than
#   "not subscribed") are `not-evaluated`.
# custom:
#   id: securityhub-disabled
#   severity: medium
#   resource_type: AWS::SecurityHub::Hub
#   scope: logging.security_hubs
#   remediation: |
#     `aws securityhub enable-security-hub --enable-default-standards --region REGION` in
#     each region in use, or, for an organization, a delegated administrator with central
#     configuration that enables it in every account and region. Terraform:
#     `aws_securityhub_account`. Then review the findings, or forward them to your SIEM.
#   references:
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-settingup.html
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/central-configuration-intro.html
package palisade.securityhub.disabled

import rego.v1

checked contains hub.arn if some hub in input.logging.security_hubs

deny contains result if {
	some hub in input.logging.security_hubs
	not hub.enabled == true
	result := {
		"arn": hub.arn,
		"message": sprintf("Security Hub is not enabled in %s (account %s): the account is not subscribed there", [hub.region, hub.account_id]),
		"evidence": {"enabled": object.get(hub, "enabled", null), "region": hub.region},
	}
}
