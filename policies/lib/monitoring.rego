# Helpers for the CIS monitoring policies (policies/cloudwatch/*-not-monitored): an account's
# events of one CIS pattern are monitored when a multi-region trail that is logging all
# management events delivers to a CloudWatch Logs log group, a metric filter on that group
# catches every event of the pattern (input.facts.monitoring, decided by evaluating the filter
# against the events, not by reading its text), and an alarm on the filter's metric has an
# enabled action that reaches someone.
package palisade.lib.monitoring

import data.palisade.lib.cloudtrail
import data.palisade.lib.index
import data.palisade.lib.util
import rego.v1

# ---------------------------------------------------------------------------------------------
# Trails that can feed monitoring
# ---------------------------------------------------------------------------------------------

# records_management(t): an event selector records every management event, read and write,
# from every event source.
records_management(t) if {
	some s in object.get(t, "event_selectors", [])
	object.get(s, "IncludeManagementEvents", false) == true
	object.get(s, "ReadWriteType", "") == "All"
	count(object.get(s, "ExcludeManagementEventSources", [])) == 0
}

records_management(t) if {
	some s in object.get(t, "event_selectors", [])
	fields := object.get(s, "FieldSelectors", [])
	some f in fields
	f.Field == "eventCategory"
	"Management" in object.get(f, "Equals", [])
	not narrowed(fields)
}

# An advanced selector that keeps only reads or writes, or only some event sources.
narrowed(fields) if {
	some f in fields
	f.Field in {"readOnly", "eventSource"}
}

feeds_monitoring(t) if {
	t.is_multi_region == true
	t.is_logging == true
	records_management(t)
	is_string(t.cloudwatch_logs_log_group_arn)
	t.cloudwatch_logs_log_group_arn != ""
}

trails_of(acct) := cloudtrail.trails_of(acct)

monitoring_trails(acct) := {t | some t in trails_of(acct); feeds_monitoring(t)}

log_group_arn(t) := trim_suffix(t.cloudwatch_logs_log_group_arn, ":*")

log_groups(t) := log_groups_with_arn(log_group_arn(t))

# By lookups in `input.index`: scanning a collection for each account made these policies
# quadratic in the accounts.
log_groups_with_arn(arn) := index.lookup("log_groups_by_arn", [arn])

alarms_in(account_id, region) := index.lookup("metric_alarms_by_place", [account_id, region])

topics_with_arn(arn) := index.lookup("sns_topics_by_arn", [arn])

# ---------------------------------------------------------------------------------------------
# Filters and alarms
# ---------------------------------------------------------------------------------------------

filter_facts(g, f) := object.get(input.facts.monitoring, ["filters", g.arn, f.name], {})

covering_filters(g, slug) := [f |
	some f in g.metric_filters
	slug in object.get(filter_facts(g, f), "covers", [])
]

# Alarms in the log group's account and region watching one of the filter's metrics.
alarms_on(g, f) := [a |
	some a in alarms_in(g.account_id, g.region)
	some m in f.metrics
	m in a.metrics
]

# unsubscribed_topic(arn): an SNS topic the scan saw with no confirmed subscription.
unsubscribed_topic(arn) if {
	some t in topics_with_arn(arn)
	t.subscriptions_confirmed == 0
}

# alerting(arn): an action that tells people: an SNS topic, a Lambda function, a Systems
# Manager OpsItem or an Incident Manager response plan (EC2 and Auto Scaling actions do not).
alerting(arn) if {
	parts := split(arn, ":")
	count(parts) > 2
	parts[2] in {"sns", "lambda", "ssm", "ssm-incidents"}
}

reaches_someone(a) if {
	some action in a.alarm_actions
	alerting(action)
	not unsubscribed_topic(action)
}

notifies(a) if {
	a.actions_enabled == true
	reaches_someone(a)
}

monitored_by(t, slug) if {
	some g in log_groups(t)
	some f in covering_filters(g, slug)
	some a in alarms_on(g, f)
	notifies(a)
}

monitored(acct, slug) if {
	some t in monitoring_trails(acct)
	monitored_by(t, slug)
}

# ---------------------------------------------------------------------------------------------
# Why not: the first link missing on one trail
# ---------------------------------------------------------------------------------------------

pattern(slug) := input.facts.monitoring.patterns[slug]

