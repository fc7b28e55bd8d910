# METADATA
# title: CloudWatch Logs log group not encrypted with a KMS key
# description: |
#   A CloudWatch Logs log group is encrypted only with keys CloudWatch Logs owns, not with a KMS
#   key you control. Its events (CloudTrail records, application and VPC flow logs, often with
#   user names, IP addresses and request data) can then be read by anyone with `logs:` read
#   permissions, with no key policy to narrow that and no CloudTrail record of decryption.
#   HIPAA and PCI DSS expect audit logs to be protected from unauthorized reading; a customer
#   managed key makes that enforceable and auditable.
# custom:
#   id: cloudwatch-log-group-not-kms-encrypted
#   severity: low
#   resource_type: AWS::Logs::LogGroup
#   scope: logging.log_groups
#   remediation: |
#     Give CloudWatch Logs use of a KMS key in its key policy (principal
#     `logs.REGION.amazonaws.com`, with an `kms:EncryptionContext:aws:logs:arn` condition), then
#     `aws logs associate-kms-key --log-group-name NAME --kms-key-id KEY_ARN`. Terraform:
#     `kms_key_id` on the `aws_cloudwatch_log_group`.
#   references:
#     - https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
package palisade.cloudwatch.log_group_not_kms_encrypted

import rego.v1

checked contains g.arn if some g in input.logging.log_groups

deny contains result if {
	some g in input.logging.log_groups
	not kms_key(g)
	result := {
		"arn": g.arn,
		"message": sprintf("CloudWatch Logs log group %s in %s (account %s) has no KMS key (kmsKeyId): its events are encrypted only with keys CloudWatch Logs owns", [g.name, g.region, g.account_id]),
		"evidence": {"kms_key_id": null},
	}
}

kms_key(g) if {
	k := object.get(g, "kms_key_id", null)
	is_string(k)
	trim_space(k) != ""
}
