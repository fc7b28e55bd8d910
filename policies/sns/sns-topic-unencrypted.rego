# METADATA
# title: SNS topic is not encrypted at rest
# description: |
#   An SNS topic has no KMS key for server-side encryption, so the messages it stores until
#   delivery are kept unencrypted. Topics fan out alerts, orders and patient events to
#   queues, functions, e-mail and SMS; encryption at rest is what the HIPAA, PCI DSS and AWS
#   Foundational Security Best Practices (SNS.1) controls ask for, and a customer managed
#   key lets you control and audit who can decrypt. Topics whose attributes could not be read
#   are `not-evaluated`.
# custom:
#   id: sns-topic-unencrypted
#   severity: medium
#   resource_type: AWS::SNS::Topic
#   scope: messaging.sns_topics
#   needs: [sns:GetTopicAttributes]
#   remediation: |
#     `aws sns set-topic-attributes --topic-arn ARN --attribute-name KmsMasterKeyId
#     --attribute-value alias/YOUR-KEY` (or `alias/aws/sns`; publishers then need
#     `kms:GenerateDataKey` and `kms:Decrypt` on a customer managed key, and AWS services
#     that publish need it in the key policy). Terraform: `kms_master_key_id` on the
#     `aws_sns_topic`.
#   references:
#     - https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/sns-controls.html
package palisade.sns.topic_unencrypted

import data.palisade.lib.util
import rego.v1

checked contains t.arn if some t in input.messaging.sns_topics

deny contains result if {
	some t in input.messaging.sns_topics
	not kms_key(t)
	result := {
		"arn": t.arn,
		"message": sprintf("SNS topic %s in %s (account %s) is not encrypted at rest: it has no KMS key (KmsMasterKeyId)", [
			t.name, t.region, t.account_id,
		]),
		"evidence": {"kms_master_key_id": null},
	}
}

kms_key(t) if util.non_blank(object.get(t, "kms_master_key_id", null))
