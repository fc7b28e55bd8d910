package palisade.lib.apigateway_test

import data.palisade.lib.apigateway
import rego.v1

test_label if {
	apigateway.label({"stage_name": "prod", "api_name": "pay", "api_id": "a1", "region": "us-east-1", "account_id": "1"}) == "stage prod of REST API pay (a1, us-east-1, account 1)"
}

test_defaults_and_private if {
	st := {"method_settings": [{"path": "*/*", "logging_level": "INFO"}], "endpoint_types": ["PRIVATE"]}
	apigateway.defaults(st).logging_level == "INFO"
	apigateway.private(st)
	not apigateway.private({"endpoint_types": ["REGIONAL"]})
	not apigateway.private({"endpoint_types": []})
	apigateway.settings({}) == []
}
