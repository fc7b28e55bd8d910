# METADATA
# title: DynamoDB table has point-in-time recovery turned off
# description: |
#   Point-in-time recovery is off for a DynamoDB table, so there is no continuous backup to
#   restore it from: items overwritten or deleted by a faulty deployment, a script run against
#   the wrong table or an attacker with write access are gone, unless an on-demand backup
#   happens to be recent. With it on, the table can be restored to any second of the last 35
#   days (or the recovery period set). AWS Foundational Security Best Practices DynamoDB.2.
#   Tables whose backup settings could not be read are `not-evaluated`.
# custom:
#   id: dynamodb-table-point-in-time-recovery-disabled
#   severity: medium
#   resource_type: AWS::DynamoDB::Table
#   scope: storage.dynamodb_tables
#   needs: [dynamodb:DescribeTable, dynamodb:DescribeContinuousBackups]
#   remediation: |
#     `aws dynamodb update-continuous-backups --table-name TABLE
#     --point-in-time-recovery-specification PointInTimeRecoveryEnabled=true`. Terraform: a
#     `point_in_time_recovery { enabled = true }` block on the `aws_dynamodb_table`.
#   references:
#     - https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery.html
package palisade.dynamodb.table_point_in_time_recovery_disabled

import rego.v1

checked contains t.arn if {
	some t in input.storage.dynamodb_tables
	is_string(t.point_in_time_recovery)
}

deny contains result if {
	some t in input.storage.dynamodb_tables
	is_string(t.point_in_time_recovery)
	t.point_in_time_recovery != "ENABLED"
	result := {
		"arn": t.arn,
		"message": sprintf("DynamoDB table %s (account %s, %s) has point-in-time recovery %s", [t.name, t.account_id, t.region, lower(t.point_in_time_recovery)]),
		"evidence": {"point_in_time_recovery": t.point_in_time_recovery},
	}
}
