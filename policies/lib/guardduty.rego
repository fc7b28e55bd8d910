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

# unprotected(d, feature, plan, what, names): the deny result for detector `d` when it is on
# but its protection plan `feature` (named `plan` in messages) is not, while the region holds
# `names` (described as `what`, "EC2 instances") for the plan to protect. Undefined when the
# plan is on or there is nothing to protect: such a region passes.
unprotected(d, feature, plan, what, names) := {
	"arn": d.arn,
	"message": sprintf("GuardDuty %s is %s for detector %s in %s (account %s), where the account has %s: %d (%s)", [plan, described(status), d.id, d.region, d.account_id, what, count(names), util.names_text(names, 5)]),
	"evidence": {"detector": d.id, "feature": feature, "status": status, "resources": count(names)},
} if {
	enabled(d)
	count(names) > 0
	status := plan_status(d, feature)
	status != "ENABLED"
}

described("not listed") := "not enabled (GetDetector does not list it)"

described(status) := lower(status) if status != "not listed"
