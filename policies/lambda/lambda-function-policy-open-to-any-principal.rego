# METADATA
# title: Lambda function policy allows any principal
# description: |
#   The function's resource policy has an Allow statement whose principal is `*` (or
#   `{"AWS": "*"}`) with no Condition, so any AWS account, not only yours, may call the actions
#   it lists: `lambda:InvokeFunction` runs your code with its role's permissions on anyone's
#   input, `lambda:GetFunction` hands out the code. The statement Lambda itself adds for a
#   public function URL carries a `lambda:FunctionUrlAuthType` condition and is judged by
#   `lambda-function-url-public` instead. Functions whose policy could not be read are
#   `not-evaluated`. AWS Foundational Security Best Practices Lambda.1.
# custom:
#   id: lambda-function-policy-open-to-any-principal
#   severity: high
#   resource_type: AWS::Lambda::Function
#   scope: compute.lambda_functions
#   needs: [lambda:ListFunctions, lambda:GetPolicy]
#   remediation: |
#     Remove the statement (`aws lambda remove-permission --function-name NAME --statement-id
#     SID`) and grant the caller that needs it by account, role or service with a
#     `SourceArn`/`SourceAccount` (`aws lambda add-permission ... --principal
#     s3.amazonaws.com --source-arn ...`). Terraform: `aws_lambda_permission` with a
#     `source_arn`.
#   references:
#     - https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html
package palisade.lambda.function_policy_open_to_any_principal

import data.palisade.lib.iam
import rego.v1

checked contains f.arn if some f in input.compute.lambda_functions

deny contains result if {
	some f in input.compute.lambda_functions
	some i, stmt in iam.open_statements(object.get(f, "policy", null))
	result := {
		"arn": f.arn,
		"message": sprintf("Lambda function %s in %s (account %s): resource policy %s", [f.name, f.region, f.account_id, iam.open_text(i, stmt)]),
		"evidence": {"statement": stmt},
	}
}
