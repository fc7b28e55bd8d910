# METADATA
# title: CloudTrail trail does not send its events to CloudWatch Logs
# description: |
#   The trail delivers its events only to S3: it has no CloudWatch Logs log group. Events in
#   S3 can be read later, but nothing watches them as they arrive; metric filters and alarms
#   on root use, policy changes or failed sign-ins (CIS section 4) need the events in a log
#   group, and so does searching the last hours of activity during an incident. The
#   `cloudwatch-*-not-monitored` policies judge the whole chain for a multi-region trail; this
#   one names every trail that cannot feed such alarms.
# custom:
#   id: cloudtrail-trail-not-sent-to-cloudwatch-logs
#   severity: low
#   resource_type: AWS::CloudTrail::Trail
#   scope: logging.trails
#   remediation: |
#     Create a log group and a role CloudTrail can assume to write to it, then
#     `aws cloudtrail update-trail --name TRAIL --cloud-watch-logs-log-group-arn
#     arn:aws:logs:REGION:ACCOUNT:log-group:GROUP:* --cloud-watch-logs-role-arn ROLE`.
#     Terraform: `cloud_watch_logs_group_arn` and `cloud_watch_logs_role_arn` on the
#     `aws_cloudtrail`.
#   references:
#     - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/send-cloudtrail-events-to-cloudwatch-logs.html
package palisade.cloudtrail.trail_not_sent_to_cloudwatch_logs

import rego.v1

checked contains t.arn if some t in input.logging.trails

deny contains result if {
	some t in input.logging.trails
	not is_string(object.get(t, "cloudwatch_logs_log_group_arn", null))
	result := {
		"arn": t.arn,
		"message": sprintf("CloudTrail trail %s (home region %s, account %s) sends its events only to S3, not to a CloudWatch Logs log group", [t.name, t.region, t.account_id]),
		"evidence": {"cloudwatch_logs_log_group_arn": null},
	}
}
