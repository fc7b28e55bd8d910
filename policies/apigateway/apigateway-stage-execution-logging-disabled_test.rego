package palisade.apigateway.stage_execution_logging_disabled_test

import data.palisade.apigateway.stage_execution_logging_disabled as policy
import rego.v1

arn := "arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5/stages/prod"

good := {
	"arn": arn, "account_id": "111122223333", "region": "us-east-1", "api_id": "a1b2c3d4e5",
	"api_name": "payments", "stage_name": "prod", "endpoint_types": ["REGIONAL"],
	"method_settings": [
		{"path": "*/*", "logging_level": "ERROR", "data_trace_enabled": false, "caching_enabled": true, "cache_data_encrypted": true},
		{"path": "~1health/GET", "logging_level": "INFO", "data_trace_enabled": false, "caching_enabled": false, "cache_data_encrypted": false},
	],
	"access_log_destination": "arn:aws:logs:us-east-1:111122223333:log-group:api-access",
	"web_acl_arn": "arn:aws:wafv2:us-east-1:111122223333:regional/webacl/api/1",
	"client_certificate_id": null, "tracing_enabled": true, "cache_cluster_enabled": true,
}

stage(patch) := {"edge": {"api_gateway_stages": [object.union(good, patch)]}}

label := "stage prod of REST API payments (a1b2c3d4e5, us-east-1, account 111122223333)"

test_fail_no_settings if {
	inp := stage({"method_settings": []})
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.message == sprintf("API Gateway %s does not log execution to CloudWatch Logs: no stage-wide logging level is set", [label])
}

test_fail_off if {
	inp := stage({"method_settings": [object.union(good.method_settings[0], {"logging_level": "OFF"})]})
	some r in policy.deny with input as inp
	endswith(r.message, ": the stage-wide logging level is OFF")
}

test_fail_method_override_off if {
	inp := stage({"method_settings": [good.method_settings[0], object.union(good.method_settings[1], {"logging_level": "OFF"})]})
	some r in policy.deny with input as inp
	endswith(r.message, ": methods turn it off: ~1health/GET")
}

test_pass_logging if {
	inp := stage({})
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}
