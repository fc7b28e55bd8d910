# METADATA
# title: Lambda function URL is open to the internet without authentication
# description: |
#   The function has a URL whose auth type is `NONE` and its resource policy lets any
#   principal call `lambda:InvokeFunctionUrl` with no condition beyond the auth type: anyone on
#   the internet who learns the `https://….lambda-url.….on.aws` address can run the function,
#   unsigned. The URL is reachable from the internet by construction (Lambda serves it; no VPC,
#   security group or network ACL stands in front), so this finding needs no reachability
#   analysis to be true. A URL with auth type `NONE` whose policy grants nobody answers 403 to
#   everyone and is not reported. Functions whose URLs or policy could not be read are
#   `not-evaluated`.
# custom:
#   id: lambda-function-url-public
#   severity: high
#   resource_type: AWS::Lambda::Function
#   scope: compute.lambda_functions
#   needs: [lambda:ListFunctions, lambda:ListFunctionUrlConfigs, lambda:GetPolicy]
#   remediation: |
#     Use `AWS_IAM` auth (`aws lambda update-function-url-config --function-name NAME
#     --auth-type AWS_IAM`) and sign requests, or put the function behind API Gateway or
#     CloudFront with authentication. If the URL must stay public (a webhook), have the function
#     verify a signature on every request. Terraform: `authorization_type = "AWS_IAM"` on the
#     `aws_lambda_function_url`.
#   references:
#     - https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html
package palisade.lambda.function_url_public

import data.palisade.lib.iam
import rego.v1

checked contains f.arn if {
	some f in input.compute.lambda_functions
	is_array(f.urls)
}

deny contains result if {
	some f in input.compute.lambda_functions
	is_array(f.urls)
	some url in f.urls
	url.auth_type == "NONE"
	some i, stmt in public_invoke(object.get(f, "policy", null))
	result := {
		"arn": f.arn,
		"message": sprintf("Lambda function %s in %s (account %s): function URL %s%s has auth type NONE and %s allows lambda:InvokeFunctionUrl to any principal, so anyone on the internet can invoke it unsigned", [f.name, f.region, f.account_id, url.url, qualifier_text(url), iam.statement_label(i, stmt)]),
		"evidence": {"url": url.url, "auth_type": url.auth_type, "statement": stmt, "reachable_from": "internet"},
	}
}

# Statements that let anyone invoke the URL: any principal, and no condition but the auth type.
public_invoke(doc) := {i: stmt |
	some i, stmt in iam.statements(doc)
	iam.any_principal(stmt)
	iam.statement_allows(stmt, "lambda:InvokeFunctionUrl")
	every k in iam.condition_keys(stmt) {
		lower(k) == "lambda:functionurlauthtype"
	}
}

qualifier_text(url) := sprintf(" (alias %s)", [url.qualifier]) if is_string(url.qualifier)

qualifier_text(url) := "" if not is_string(url.qualifier)
