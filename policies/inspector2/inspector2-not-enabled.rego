# METADATA
# title: Amazon Inspector is not scanning in a region
# description: |
#   Amazon Inspector is not enabled for the account in the region, or is enabled but scans
#   none of EC2 instances, ECR images and Lambda functions there: nothing continuously looks
#   for known vulnerabilities (CVEs) in the operating systems, packages and images running
#   in that region. Regions whose status could not be read are `not-evaluated`. AWS
#   Foundational Security Best Practices Inspector.1 to Inspector.4 (one per resource type).
# custom:
#   id: inspector2-not-enabled
#   severity: medium
#   resource_type: AWS::Inspector2::Enabler
#   scope: logging.inspector2
#   needs: [inspector2:BatchGetAccountStatus]
#   remediation: |
#     `aws inspector2 enable --resource-types EC2 ECR LAMBDA` in each region in use (or
#     from the delegated administrator for the organization, with auto-enable for members).
#     Terraform: `aws_inspector2_enabler`.
#   references:
#     - https://docs.aws.amazon.com/inspector/latest/user/getting_started_tutorial.html
package palisade.inspector2.not_enabled

import rego.v1

checked contains i.arn if some i in input.logging.inspector2

scanned(i) := sort([kind | some kind, status in object.get(i, "resources", {}); status == "ENABLED"])

why(i) := sprintf("its status is %s", [i.status]) if i.status != "ENABLED"

why(i) := "it is enabled but scans no resource type" if {
	i.status == "ENABLED"
	count(scanned(i)) == 0
}

deny contains result if {
	some i in input.logging.inspector2
	reason := why(i)
	result := {
		"arn": i.arn,
		"message": sprintf("Amazon Inspector is not scanning in %s (account %s): %s", [i.region, i.account_id, reason]),
		"evidence": {"status": i.status, "resources": object.get(i, "resources", {})},
	}
}
