package palisade.cloudtrail.s3_object_reads_not_logged_test

import data.palisade.cloudtrail.s3_object_reads_not_logged as policy
import rego.v1

# Tests bind their inputs to locals: regorus does not see rules of this package inside `with`.

trail(overrides) := object.union(
	{
		"arn": "arn:aws:cloudtrail:us-east-1:111122223333:trail/main",
		"account_id": "111122223333",
		"region": "us-east-1",
		"name": "main",
		"is_multi_region": true,
		"is_organization_trail": false,
		"is_logging": true,
		"event_selectors": [{"ReadWriteType": "All", "IncludeManagementEvents": true, "DataResources": [{"Type": "AWS::S3::Object", "Values": ["arn:aws:s3"]}]}],
	},
	overrides,
)

inventory(trails) := {
	"accounts": [{"id": "111122223333", "partition": "aws", "regions": ["us-east-1"]}],
	"logging": {"trails": trails},
}

test_pass_all_buckets_on_a_multi_region_trail if {
	inp := inventory([trail({})])
	count(policy.deny) == 0 with input as inp
	"arn:aws:iam::111122223333:root" in policy.checked with input as inp
}

test_fail_no_trail if {
	inp := inventory([])
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:iam::111122223333:root"
	r.message == "Account 111122223333 has no multi-region CloudTrail trail that is logging S3 object-level read events (data events) for every bucket"
}

test_fail_only_selected_buckets_names_the_trail if {
	inp := inventory([trail({"event_selectors": [{"Name": "phi", "FieldSelectors": [
		{"Field": "eventCategory", "Equals": ["Data"]},
		{"Field": "resources.type", "Equals": ["AWS::S3::Object"]},
		{"Field": "resources.ARN", "StartsWith": ["arn:aws:s3:::phi/"]},
	]}]})])
	some r in policy.deny with input as inp
	contains(r.message, "; trail main record S3 object events only for some buckets")
}

test_fail_single_region_trail if {
	inp := inventory([trail({"is_multi_region": false})])
	count(policy.deny) == 1 with input as inp
}

test_fail_trail_not_logging if {
	inp := inventory([trail({"is_logging": false})])
	count(policy.deny) == 1 with input as inp
}

test_fail_trail_records_only_writes if {
	inp := inventory([trail({"event_selectors": [{"ReadWriteType": "WriteOnly", "IncludeManagementEvents": true, "DataResources": [{"Type": "AWS::S3::Object", "Values": ["arn:aws:s3"]}]}]})])
	count(policy.deny) == 1 with input as inp
}
