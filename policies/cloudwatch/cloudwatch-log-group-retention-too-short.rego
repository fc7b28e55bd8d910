# METADATA
# title: CloudWatch Logs log group keeps events for less than the minimum retention
# description: |
#   A CloudWatch Logs log group deletes its events sooner than the minimum retention
#   (`--min-log-retention-days`, 365 by default). Audit trails that expire before an incident
#   is discovered (often months later) cannot show what happened; PCI DSS 10.5.1 asks for at
#   least twelve months of audit log history, three of them immediately available. Groups that
#   never expire pass.
# custom:
#   id: cloudwatch-log-group-retention-too-short
#   severity: low
#   resource_type: AWS::Logs::LogGroup
#   scope: logging.log_groups
#   remediation: |
#     `aws logs put-retention-policy --log-group-name NAME --retention-in-days 365` (or longer;
#     or archive the events to S3 with a lifecycle rule that keeps them long enough).
#     Terraform: `retention_in_days = 365` on the `aws_cloudwatch_log_group`. Lower the minimum
#     with `--min-log-retention-days` where a shorter period is your documented policy.
#   references:
#     - https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html#SettingLogRetention
package palisade.cloudwatch.log_group_retention_too_short

import rego.v1

checked contains g.arn if some g in input.logging.log_groups

minimum := object.get(input, ["facts", "settings", "min_log_retention_days"], 365)

deny contains result if {
	some g in input.logging.log_groups
	days := object.get(g, "retention_days", null)
	is_number(days)
	days < minimum
	result := {
		"arn": g.arn,
		"message": sprintf("CloudWatch Logs log group %s in %s (account %s) keeps events for %d days, less than the minimum of %d", [g.name, g.region, g.account_id, days, minimum]),
		"evidence": {"retention_days": days, "minimum_days": minimum},
	}
}
