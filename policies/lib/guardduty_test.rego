package palisade.lib.guardduty_test

import data.palisade.lib.guardduty
import rego.v1

detector(status, features) := {"arn": "a", "id": "d1", "account_id": "1", "region": "r", "status": status, "features": features}

test_plan_status if {
	guardduty.plan_status(detector("ENABLED", {"S3_DATA_EVENTS": {"status": "DISABLED"}}), "S3_DATA_EVENTS") == "DISABLED"
	guardduty.plan_status(detector("ENABLED", {}), "S3_DATA_EVENTS") == "not listed"
	guardduty.plan_status(detector("ENABLED", null), "S3_DATA_EVENTS") == "not listed"
}

test_summary if {
	guardduty.summary(["c", "a", "b"]) == {"count": 3, "text": "a, b, c"}
	guardduty.summary([]) == {"count": 0, "text": ""}
}

test_places_off_lists_each_place_once if {
	off := {"S3_DATA_EVENTS": {"status": "DISABLED"}}
	on := {"S3_DATA_EVENTS": {"status": "ENABLED"}}
	detectors := [
		detector("ENABLED", off),
		object.union(detector("ENABLED", off), {"id": "d2"}),
		object.union(detector("ENABLED", on), {"region": "r2"}),
		object.union(detector("DISABLED", off), {"region": "r3"}),
	]
	guardduty.places_off("S3_DATA_EVENTS") == {["1", "r"]} with input as {"logging": {"guardduty_detectors": detectors}}
}

test_unprotected_only_when_on_with_resources if {
	r := guardduty.unprotected(detector("ENABLED", {}), "S3_DATA_EVENTS", "S3 Protection", "S3 buckets", guardduty.summary(["b"]))
	r.message == "GuardDuty S3 Protection is not enabled (GetDetector does not list it) for detector d1 in r (account 1), where the account has S3 buckets: 1 (b)"
	not guardduty.unprotected(detector("DISABLED", {}), "S3_DATA_EVENTS", "S3 Protection", "S3 buckets", guardduty.summary(["b"]))
	not guardduty.unprotected(detector("ENABLED", {}), "S3_DATA_EVENTS", "S3 Protection", "S3 buckets", guardduty.summary([]))
	on := {"S3_DATA_EVENTS": {"status": "ENABLED"}}
	not guardduty.unprotected(detector("ENABLED", on), "S3_DATA_EVENTS", "S3 Protection", "S3 buckets", guardduty.summary(["b"]))
}
