# METADATA
# title: SQS queue policy allows any principal
# description: |
#   An SQS queue's access policy has an Allow statement whose Principal is "*" (or
#   {"AWS": "*"}) with no Condition. Anyone with AWS credentials, in any account, can then
#   do what the statement's actions allow: send forged messages into the queue, read and
#   delete the messages meant for its consumers, or change the queue itself. Statements with
#   a Condition (`aws:SourceArn`, `aws:SourceAccount`, `aws:PrincipalOrgID`, ...) are not
#   reported: the usual way to let an SNS topic or S3 bucket deliver to a queue.
# custom:
#   id: sqs-queue-policy-open-to-any-principal
#   severity: high
#   resource_type: AWS::SQS::Queue
#   scope: messaging.sqs_queues
#   needs: [sqs:GetQueueAttributes]
#   remediation: |
#     Name the accounts, roles or services that need the queue in `Principal`, or keep the
#     wildcard and add a Condition that restricts it (`aws:SourceArn` of the sending topic or
#     bucket, `aws:PrincipalOrgID`), then `aws sqs set-queue-attributes --queue-url URL
#     --attributes file://policy.json`. Terraform: fix the `policy` of the
#     `aws_sqs_queue_policy` (or of the `aws_sqs_queue`).
#   references:
#     - https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-basic-examples-of-sqs-policies.html
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/sqs-controls.html
package palisade.sqs.queue_policy_open_to_any_principal

import data.palisade.lib.iam
import rego.v1

checked contains q.arn if some q in input.messaging.sqs_queues

deny contains result if {
	some q in input.messaging.sqs_queues
	some i, stmt in iam.open_statements(object.get(q, "policy", null))
	result := {
		"arn": q.arn,
		"message": sprintf("SQS queue %s in %s (account %s): queue policy %s", [q.name, q.region, q.account_id, iam.open_text(i, stmt)]),
		"evidence": {"statement": stmt},
	}
}
