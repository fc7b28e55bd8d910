# METADATA
# title: Amazon Macie is not enabled in a region that holds S3 buckets
# description: |
#   Macie is not enabled (never, or paused) in a region where the account keeps S3 buckets,
#   so nothing discovers sensitive data (credentials, personal, health or card data) in those
#   buckets or tells you it is there. Regions without buckets pass: Macie would have nothing
#   to look at. Regions whose Macie status could not be read are `not-evaluated`. AWS
#   Foundational Security Best Practices Macie.1; partial evidence for CIS AWS Foundations
#   2.1.3 (whether discovery covers the data and its findings are acted on stays a manual
#   check).
# custom:
#   id: macie-not-enabled
#   severity: low
#   resource_type: AWS::Macie::Session
#   scope: logging.macie_sessions
#   inputs: [logging.macie_sessions, storage.s3_buckets]
#   needs: [macie2:GetMacieSession, s3:ListBuckets, s3:GetBucketLocation]
#   remediation: |
#     `aws macie2 enable-macie` in the region (or from the delegated administrator for the
#     organization), then turn on automated sensitive data discovery or schedule
#     classification jobs over the buckets that may hold sensitive data. Terraform:
#     `aws_macie2_account`.
#   references:
#     - https://docs.aws.amazon.com/macie/latest/user/getting-started.html
package palisade.macie.not_enabled

import data.palisade.lib.index
import data.palisade.lib.util
import rego.v1

checked contains m.arn if some m in input.logging.macie_sessions

buckets(m) := [b.name | some b in index.lookup("s3_buckets_by_place", [m.account_id, m.region])]

deny contains result if {
	some m in input.logging.macie_sessions
	m.status != "ENABLED"
	names := buckets(m)
	count(names) > 0
	result := {
		"arn": m.arn,
		"message": sprintf("Amazon Macie is %s in %s (account %s), which holds %d S3 bucket(s): %s", [lower(m.status), m.region, m.account_id, count(names), util.names_text(names, 5)]),
		"evidence": {"status": m.status, "buckets": count(names)},
	}
}
