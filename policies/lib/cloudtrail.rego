# Helpers for policies about what CloudTrail records for an account: which trails cover it,
# and whether a trail's event selectors record S3 object-level (data) events.
package palisade.lib.cloudtrail

import data.palisade.lib.index
import data.palisade.lib.util
import rego.v1

# The trails whose events include this account's: its own, and organization trails of the
# organization's management account.
trails_of(acct) := {t |
	some owner in {acct.id, object.get(acct, ["organization", "management_account_id"], null)}
	some t in trails_owned_by(owner)
	covers_account(t, acct)
}

# trails_owned_by(id): the trails of account `id` (a lookup in `input.index`).
trails_owned_by(id) := index.lookup("trails_by_account", [id])

covers_account(t, acct) if t.account_id == acct.id

covers_account(t, acct) if {
	t.is_organization_trail == true
	t.account_id == object.get(acct, ["organization", "management_account_id"], null)
}

# items(x, key): the list under `key` of the JSON object `x`; [] when `x` is not an object or
# the value is null. Event selectors are AWS's JSON as returned, of any shape.
items(x, key) := util.as_array(object.get(x, key, [])) if is_object(x)

items(x, _) := [] if not is_object(x)

# A multi-region trail that is logging.
recording_everywhere(t) if {
	t.is_multi_region == true
	t.is_logging == true
}

# ---------------------------------------------------------------------------------------------
# S3 object-level events. kind is "write" or "read".
# ---------------------------------------------------------------------------------------------

# records_s3_objects(t, kind): an event selector of the trail records S3 object events of that
# kind for every bucket.
records_s3_objects(t, kind) if {
	some s in items(t, "event_selectors")
	classic_all_buckets(s)
	object.get(s, "ReadWriteType", "All") in classic_types[kind]
}

records_s3_objects(t, kind) if {
	some s in items(t, "event_selectors")
	fields := items(s, "FieldSelectors")
	advanced_all_buckets(fields)
	advanced_kind(fields, kind)
}

classic_types := {"write": {"All", "WriteOnly"}, "read": {"All", "ReadOnly"}}

# A classic data resource for every bucket: `arn:aws:s3` or `arn:aws:s3:::` (any partition).
classic_all_buckets(s) if {
	some r in items(s, "DataResources")
	r.Type == "AWS::S3::Object"
	some v in items(r, "Values")
	is_string(v)
	regex.match(`^arn:[a-z-]+:s3(:::)?$`, v)
}

# An advanced selector for S3 object data events that narrows nothing but read/write.
advanced_all_buckets(fields) if {
	some c in fields
	c.Field == "eventCategory"
	"Data" in items(c, "Equals")
	some r in fields
	r.Field == "resources.type"
	"AWS::S3::Object" in items(r, "Equals")
	every f in fields {
		f.Field in {"eventCategory", "resources.type", "readOnly"}
	}
}

# readOnly = true keeps only reads, false only writes; absent keeps both.
advanced_kind(fields, _) if {
	every f in fields {
		f.Field != "readOnly"
	}
}

advanced_kind(fields, kind) if {
	some f in fields
	f.Field == "readOnly"
	read_only_value[kind] in items(f, "Equals")
}

read_only_value := {"write": "false", "read": "true"}

# records_some_s3_objects(t): the trail records S3 object events, but not for every bucket or
# not of every kind (so a finding can say "only selected buckets").
records_some_s3_objects(t) if {
	some s in items(t, "event_selectors")
	some r in items(s, "DataResources")
	r.Type == "AWS::S3::Object"
}

records_some_s3_objects(t) if {
	some s in items(t, "event_selectors")
	some f in items(s, "FieldSelectors")
	f.Field == "resources.type"
	"AWS::S3::Object" in items(f, "Equals")
}

# The account's results for one kind: pass when a multi-region trail that is logging records
# S3 object events of the kind for every bucket.
s3_object_failures(kind) := {r |
	some acct in input.accounts
	trails := trails_of(acct)
	not s3_objects_recorded(trails, kind)
	r := {
		"arn": sprintf("arn:aws:iam::%s:root", [acct.id]),
		"message": sprintf("Account %s has no multi-region CloudTrail trail that is logging S3 object-level %s events (data events) for every bucket%s", [acct.id, kind, partial_note(trails)]),
		"evidence": {"account_id": acct.id, "kind": kind, "trails": sort([t.arn | some t in trails])},
	}
}

s3_objects_recorded(trails, kind) if {
	some t in trails
	recording_everywhere(t)
	records_s3_objects(t, kind)
}

partial_note(trails) := sprintf("; %s record S3 object events only for some buckets, some kinds or in one region, or are not logging", [concat(", ", names)]) if {
	names := sort([sprintf("trail %s", [t.name]) | some t in trails; records_some_s3_objects(t)])
	count(names) > 0
} else := ""
