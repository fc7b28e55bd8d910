package palisade.lambda.function_url_public_test

import data.palisade.lambda.function_url_public as policy
import rego.v1

arn := "arn:aws:lambda:us-east-1:111122223333:function:webhook"

url := "https://abc123.lambda-url.us-east-1.on.aws/"

public_stmt := {"Sid": "FunctionURLAllowPublicAccess", "Effect": "Allow", "Principal": "*", "Action": "lambda:InvokeFunctionUrl", "Resource": arn, "Condition": {"StringEquals": {"lambda:FunctionUrlAuthType": "NONE"}}}

fn(auth, p) := {"compute": {"lambda_functions": [{
	"arn": arn, "account_id": "111122223333", "region": "us-east-1", "name": "webhook",
	"urls": [{"url": url, "auth_type": auth, "qualifier": null}],
	"policy": p,
}]}}

test_fail_public_url if {
	inp := fn("NONE", {"Statement": [public_stmt]})
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	r.message == `Lambda function webhook in us-east-1 (account 111122223333): function URL https://abc123.lambda-url.us-east-1.on.aws/ has auth type NONE and statement "FunctionURLAllowPublicAccess" allows lambda:InvokeFunctionUrl to any principal, so anyone on the internet can invoke it unsigned`
	r.evidence.reachable_from == "internet"
}

test_pass_iam_auth if {
	inp := fn("AWS_IAM", {"Statement": [public_stmt]})
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_pass_no_public_grant if {
	count(policy.deny) == 0 with input as fn("NONE", null)
}

test_pass_source_ip_condition if {
	stmt := object.union(public_stmt, {"Condition": {"StringEquals": {"lambda:FunctionUrlAuthType": "NONE"}, "IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}})
	count(policy.deny) == 0 with input as fn("NONE", {"Statement": [stmt]})
}

test_no_urls_read_not_checked if {
	inp := {"compute": {"lambda_functions": [{"arn": arn, "account_id": "111122223333", "region": "us-east-1", "name": "webhook", "urls": null, "policy": null}]}}
	count(policy.checked) == 0 with input as inp
}
