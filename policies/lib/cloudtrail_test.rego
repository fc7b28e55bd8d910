package palisade.lib.cloudtrail_test

import data.palisade.lib.cloudtrail
import rego.v1

classic(rw, values) := {"event_selectors": [{"ReadWriteType": rw, "IncludeManagementEvents": true, "DataResources": [{"Type": "AWS::S3::Object", "Values": values}]}]}

advanced(fields) := {"event_selectors": [{"Name": "s3", "FieldSelectors": fields}]}

data_category := {"Field": "eventCategory", "Equals": ["Data"]}

s3_objects := {"Field": "resources.type", "Equals": ["AWS::S3::Object"]}

test_classic_all_buckets_all_kinds if {
	t := classic("All", ["arn:aws:s3"])
	cloudtrail.records_s3_objects(t, "write")
	cloudtrail.records_s3_objects(t, "read")
}

test_classic_all_buckets_with_colons_and_gov_partition if {
	cloudtrail.records_s3_objects(classic("WriteOnly", ["arn:aws:s3:::"]), "write")
	cloudtrail.records_s3_objects(classic("ReadOnly", ["arn:aws-us-gov:s3"]), "read")
}

test_classic_write_only_is_not_reads if {
	not cloudtrail.records_s3_objects(classic("WriteOnly", ["arn:aws:s3"]), "read")
	not cloudtrail.records_s3_objects(classic("ReadOnly", ["arn:aws:s3"]), "write")
}

test_classic_one_bucket_is_not_every_bucket if {
	t := classic("All", ["arn:aws:s3:::claims/"])
	not cloudtrail.records_s3_objects(t, "write")
	cloudtrail.records_some_s3_objects(t)
}

test_advanced_all_objects_both_kinds if {
	t := advanced([data_category, s3_objects])
	cloudtrail.records_s3_objects(t, "write")
	cloudtrail.records_s3_objects(t, "read")
}

test_advanced_read_only_false_is_writes_only if {
	t := advanced([data_category, s3_objects, {"Field": "readOnly", "Equals": ["false"]}])
	cloudtrail.records_s3_objects(t, "write")
	not cloudtrail.records_s3_objects(t, "read")
}

test_advanced_narrowed_by_bucket_or_event_name if {
	by_bucket := advanced([data_category, s3_objects, {"Field": "resources.ARN", "StartsWith": ["arn:aws:s3:::claims/"]}])
	not cloudtrail.records_s3_objects(by_bucket, "write")
	cloudtrail.records_some_s3_objects(by_bucket)
	by_event := advanced([data_category, s3_objects, {"Field": "eventName", "Equals": ["PutObject"]}])
	not cloudtrail.records_s3_objects(by_event, "write")
}

test_advanced_other_resource_type if {
	t := advanced([data_category, {"Field": "resources.type", "Equals": ["AWS::Lambda::Function"]}])
	not cloudtrail.records_s3_objects(t, "write")
	not cloudtrail.records_some_s3_objects(t)
}

test_management_events_only if {
	t := {"event_selectors": [{"ReadWriteType": "All", "IncludeManagementEvents": true, "DataResources": []}]}
	not cloudtrail.records_s3_objects(t, "write")
	not cloudtrail.records_some_s3_objects(t)
}

test_organization_trail_of_the_management_account_covers_members if {
	org := {"arn": "arn:aws:cloudtrail:us-east-1:111111111111:trail/org", "account_id": "111111111111", "is_organization_trail": true}
	own := {"arn": "arn:aws:cloudtrail:us-east-1:222222222222:trail/own", "account_id": "222222222222", "is_organization_trail": false}
	other := {"arn": "arn:aws:cloudtrail:us-east-1:333333333333:trail/x", "account_id": "333333333333", "is_organization_trail": true}
	member := {"id": "222222222222", "organization": {"management_account_id": "111111111111"}}
	trails := [org, own, other]
	{t.arn | some t in cloudtrail.trails_of(member)} == {org.arn, own.arn} with input.logging.trails as trails
}

# Event selectors are AWS's JSON of any shape: nulls and wrong types record nothing and never
# break the policies that read them.
test_selectors_with_nulls_and_wrong_types_record_nothing if {
	odd := [
		{"event_selectors": null},
		{"event_selectors": [null, "x", {"DataResources": null, "FieldSelectors": null}]},
		{"event_selectors": [{"ReadWriteType": "All", "DataResources": [{"Type": "AWS::S3::Object", "Values": [null, 7]}]}]},
		advanced([{"Field": "eventCategory", "Equals": null}, s3_objects]),
	]
	every t in odd {
		not cloudtrail.records_s3_objects(t, "write")
	}
	not cloudtrail.records_some_s3_objects(odd[0])
	not cloudtrail.records_some_s3_objects(odd[1])
	# One string where a list belongs still counts as that one value.
	cloudtrail.records_s3_objects(classic("All", "arn:aws:s3"), "read")
}
