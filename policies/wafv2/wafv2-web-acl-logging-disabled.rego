# METADATA
# title: AWS WAF web ACL does not log traffic
# description: |
#   The web ACL has no logging configuration: which requests it blocked or let through, and
#   which rule matched, is recorded only as sampled requests for three hours, so an attack it
#   stopped (or missed) cannot be investigated. AWS Foundational Security Best Practices
#   WAF.11.
# custom:
#   id: wafv2-web-acl-logging-disabled
#   severity: medium
#   resource_type: AWS::WAFv2::WebACL
#   scope: edge.waf_web_acls
#   needs: [wafv2:GetWebACL, wafv2:GetLoggingConfiguration]
#   remediation: |
#     Send its logs to a CloudWatch Logs group named `aws-waf-logs-*`, an S3 bucket or a
#     Firehose stream: `aws wafv2 put-logging-configuration --logging-configuration
#     ResourceArn=ARN,LogDestinationConfigs=DESTINATION_ARN`. Terraform:
#     `aws_wafv2_web_acl_logging_configuration`.
#   references:
#     - https://docs.aws.amazon.com/waf/latest/developerguide/logging.html
package palisade.wafv2.web_acl_logging_disabled

import data.palisade.lib.wafv2
import rego.v1

checked contains w.arn if some w in input.edge.waf_web_acls

deny contains result if {
	some w in input.edge.waf_web_acls
	# `null` (unread) leaves the web ACL unjudged; a gap says why.
	destinations := object.get(w, "log_destinations", null)
	is_array(destinations)
	count(destinations) == 0
	result := {
		"arn": w.arn,
		"message": sprintf("AWS WAF web ACL %s does not log traffic (no logging configuration)", [wafv2.label(w)]),
		"evidence": {"log_destinations": []},
	}
}