why_not(t, slug) := sprintf("trail %s delivers to log group %s, which was not found in the account", [t.name, log_group_arn(t)]) if {
	count(log_groups(t)) == 0
} else := sprintf("no metric filter on log group %s (trail %s) catches them%s", [log_group_arn(t), t.name, filter_notes(t, slug)]) if {
	every g in log_groups(t) {
		count(covering_filters(g, slug)) == 0
	}
} else := concat("; ", sort(alarm_notes(t, slug)))

# What each filter of the trail's group does with the pattern's events.
filter_notes(t, slug) := ": it has no metric filters" if {
	every g in log_groups(t) {
		count(g.metric_filters) == 0
	}
} else := notes if {
	parts := [note |
		some g in log_groups(t)
		some f in g.metric_filters
		note := filter_note(filter_facts(g, f), f, slug)
		note != ""
	]
	count(parts) > 0
	notes := sprintf(" (%s)", [concat("; ", sort(parts))])
} else := ": none of its metric filters matches any of them"

filter_note(facts, f, slug) := sprintf("filter %s misses %s", [f.name, concat(", ", facts.misses[slug])]) if {
	facts.misses[slug]
} else := sprintf("filter %s also counts unrelated events, so an alarm on it would not single these out", [f.name]) if {
	slug in object.get(facts, "too_broad", [])
} else := sprintf("filter %s could not be analysed: %s", [f.name, facts.error]) if {
	is_string(facts.error)
} else := ""

# ("" rather than leaving filter_note undefined: regorus 0.14's compiled engine turns a function
# whose every else branch fails into an #undefined value instead of no value.)

alarm_notes(t, slug) := {note |
	some g in log_groups(t)
	some f in covering_filters(g, slug)
	note := alarm_note(g, f)
}

alarm_note(g, f) := sprintf("metric filter %s on log group %s catches them, but no alarm in %s watches its metric %s", [f.name, g.name, g.region, metric_names(f)]) if {
	count(alarms_on(g, f)) == 0
} else := sprintf("metric filter %s on log group %s catches them, but %s", [f.name, g.name, concat("; ", sort([w |
	some a in alarms_on(g, f)
	w := silent_why(a)
]))])

metric_names(f) := concat(", ", sort([sprintf("%s/%s", [m.namespace, m.name]) | some m in f.metrics]))

silent_why(a) := sprintf("alarm %s has its actions disabled", [a.name]) if {
	not a.actions_enabled == true
} else := sprintf("alarm %s has no alarm action", [a.name]) if {
	count(a.alarm_actions) == 0
} else := sprintf("alarm %s has no action that alerts anyone, only %s", [a.name, concat(", ", a.alarm_actions)]) if {
	every action in a.alarm_actions {
		not alerting(action)
	}
} else := sprintf("alarm %s notifies only SNS topics without a confirmed subscription (%s)", [a.name, concat(", ", a.alarm_actions)])

# ---------------------------------------------------------------------------------------------
# The policies' results
# ---------------------------------------------------------------------------------------------

failures(slug) := {r |
	some acct in input.accounts
	not monitored(acct, slug)
	some r in account_failures(acct, slug)
}

account_failures(acct, slug) := {r |
	count(monitoring_trails(acct)) == 0
	r := {
		"arn": util.account_arn(acct.id),
		"message": sprintf("Account %s has no alarm on %s (CIS %s): none of its %d trails is multi-region, logging, recording all management events and delivering to CloudWatch Logs", [acct.id, pattern(slug).title, pattern(slug).cis, count(trails_of(acct))]),
		"evidence": {"account_id": acct.id, "cis": pattern(slug).cis, "trails": sort([t.arn | some t in trails_of(acct)])},
	}
} | {r |
	some t in monitoring_trails(acct)
	r := {
		"arn": util.account_arn(acct.id),
		"message": sprintf("Account %s has no alarm on %s (CIS %s): %s", [acct.id, pattern(slug).title, pattern(slug).cis, why_not(t, slug)]),
		"evidence": {"account_id": acct.id, "cis": pattern(slug).cis, "trail": t.arn, "log_group": log_group_arn(t), "events": pattern(slug).events},
	}
}

checked contains util.account_arn(acct.id) if some acct in input.accounts
