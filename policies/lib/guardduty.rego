# GuardDuty protection plans, for the policies that ask whether a plan covers the resources
# of a region (`guardduty-*-disabled` besides the detector itself).
package palisade.lib.guardduty

import data.palisade.lib.util
import rego.v1

# enabled(d): the detector is on. A disabled or missing detector is judged by
# `guardduty-detector-disabled`; its protection plans would protect nothing either way.
enabled(d) if {
	is_string(d.status)
	upper(d.status) == "ENABLED"
}

# plan_status(d, feature): the status GetDetector lists for protection plan `feature`
# (`EBS_MALWARE_PROTECTION`), "not listed" when it lists none: a plan not listed is not on.
plan_status(d, feature) := d.features[feature].status if is_string(d.features[feature].status)

plan_status(d, feature) := "not listed" if not is_string(d.features[feature].status)

# off(d, feature): detector `d` is on, but its protection plan `feature` is not.
off(d, feature) if {
	enabled(d)
	plan_status(d, feature) != "ENABLED"
}

# places_off(feature): the [account, region] pairs where some detector has plan `feature` off.
# A policy lists the resources of each such place once (see `summary`), however many
# detectors the place has: listing them per detector grew with detectors times resources.
places_off(feature) := {[d.account_id, d.region] |
	some d in input.logging.guardduty_detectors
	off(d, feature)
}

# summary(names): what a deny message says of the resources a plan leaves unprotected.
summary(names) := {"count": count(names), "text": util.names_text(names, 5)}

# unprotected(d, feature, plan, what, s): the deny result for detector `d` when it is on but
# its protection plan `feature` (named `plan` in messages) is not, while its region holds the
# resources `s` summarises (`summary`; described as `what`, "EC2 instances") for the plan to
# protect. Undefined when the plan is on or there is nothing to protect: such a region passes.
unprotected(d, feature, plan, what, s) := {
	"arn": d.arn,
	"message": sprintf("GuardDuty %s is %s for detector %s in %s (account %s), where the account has %s: %d (%s)", [plan, described(status), d.id, d.region, d.account_id, what, s.count, s.text]),
	"evidence": {"detector": d.id, "feature": feature, "status": status, "resources": s.count},
} if {
	off(d, feature)
	s.count > 0
	status := plan_status(d, feature)
}

described("not listed") := "not enabled (GetDetector does not list it)"

described(status) := lower(status) if status != "not listed"
