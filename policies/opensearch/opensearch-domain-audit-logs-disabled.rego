# METADATA
# title: OpenSearch domain does not publish audit logs
# description: |
#   The domain does not publish audit logs to CloudWatch Logs: failed logins, who read or
#   changed which index, and permission changes are recorded nowhere you can review. (Audit
#   logs need fine-grained access control.) AWS Foundational Security Best Practices
#   Opensearch.5.
# custom:
#   id: opensearch-domain-audit-logs-disabled
#   severity: low
#   resource_type: AWS::OpenSearchService::Domain
#   scope: storage.opensearch_domains
#   needs: [es:DescribeDomains]
#   remediation: |
#     Turn on fine-grained access control, give OpenSearch a CloudWatch Logs resource policy,
#     then `aws opensearch update-domain-config --domain-name NAME --log-publishing-options
#     AUDIT_LOGS={CloudWatchLogsLogGroupArn=ARN,Enabled=true}`. Terraform: a
#     `log_publishing_options` block with `log_type = "AUDIT_LOGS"`.
#   references:
#     - https://docs.aws.amazon.com/opensearch-service/latest/developerguide/audit-logs.html
package palisade.opensearch.domain_audit_logs_disabled

import rego.v1

checked contains d.arn if some d in input.storage.opensearch_domains

deny contains result if {
	some d in input.storage.opensearch_domains
	d.audit_logs != true
	result := {
		"arn": d.arn,
		"message": sprintf("OpenSearch domain %s in %s (account %s) does not publish audit logs", [d.name, d.region, d.account_id]),
		"evidence": {"audit_logs": false},
	}
}
