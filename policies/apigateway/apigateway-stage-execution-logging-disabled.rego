# METADATA
# title: API Gateway REST API stage does not log execution to CloudWatch
# description: |
#   The stage's methods do not all send execution logs (level `ERROR` or `INFO`) to CloudWatch
#   Logs: the stage-wide `*/*` setting is off or unset, or a method overrides it with `OFF`.
#   Failed authorizations, integration errors and throttling then leave no trace to
#   investigate. AWS Foundational Security Best Practices APIGateway.1.
# custom:
#   id: apigateway-stage-execution-logging-disabled
#   severity: medium
#   resource_type: AWS::ApiGateway::Stage
#   scope: edge.api_gateway_stages
#   needs: [apigateway:GetStages]
#   remediation: |
#     Set the account's CloudWatch Logs role for API Gateway once per region, then turn on
#     logging for every method: `aws apigateway update-stage --rest-api-id API --stage-name
#     STAGE --patch-operations op=replace,path=/*/*/logging/loglevel,value=ERROR`. Terraform:
#     `aws_api_gateway_method_settings` with `method_path = "*/*"` and `logging_level`.
#   references:
#     - https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html
package palisade.apigateway.stage_execution_logging_disabled

import data.palisade.lib.apigateway
import rego.v1

logs(level) if level in {"ERROR", "INFO"}

checked contains st.arn if some st in input.edge.api_gateway_stages

# Why the stage's methods do not all log.
why(st) := "no stage-wide logging level is set" if not apigateway.defaults(st)

why(st) := sprintf("the stage-wide logging level is %v", [level]) if {
	level := object.get(apigateway.defaults(st), "logging_level", null)
	not logs(level)
}

why(st) := sprintf("methods turn it off: %s", [concat(", ", off)]) if {
	logs(object.get(apigateway.defaults(st), "logging_level", null))
	off := [m.path | some m in apigateway.settings(st); m.path != "*/*"; m.logging_level == "OFF"]
	count(off) > 0
}

deny contains result if {
	some st in input.edge.api_gateway_stages
	reason := why(st)
	result := {
		"arn": st.arn,
		"message": sprintf("API Gateway %s does not log execution to CloudWatch Logs: %s", [apigateway.label(st), reason]),
		"evidence": {"method_settings": apigateway.settings(st)},
	}
}
