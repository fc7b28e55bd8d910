# METADATA
# title: API Gateway REST API stage is not protected by AWS WAF
# description: |
#   No AWS WAF web ACL is associated with the stage of a public (edge-optimized or regional)
#   REST API: requests reach the integrations without the managed protections (SQL injection,
#   known bad inputs) or the rate limits a web ACL applies. Private APIs, reachable only
#   through VPC endpoints, are not judged. AWS Foundational Security Best Practices
#   APIGateway.4.
# custom:
#   id: apigateway-stage-waf-disabled
#   severity: medium
#   resource_type: AWS::ApiGateway::Stage
#   scope: edge.api_gateway_stages
#   needs: [apigateway:GetStages]
#   remediation: |
#     Create a `REGIONAL` web ACL with at least the AWS managed core rule set in the API's
#     region and associate it with the stage (`aws wafv2 associate-web-acl --web-acl-arn ACL
#     --resource-arn arn:aws:apigateway:REGION::/restapis/API/stages/STAGE`). Terraform:
#     `aws_wafv2_web_acl_association`.
#   references:
#     - https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-aws-waf.html
package palisade.apigateway.stage_waf_disabled

import data.palisade.lib.apigateway
import rego.v1

checked contains st.arn if {
	some st in input.edge.api_gateway_stages
	not apigateway.private(st)
}

deny contains result if {
	some st in input.edge.api_gateway_stages
	not apigateway.private(st)
	not is_string(object.get(st, "web_acl_arn", null))
	result := {
		"arn": st.arn,
		"message": sprintf("API Gateway %s is public (%s) and not protected by an AWS WAF web ACL", [apigateway.label(st), concat(", ", object.get(st, "endpoint_types", []))]),
		"evidence": {"endpoint_types": object.get(st, "endpoint_types", []), "web_acl_arn": null},
	}
}
