# METADATA
# title: API Gateway REST API stage caches responses unencrypted
# description: |
#   Caching is on for some of the stage's methods without cache encryption: responses (which
#   may hold personal or cardholder data) sit in the stage's cache cluster unencrypted at rest.
#   Stages that cache nothing are not reported. AWS Foundational Security Best Practices
#   APIGateway.5.
# custom:
#   id: apigateway-stage-cache-not-encrypted
#   severity: medium
#   resource_type: AWS::ApiGateway::Stage
#   scope: edge.api_gateway_stages
#   needs: [apigateway:GetStages]
#   remediation: |
#     Turn on cache encryption for the cached methods: `aws apigateway update-stage
#     --rest-api-id API --stage-name STAGE --patch-operations
#     op=replace,path=/*/*/caching/dataEncrypted,value=true`. Terraform: `cache_data_encrypted
#     = true` in the `aws_api_gateway_method_settings`.
#   references:
#     - https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html
package palisade.apigateway.stage_cache_not_encrypted

import data.palisade.lib.apigateway
import rego.v1

checked contains st.arn if some st in input.edge.api_gateway_stages

deny contains result if {
	some st in input.edge.api_gateway_stages
	paths := [m.path | some m in apigateway.settings(st); m.caching_enabled == true; not m.cache_data_encrypted == true]
	count(paths) > 0
	result := {
		"arn": st.arn,
		"message": sprintf("API Gateway %s caches responses unencrypted for: %s", [apigateway.label(st), concat(", ", paths)]),
		"evidence": {"unencrypted_cached_paths": paths},
	}
}
