package palisade.cloudwatch.security_group_changes_not_monitored_test

import data.palisade.cloudwatch.security_group_changes_not_monitored as policy
import rego.v1

group := "arn:aws:logs:us-east-1:111122223333:log-group:trail"

# One account whose trail, metric filter and alarm are complete for the slug `covered`.
monitored_for(covered) := {
	"accounts": [{"id": "111122223333"}],
	"logging": {
		"trails": [{
			"arn": "arn:aws:cloudtrail:us-east-1:111122223333:trail/main", "account_id": "111122223333",
			"region": "us-east-1", "name": "main", "is_multi_region": true, "is_logging": true,
			"cloudwatch_logs_log_group_arn": concat("", [group, ":*"]),
			"event_selectors": [{"ReadWriteType": "All", "IncludeManagementEvents": true}],
		}],
		"log_groups": [{
			"arn": group, "account_id": "111122223333", "region": "us-east-1", "name": "trail",
			"metric_filters": [{"name": "cis", "pattern": "(judged in facts)", "metrics": [{"namespace": "CIS", "name": "SecurityGroupChanges"}]}],
		}],
		"metric_alarms": [{
			"arn": "arn:aws:cloudwatch:us-east-1:111122223333:alarm:cis", "account_id": "111122223333",
			"region": "us-east-1", "name": "cis", "metrics": [{"namespace": "CIS", "name": "SecurityGroupChanges"}],
			"actions_enabled": true, "alarm_actions": ["arn:aws:sns:us-east-1:111122223333:security"],
		}],
	},
	"messaging": {"sns_topics": []},
	"facts": {"monitoring": {
		"patterns": {"security-group-changes": {"cis": "4.10", "title": "security group changes", "events": ["an event"]}},
		"filters": {group: {"cis": {"covers": [covered], "misses": {}, "too_broad": [], "error": null}}},
	}},
}

test_pass_filter_and_alarm if {
	inp := monitored_for("security-group-changes")
	count(policy.deny) == 0 with input as inp
	policy.checked == {"arn:aws:iam::111122223333:root"} with input as inp
}

test_fail_filter_for_another_pattern if {
	inp := monitored_for("some-other-pattern")
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:iam::111122223333:root"
	contains(r.message, "Account 111122223333 has no alarm on security group changes (CIS 4.10): no metric filter on log group")
}

test_fail_no_trail if {
	inp := object.union(monitored_for("security-group-changes"), {"logging": {"trails": []}})
	some r in policy.deny with input as inp
	contains(r.message, "none of its 0 trails")
}
