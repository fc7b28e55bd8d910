# METADATA
# title: IAM Access Analyzer has no active external-access analyzer in a region
# description: |
#   The region has no `ACTIVE` IAM Access Analyzer analyzer of type `ACCOUNT` or
#   `ORGANIZATION`, so nothing continuously reports resource policies there (S3 buckets, KMS
#   keys, roles, Lambda functions, queues, secrets, snapshots...) that share access outside
#   the account or organization. Analyzers only for unused or internal access do not count.
#   Regions whose analyzers could not be listed are `not-evaluated`. CIS AWS Foundations 1.20.
# custom:
#   id: accessanalyzer-not-enabled
#   severity: medium
#   resource_type: AWS::AccessAnalyzer::Analyzer
#   scope: logging.access_analyzers
#   needs: [access-analyzer:ListAnalyzers]
#   remediation: |
#     In every region in use: `aws accessanalyzer create-analyzer --analyzer-name external
#     --type ACCOUNT` (or `ORGANIZATION` from the management or delegated administrator
#     account). Terraform: `aws_accessanalyzer_analyzer` per region.
#   references:
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-getting-started.html
package palisade.accessanalyzer.not_enabled

import rego.v1

external := {"ACCOUNT", "ORGANIZATION"}

checked contains a.arn if some a in input.logging.access_analyzers

deny contains result if {
	some a in input.logging.access_analyzers
	not active_external(a)
	result := {
		"arn": a.arn,
		"message": sprintf("IAM Access Analyzer in %s (account %s) has no active analyzer for external access (%s)", [a.region, a.account_id, present_text(a.analyzers)]),
		"evidence": {"analyzers": a.analyzers},
	}
}

active_external(a) if {
	some x in a.analyzers
	x.type in external
	x.status == "ACTIVE"
}

present_text(analyzers) := "no analyzer at all" if count(analyzers) == 0

present_text(analyzers) := sprintf("present: %s", [concat(", ", [sprintf("%s %s %s", [x.name, x.type, x.status]) | some x in analyzers])]) if count(analyzers) > 0
