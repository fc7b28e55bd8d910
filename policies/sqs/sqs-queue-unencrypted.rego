# METADATA
# title: SQS queue is not encrypted at rest
# description: |
#   An SQS queue has neither SSE-KMS (a KMS key) nor SSE-SQS (encryption with keys SQS
#   manages) turned on, so the messages it holds are stored unencrypted. Queues often carry
#   order, payment and patient events between services; encryption at rest is what the
#   HIPAA, PCI DSS and AWS Foundational Security Best Practices (SQS.1) controls ask for.
#   SSE-KMS with a customer managed key also lets you control and audit who can decrypt.
#   Queues whose attributes could not be read are `not-evaluated`.
# custom:
#   id: sqs-queue-unencrypted
#   severity: medium
#   resource_type: AWS::SQS::Queue
#   scope: messaging.sqs_queues
#   needs: [sqs:GetQueueAttributes]
#   remediation: |
#     Turn on SSE-SQS: `aws sqs set-queue-attributes --queue-url URL --attributes
#     SqsManagedSseEnabled=true`, or SSE-KMS with your key: `--attributes
#     KmsMasterKeyId=alias/YOUR-KEY` (producers then need `kms:GenerateDataKey` and consumers
#     `kms:Decrypt` on it). Terraform: `sqs_managed_sse_enabled = true` or
#     `kms_master_key_id = aws_kms_key.x.arn` on the `aws_sqs_queue`.
#   references:
#     - https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/sqs-controls.html
package palisade.sqs.queue_unencrypted

import data.palisade.lib.util
import rego.v1

checked contains q.arn if some q in input.messaging.sqs_queues

deny contains result if {
	some q in input.messaging.sqs_queues
	not kms_key(q)
	not object.get(q, "sqs_managed_sse_enabled", null) == true
	result := {
		"arn": q.arn,
		"message": sprintf("SQS queue %s in %s (account %s) is not encrypted at rest: no KMS key (KmsMasterKeyId) and SSE-SQS %s", [
			q.name, q.region, q.account_id, sse_text(object.get(q, "sqs_managed_sse_enabled", null)),
		]),
		"evidence": {"kms_master_key_id": null, "sqs_managed_sse_enabled": object.get(q, "sqs_managed_sse_enabled", null)},
	}
}

kms_key(q) if util.non_blank(object.get(q, "kms_master_key_id", null))

sse_text(v) := "off (SqsManagedSseEnabled false)" if v == false

sse_text(v) := "not reported" if v != false
