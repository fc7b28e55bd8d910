package palisade.lib.index_test

import data.palisade.lib.index
import rego.v1

alarms := [
	{"name": "a", "account_id": "1", "region": "r1"},
	{"name": "b", "account_id": "2", "region": "r1"},
	{"name": "c", "account_id": "1", "region": "r1"},
	{"name": "d", "account_id": "1", "region": "r2"},
]

test_scans_without_an_index if {
	found := index.lookup("metric_alarms_by_place", ["1", "r1"]) with input as {"logging": {"metric_alarms": alarms}}
	[a.name | some a in found] == ["a", "c"]
}

test_uses_the_index_when_there_is_one if {
	# The index wins over the collection: it is what the scan built.
	found := index.lookup("metric_alarms_by_place", ["1", "r1"]) with input as {
		"logging": {"metric_alarms": alarms},
		"index": {"metric_alarms_by_place": {"1": {"r1": [{"name": "from the index"}]}}},
	}
	found == [{"name": "from the index"}]
}

test_nothing_found_is_empty if {
	scanned := index.lookup("sns_topics_by_arn", ["arn:x"]) with input as {}
	scanned == []
	looked_up := index.lookup("sns_topics_by_arn", ["arn:x"]) with input as {"index": {"sns_topics_by_arn": {}}}
	looked_up == []
}

test_a_key_that_is_not_a_string_matches_nothing if {
	found := index.lookup("trails_by_account", [null]) with input as {"logging": {"trails": [{"account_id": null}]}}
	found == []
}
