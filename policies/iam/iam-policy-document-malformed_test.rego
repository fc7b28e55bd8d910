package palisade.iam.policy_document_malformed_test

import data.palisade.iam.policy_document_malformed as policy
import rego.v1

# Tests bind their inputs to locals: regorus does not see rules of this package inside `with`.

# managed(aws_managed, facts): policy "legacy" with the given document analysis (null: none).
managed(aws_managed, facts) := {
	"iam": {"policies": [{
		"arn": "arn:aws:iam::111122223333:policy/legacy",
		"account_id": "111122223333",
		"name": "legacy",
		"aws_managed": aws_managed,
		"default_version_id": "v4",
		"document": {"Version": "2012-10-17", "Statement": [{"Action": "s3:GetObject", "Resource": "*"}]},
		"attachment_count": 5,
	}]},
	"facts": {"iam": {"documents": {"arn:aws:iam::111122223333:policy/legacy": facts | facts != null}}},
}

parsed := {"error": null, "not_action_allows": [], "not_resource_allows": [], "write_on_all_resources": []}

test_fail_unparsable_document if {
	inp := managed(false, object.union(parsed, {"error": "statement #0: no Effect"}))
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:iam::111122223333:policy/legacy"
	r.message == `Customer-managed policy legacy (account 111122223333, attachment count 5) has a default version document that cannot be parsed: "statement #0: no Effect"`
	r.evidence.error == "statement #0: no Effect"
	r.evidence.default_version_id == "v4"
}

test_pass_parsed_document if {
	inp := managed(false, parsed)
	count(policy.deny) == 0 with input as inp
	"arn:aws:iam::111122223333:policy/legacy" in policy.checked with input as inp
}

test_pass_error_field_absent if {
	inp := managed(false, {"not_action_allows": []})
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 1 with input as inp
}

test_pass_aws_managed_policy_is_not_in_scope if {
	inp := managed(true, object.union(parsed, {"error": "unknown Version \"2020-01-01\""}))
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 0 with input as inp
}

test_pass_no_facts_is_not_checked if {
	inp := managed(false, null)
	count(policy.deny) == 0 with input as inp
	count(policy.checked) == 0 with input as inp
}
