# Lookups in `input.index`: collections grouped by the fields policies join them on, built once
# per scan (src/engine/index.rs, whose list `indexes` below repeats). A policy that, for every
# account, scans a whole collection for that account's elements is quadratic in the accounts;
# `lookup` is one map access. An input without the index (a policy test's `with input as`) is
# scanned instead, with the same result; the differential tests compare the two ways on every
# built-in policy.
package palisade.lib.index

import rego.v1

# name: [collection path, key fields]. Keep in step with INDEXES in src/engine/index.rs.
indexes := {
	"credential_reports_by_account": [["iam", "credential_reports"], ["account_id"]],
	"ecr_repositories_by_place": [["compute", "ecr_repositories"], ["account_id", "region"]],
	"eks_clusters_by_place": [["compute", "eks_clusters"], ["account_id", "region"]],
	"instances_by_place": [["network", "instances"], ["account_id", "region"]],
	"lambda_functions_by_place": [["compute", "lambda_functions"], ["account_id", "region"]],
	"log_groups_by_arn": [["logging", "log_groups"], ["arn"]],
	"metric_alarms_by_place": [["logging", "metric_alarms"], ["account_id", "region"]],
	"s3_buckets_by_place": [["storage", "s3_buckets"], ["account_id", "region"]],
	"sns_topics_by_arn": [["messaging", "sns_topics"], ["arn"]],
	"trails_by_account": [["logging", "trails"], ["account_id"]],
	"trails_by_s3_bucket": [["logging", "trails"], ["s3_bucket"]],
}

# lookup(name, values): the elements of the collection of index `name` whose key fields equal
# `values` (one string per field, in order), in collection order; [] when none. An element
# whose key field is not a string is in no index.
lookup(name, values) := object.get(input.index[name], values, []) if is_object(input.index)

lookup(name, values) := [x |
	[path, fields] := indexes[name]
	some x in object.get(input, path, [])
	[x[f] | some f in fields; is_string(x[f])] == values
] if not is_object(input.index)
