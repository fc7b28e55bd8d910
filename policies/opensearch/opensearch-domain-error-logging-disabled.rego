# METADATA
# title: OpenSearch domain does not publish error logs
# description: |
#   The domain does not publish its error (application) logs to CloudWatch Logs: failed
#   requests, script errors and cluster warnings that precede an outage or show abuse are kept
#   nowhere you can read them. AWS Foundational Security Best Practices Opensearch.4 (ES.4).
# custom:
#   id: opensearch-domain-error-logging-disabled
#   severity: low
#   resource_type: AWS::OpenSearchService::Domain
#   scope: storage.opensearch_domains
#   needs: [es:DescribeDomains]
#   remediation: |
#     `aws opensearch update-domain-config --domain-name NAME --log-publishing-options
#     ES_APPLICATION_LOGS={CloudWatchLogsLogGroupArn=ARN,Enabled=true}` (with a CloudWatch Logs
#     resource policy that lets OpenSearch write). Terraform: `log_publishing_options` with
#     `log_type = "ES_APPLICATION_LOGS"`.
#   references:
#     - https://docs.aws.amazon.com/opensearch-service/latest/developerguide/createdomain-configure-slow-logs.html
package palisade.opensearch.domain_error_logging_disabled

import rego.v1

checked contains d.arn if some d in input.storage.opensearch_domains

deny contains result if {
	some d in input.storage.opensearch_domains
	d.error_logs != true
	result := {
		"arn": d.arn,
		"message": sprintf("OpenSearch domain %s in %s (account %s) does not publish error logs", [d.name, d.region, d.account_id]),
		"evidence": {"error_logs": false},
	}
}
