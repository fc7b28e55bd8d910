package palisade.lambda.function_policy_open_to_any_principal_test

import data.palisade.lambda.function_policy_open_to_any_principal as policy
import rego.v1

arn := "arn:aws:lambda:us-east-1:111122223333:function:resize"

fn(p) := {"compute": {"lambda_functions": [{
	"arn": arn, "account_id": "111122223333", "region": "us-east-1", "name": "resize",
	"policy": p,
}]}}

test_fail_invoke_by_anyone if {
	inp := fn({"Statement": [{"Sid": "anyone", "Effect": "Allow", "Principal": "*", "Action": "lambda:InvokeFunction", "Resource": arn}]})
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	r.message == `Lambda function resize in us-east-1 (account 111122223333): resource policy statement "anyone" allows Action "lambda:InvokeFunction" to any principal (Principal "*") with no Condition`
}

test_pass_service_with_source_arn if {
	inp := fn({"Statement": [{"Effect": "Allow", "Principal": {"Service": "s3.amazonaws.com"}, "Action": "lambda:InvokeFunction", "Resource": arn, "Condition": {"ArnLike": {"AWS:SourceArn": "arn:aws:s3:::uploads"}}}]})
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_pass_function_url_statement_has_a_condition if {
	inp := fn({"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "lambda:InvokeFunctionUrl", "Resource": arn, "Condition": {"StringEquals": {"lambda:FunctionUrlAuthType": "NONE"}}}]})
	count(policy.deny) == 0 with input as inp
}

test_pass_no_policy if {
	inp := fn(null)
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}
