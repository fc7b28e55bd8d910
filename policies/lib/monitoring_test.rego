package palisade.lib.monitoring_test

import data.palisade.lib.monitoring
import rego.v1

group := "arn:aws:logs:us-east-1:111122223333:log-group:trail"

the_account := {"id": "111122223333"}

trail := {
	"arn": "arn:aws:cloudtrail:us-east-1:111122223333:trail/main", "account_id": "111122223333",
	"region": "us-east-1", "name": "main", "is_multi_region": true, "is_logging": true,
	"is_organization_trail": false,
	"cloudwatch_logs_log_group_arn": concat("", [group, ":*"]),
	"event_selectors": [{"ReadWriteType": "All", "IncludeManagementEvents": true, "ExcludeManagementEventSources": []}],
}

alarm := {
	"arn": "arn:aws:cloudwatch:us-east-1:111122223333:alarm:trail-changes", "account_id": "111122223333",
	"region": "us-east-1", "name": "trail-changes", "metrics": [{"namespace": "CIS", "name": "TrailChanges"}],
	"actions_enabled": true, "alarm_actions": ["arn:aws:sns:us-east-1:111122223333:security"],
}

topic := {"arn": "arn:aws:sns:us-east-1:111122223333:security", "subscriptions_confirmed": 2}

filter_facts := {"covers": ["cloudtrail-changes"], "misses": {"unauthorized-api-calls": ["AccessDeniedException on Decrypt"]}, "too_broad": [], "error": null}

# The whole chain for cloudtrail-changes; `with` parts replaced by each test.
doc(trails, alarms, topics, facts) := {
	"accounts": [the_account],
	"logging": {
		"trails": trails,
		"log_groups": [{
			"arn": group, "account_id": "111122223333", "region": "us-east-1", "name": "trail",
			"metric_filters": [{"name": "trail-changes", "pattern": "x", "metrics": [{"namespace": "CIS", "name": "TrailChanges"}]}],
		}],
		"metric_alarms": alarms,
	},
	"messaging": {"sns_topics": topics},
	"facts": {"monitoring": {
		"patterns": {
			"cloudtrail-changes": {"cis": "4.5", "title": "CloudTrail configuration changes", "events": ["CreateTrail"]},
			"unauthorized-api-calls": {"cis": "4.1", "title": "unauthorized API calls", "events": ["AccessDenied on GetBucketPolicy"]},
			"root-account-usage": {"cis": "4.3", "title": "root user activity", "events": ["an API call by root"]},
		},
		"filters": {group: {"trail-changes": facts}},
	}},
}

complete := doc([trail], [alarm], [topic], filter_facts)

message(inp, slug) := m if {
	some r in monitoring.failures(slug) with input as inp
	m := r.message
}

test_pass_complete_chain if {
	inp := complete
	monitoring.monitored(inp.accounts[0], "cloudtrail-changes") with input as inp
	count(monitoring.failures("cloudtrail-changes")) == 0 with input as inp
}

test_fail_trail_not_multi_region_or_not_logging_or_no_log_group if {
	every t in [
		object.union(trail, {"is_multi_region": false}),
		object.union(trail, {"is_logging": false}),
		object.union(trail, {"cloudwatch_logs_log_group_arn": null}),
		object.union(trail, {"event_selectors": [{"ReadWriteType": "WriteOnly", "IncludeManagementEvents": true}]}),
		object.union(trail, {"event_selectors": [{"ReadWriteType": "All", "IncludeManagementEvents": true, "ExcludeManagementEventSources": ["kms.amazonaws.com"]}]}),
	] {
		contains(message(doc([t], [alarm], [topic], filter_facts), "cloudtrail-changes"), "none of its 1 trails is multi-region, logging")
	}
}

test_pass_advanced_selectors_with_all_management_events if {
	t := object.union(trail, {"event_selectors": [{"FieldSelectors": [{"Field": "eventCategory", "Equals": ["Management"]}]}]})
	count(monitoring.failures("cloudtrail-changes")) == 0 with input as doc([t], [alarm], [topic], filter_facts)
}

test_fail_advanced_selectors_writes_only if {
	t := object.union(trail, {"event_selectors": [{"FieldSelectors": [{"Field": "eventCategory", "Equals": ["Management"]}, {"Field": "readOnly", "Equals": ["false"]}]}]})
	count(monitoring.failures("cloudtrail-changes")) == 1 with input as doc([t], [alarm], [topic], filter_facts)
}

