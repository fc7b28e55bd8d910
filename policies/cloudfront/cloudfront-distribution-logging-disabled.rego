# METADATA
# title: CloudFront distribution does not log viewer requests
# description: |
#   The distribution has neither legacy standard logging to an S3 bucket nor a standard
#   logging (v2) delivery of its access logs through CloudWatch Logs: who requested what,
#   from where, with which result is recorded nowhere, so a scraping, credential-stuffing or
#   exfiltration episode through the edge cannot be reconstructed. Real-time log
#   configurations are not considered. AWS Foundational Security Best Practices CloudFront.5.
# custom:
#   id: cloudfront-distribution-logging-disabled
#   severity: medium
#   resource_type: AWS::CloudFront::Distribution
#   scope: edge.cloudfront_distributions
#   needs: [cloudfront:GetDistribution, logs:DescribeDeliveries, logs:DescribeDeliverySources]
#   remediation: |
#     Turn on standard logging: in the console (Logging tab) add a destination (S3, CloudWatch
#     Logs or Firehose), or with the API create a delivery source for the distribution in
#     us-east-1 (`aws logs put-delivery-source --log-type ACCESS_LOGS --resource-arn ARN`), a
#     delivery destination and a delivery. Terraform: `logging_config { bucket = ... }` on the
#     `aws_cloudfront_distribution`, or `aws_cloudwatch_log_delivery_source` and friends.
#   references:
#     - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logging.html
package palisade.cloudfront.distribution_logging_disabled

import data.palisade.lib.cloudfront
import rego.v1

checked contains d.arn if some d in input.edge.cloudfront_distributions

deny contains result if {
	some d in input.edge.cloudfront_distributions
	not d.logging_enabled == true
	# Unread deliveries (`null`) leave the distribution unjudged; a gap says why.
	object.get(d, "access_log_delivery", null) == false
	result := {
		"arn": d.arn,
		"message": sprintf("CloudFront distribution %s does not log viewer requests (no standard logging to S3 and no access-log delivery through CloudWatch Logs)", [cloudfront.label(d)]),
		"evidence": {"logging_enabled": false, "access_log_delivery": false},
	}
}
