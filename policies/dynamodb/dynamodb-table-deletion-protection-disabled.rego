# METADATA
# title: DynamoDB table can be deleted without first turning off deletion protection
# description: |
#   Deletion protection is off for a DynamoDB table. One `DeleteTable` call (a mistaken
#   script or Terraform plan, a compromised pipeline role, an attacker destroying data) then
#   removes the table and every item in it; point-in-time recovery ends with the table (only
#   a restorable snapshot of the last moment is kept for 35 days when PITR was on). With
#   protection on, the call fails until someone first changes the table's setting, a
#   separate, logged, alarmable step. AWS Foundational Security Best Practices DynamoDB.6.
# custom:
#   id: dynamodb-table-deletion-protection-disabled
#   severity: medium
#   resource_type: AWS::DynamoDB::Table
#   scope: storage.dynamodb_tables
#   needs: [dynamodb:DescribeTable]
#   remediation: |
#     `aws dynamodb update-table --table-name TABLE --deletion-protection-enabled`. Terraform:
#     `deletion_protection_enabled = true` on the `aws_dynamodb_table`.
#   references:
#     - https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/WorkingWithTables.Basics.html#WorkingWithTables.Basics.DeletionProtection
package palisade.dynamodb.table_deletion_protection_disabled

import rego.v1

checked contains t.arn if some t in input.storage.dynamodb_tables

deny contains result if {
	some t in input.storage.dynamodb_tables
	not t.deletion_protection == true
	result := {
		"arn": t.arn,
		"message": sprintf("DynamoDB table %s (account %s, %s) has deletion protection turned off", [t.name, t.account_id, t.region]),
		"evidence": {"deletion_protection": object.get(t, "deletion_protection", null)},
	}
}