test_fail_log_group_missing if {
	t := object.union(trail, {"cloudwatch_logs_log_group_arn": "arn:aws:logs:us-east-1:111122223333:log-group:gone:*"})
	m := message(doc([t], [alarm], [topic], filter_facts), "cloudtrail-changes")
	contains(m, "trail main delivers to log group arn:aws:logs:us-east-1:111122223333:log-group:gone, which was not found")
}

test_fail_partial_filter_names_what_it_misses if {
	m := message(complete, "unauthorized-api-calls")
	contains(m, "no metric filter on log group arn:aws:logs:us-east-1:111122223333:log-group:trail (trail main) catches them (filter trail-changes misses AccessDeniedException on Decrypt)")
}

test_fail_too_broad_and_unreadable_filters if {
	broad := doc([trail], [alarm], [topic], {"covers": [], "misses": {}, "too_broad": ["cloudtrail-changes"], "error": null})
	contains(message(broad, "cloudtrail-changes"), "filter trail-changes also counts unrelated events")
	broken := doc([trail], [alarm], [topic], {"covers": [], "misses": {}, "too_broad": [], "error": "expected a value"})
	contains(message(broken, "cloudtrail-changes"), "filter trail-changes could not be analysed: expected a value")
}

test_fail_unrelated_filter if {
	contains(message(complete, "root-account-usage"), "none of its metric filters matches any of them")
}

test_fail_no_alarm if {
	m := message(doc([trail], [], [topic], filter_facts), "cloudtrail-changes")
	contains(m, "metric filter trail-changes on log group trail catches them, but no alarm in us-east-1 watches its metric CIS/TrailChanges")
}

test_fail_alarm_in_another_region_does_not_count if {
	a := object.union(alarm, {"region": "eu-west-1"})
	contains(message(doc([trail], [a], [topic], filter_facts), "cloudtrail-changes"), "no alarm in us-east-1")
}

test_fail_alarm_that_reaches_nobody if {
	off := object.union(alarm, {"actions_enabled": false})
	contains(message(doc([trail], [off], [topic], filter_facts), "cloudtrail-changes"), "alarm trail-changes has its actions disabled")
	none := object.union(alarm, {"alarm_actions": []})
	contains(message(doc([trail], [none], [topic], filter_facts), "cloudtrail-changes"), "alarm trail-changes has no alarm action")
	stop := object.union(alarm, {"alarm_actions": ["arn:aws:automate:us-east-1:ec2:stop"]})
	contains(message(doc([trail], [stop], [topic], filter_facts), "cloudtrail-changes"), "alarm trail-changes has no action that alerts anyone, only arn:aws:automate:us-east-1:ec2:stop")
	lonely := object.union(topic, {"subscriptions_confirmed": 0})
	contains(message(doc([trail], [alarm], [lonely], filter_facts), "cloudtrail-changes"), "notifies only SNS topics without a confirmed subscription")
}

test_pass_topic_outside_the_scan_counts_as_an_action if {
	count(monitoring.failures("cloudtrail-changes")) == 0 with input as doc([trail], [alarm], [], filter_facts)
}

test_pass_lambda_and_opsitem_actions_alert if {
	every action in ["arn:aws:lambda:us-east-1:111122223333:function:page", "arn:aws:ssm:us-east-1:111122223333:opsitem:3"] {
		a := object.union(alarm, {"alarm_actions": [action]})
		count(monitoring.failures("cloudtrail-changes")) == 0 with input as doc([trail], [a], [], filter_facts)
	}
}

test_pass_organization_trail_of_the_management_account if {
	member := {"id": "444455556666", "organization": {"id": "o-1", "management_account_id": "111122223333"}}
	org_trail := object.union(trail, {"is_organization_trail": true})
	inp := object.union(doc([org_trail], [alarm], [topic], filter_facts), {"accounts": [the_account, member]})
	monitoring.monitored(member, "cloudtrail-changes") with input as inp
	not_org := object.union(doc([trail], [alarm], [topic], filter_facts), {"accounts": [the_account, member]})
	not monitoring.monitored(member, "cloudtrail-changes") with input as not_org
}

test_fail_one_result_per_monitoring_trail if {
	second := object.union(trail, {"arn": "arn:aws:cloudtrail:us-east-1:111122223333:trail/second", "name": "second", "cloudwatch_logs_log_group_arn": "arn:aws:logs:us-east-1:111122223333:log-group:other:*"})
	count(monitoring.failures("root-account-usage")) == 2 with input as doc([trail, second], [alarm], [topic], filter_facts)
	count(monitoring.failures("cloudtrail-changes")) == 0 with input as doc([trail, second], [alarm], [topic], filter_facts)
}
