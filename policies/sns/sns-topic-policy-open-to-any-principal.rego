# METADATA
# title: SNS topic policy allows any principal
# description: |
#   An SNS topic's access policy has an Allow statement whose Principal is "*" (or
#   {"AWS": "*"}) with no Condition. Anyone with AWS credentials, in any account, can then
#   do what the statement's actions allow: publish forged notifications to every subscriber,
#   subscribe their own endpoint and receive every message, or change the topic. The policy
#   AWS gives a new topic allows any principal only with a Condition on the owner account
#   (`AWS:SourceOwner`) and is not reported; neither is any other statement with a Condition.
# custom:
#   id: sns-topic-policy-open-to-any-principal
#   severity: high
#   resource_type: AWS::SNS::Topic
#   scope: messaging.sns_topics
#   needs: [sns:GetTopicAttributes]
#   remediation: |
#     Name the accounts, roles or services that need the topic in `Principal`, or keep the
#     wildcard and add a Condition that restricts it (`aws:SourceArn` of the publishing
#     bucket or alarm, `aws:SourceOwner`, `aws:PrincipalOrgID`), then `aws sns
#     set-topic-attributes --topic-arn ARN --attribute-name Policy --attribute-value
#     file://policy.json`. Terraform: fix the `policy` of the `aws_sns_topic_policy` (or of
#     the `aws_sns_topic`).
#   references:
#     - https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/sns-controls.html
package palisade.sns.topic_policy_open_to_any_principal

import data.palisade.lib.iam
import rego.v1

checked contains t.arn if some t in input.messaging.sns_topics

deny contains result if {
	some t in input.messaging.sns_topics
	some i, stmt in iam.open_statements(object.get(t, "policy", null))
	result := {
		"arn": t.arn,
		"message": sprintf("SNS topic %s in %s (account %s): topic policy %s", [t.name, t.region, t.account_id, iam.open_text(i, stmt)]),
		"evidence": {"statement": stmt},
	}
}
