# METADATA
# title: API Gateway REST API stage does not write access logs
# description: |
#   The stage has no access log destination: who called which resource, from which address,
#   with which identity and result, is recorded nowhere (execution logs describe processing,
#   not callers). Access logs are what an investigation of API abuse starts from.
# custom:
#   id: apigateway-stage-access-logging-disabled
#   severity: medium
#   resource_type: AWS::ApiGateway::Stage
#   scope: edge.api_gateway_stages
#   needs: [apigateway:GetStages]
#   remediation: |
#     Send access logs to a CloudWatch Logs group or Firehose stream: `aws apigateway
#     update-stage --rest-api-id API --stage-name STAGE --patch-operations
#     op=replace,path=/accessLogSettings/destinationArn,value=LOG_GROUP_ARN
#     op=replace,path=/accessLogSettings/format,value=FORMAT`. Terraform: `access_log_settings`
#     on the `aws_api_gateway_stage`.
#   references:
#     - https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html
package palisade.apigateway.stage_access_logging_disabled

import data.palisade.lib.apigateway
import rego.v1

checked contains st.arn if some st in input.edge.api_gateway_stages

deny contains result if {
	some st in input.edge.api_gateway_stages
	not is_string(object.get(st, "access_log_destination", null))
	result := {
		"arn": st.arn,
		"message": sprintf("API Gateway %s writes no access logs (no access log destination)", [apigateway.label(st)]),
		"evidence": {"access_log_destination": null},
	}
}
