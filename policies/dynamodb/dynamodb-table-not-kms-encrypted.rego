# METADATA
# title: DynamoDB table is encrypted with an AWS owned key, not a KMS key
# description: |
#   A DynamoDB table is encrypted at rest with DynamoDB's default AWS owned key, which lives in
#   an AWS service account: no key policy of yours governs it, its use appears in none of your
#   CloudTrail logs, and it cannot be disabled to cut off access in an incident. Anyone with
#   DynamoDB read permissions reads the data; with a KMS key (the AWS managed
#   `aws/dynamodb` key or, better, a customer managed key) every read also needs the key, and
#   every use of it is logged. The data is encrypted either way: this is about who controls
#   and sees the key, hence the low severity.
# custom:
#   id: dynamodb-table-not-kms-encrypted
#   severity: low
#   resource_type: AWS::DynamoDB::Table
#   scope: storage.dynamodb_tables
#   needs: [dynamodb:DescribeTable]
#   remediation: |
#     `aws dynamodb update-table --table-name TABLE --sse-specification
#     Enabled=true,SSEType=KMS,KMSMasterKeyId=KEY` (leave out the key id for the AWS managed
#     key). Terraform: `server_side_encryption { enabled = true kms_key_arn = ... }` on the
#     `aws_dynamodb_table`.
#   references:
#     - https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/EncryptionAtRest.html
package palisade.dynamodb.table_not_kms_encrypted

import rego.v1

checked contains t.arn if some t in input.storage.dynamodb_tables

deny contains result if {
	some t in input.storage.dynamodb_tables
	t.sse_type != "KMS"
	result := {
		"arn": t.arn,
		"message": sprintf("DynamoDB table %s (account %s, %s) is encrypted with an AWS owned key (sse_type %s): no key policy of the account governs decrypting it and no KMS event records its use", [t.name, t.account_id, t.region, t.sse_type]),
		"evidence": {"sse_type": t.sse_type},
	}
}
