# Amazon Inspector's scanning status by resource type, for the policies that ask whether the
# resources of one type in a region are scanned (`inspector2-*-scanning-disabled`).
package palisade.lib.inspector

import data.palisade.lib.util
import rego.v1

# status(i, kind): how Inspector scans resource type `kind` (`ec2`, `ecr`, `lambda`) in the
# status row `i` of `input.logging.inspector2`. An account whose own status is not ENABLED
# scans nothing, whatever its types say; a type the row does not list is not scanned.
status(i, _) := i.status if i.status != "ENABLED"

status(i, kind) := object.get(object.get(i, "resources", {}), kind, "DISABLED") if i.status == "ENABLED"

# unscanned(i, kind, label, names): the deny result for status row `i` when resource type
# `kind` is not scanned there although the account keeps resources of that type in the
# region (`names`, described as `label`, "EC2 instances"). Undefined when they are scanned
# or there are none: a region with nothing to scan passes.
unscanned(i, kind, label, names) := {
	"arn": i.arn,
	"message": sprintf("Amazon Inspector does not scan %s in %s (account %s): %s scanning is %s, and the region has %d (%s)", [label, i.region, i.account_id, upper(kind), status(i, kind), count(names), util.names_text(names, 5)]),
	"evidence": {"status": i.status, "resource_type": kind, "scanning": status(i, kind), "resources": count(names)},
} if {
	count(names) > 0
	status(i, kind) != "ENABLED"
}
