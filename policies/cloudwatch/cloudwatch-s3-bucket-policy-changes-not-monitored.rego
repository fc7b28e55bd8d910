# METADATA
# title: No alarm on S3 bucket policy changes
# description: |
#   Nothing alerts on S3 bucket policy changes (CIS AWS Foundations 4.8). Bucket policies, ACLs,
#   CORS, lifecycle and replication settings decide who can read the data and where copies go; a
#   change can publish a bucket or ship its contents elsewhere. The account counts as monitored
#   when a multi-region CloudTrail trail that is logging all management events delivers to a
#   CloudWatch Logs log group, a metric filter on that group catches every event of this kind
#   (Palisade evaluates the filter pattern against representative CloudTrail events rather than
#   comparing its text, so reordered or reformatted filters count and incomplete ones do not),
#   and an alarm on the filter's metric has an enabled action that alerts someone: an SNS topic
#   with a confirmed subscription (or one outside the scan), a Lambda function, an OpsItem or an
#   Incident Manager response plan. The finding names the first missing link. A SIEM rule on the
#   same events meets the intent too: suppress this result with a justification if that is how
#   you monitor.
# custom:
#   id: cloudwatch-s3-bucket-policy-changes-not-monitored
#   severity: medium
#   resource_type: AWS::Account
#   scope: accounts
#   inputs: [logging.trails, logging.log_groups, logging.metric_alarms, messaging.sns_topics]
#   remediation: |
#     Create the metric filter on the trail's log group and an alarm on it: `aws logs
#     put-metric-filter --log-group-name LOG_GROUP --filter-name s3-bucket-policy-changes
#     --metric-transformations
#     metricName=S3BucketPolicyChanges,metricNamespace=CISBenchmark,metricValue=1
#     --filter-pattern '{ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl) ||
#     ($.eventName = PutBucketPolicy) || ($.eventName = PutBucketCors) || ($.eventName =
#     PutBucketLifecycle) || ($.eventName = PutBucketReplication) || ($.eventName =
#     DeleteBucketPolicy) || ($.eventName = DeleteBucketCors) || ($.eventName =
#     DeleteBucketLifecycle) || ($.eventName = DeleteBucketReplication)) }'`, then `aws
#     cloudwatch put-metric-alarm --alarm-name s3-bucket-policy-changes --metric-name
#     S3BucketPolicyChanges --namespace CISBenchmark --statistic Sum --period 300 --threshold 1
#     --comparison-operator GreaterThanOrEqualToThreshold --evaluation-periods 1 --alarm-actions
#     SNS_TOPIC_ARN` with a subscribed SNS topic. Terraform: `aws_cloudwatch_log_metric_filter`
#     and `aws_cloudwatch_metric_alarm`.
#   references:
#     - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html
#     - https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
package palisade.cloudwatch.s3_bucket_policy_changes_not_monitored

import data.palisade.lib.monitoring
import rego.v1

checked contains arn if some arn in monitoring.checked

deny contains result if some result in monitoring.failures("s3-bucket-policy-changes")
