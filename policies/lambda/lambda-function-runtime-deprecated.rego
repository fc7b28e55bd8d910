# METADATA
# title: Lambda function runs on a deprecated runtime
# description: |
#   The function's managed runtime had reached AWS Lambda's end of support (deprecation) when
#   the snapshot was taken: Lambda no longer patches its language or operating system, AWS
#   support no longer covers it, and after the second phase the function cannot even be
#   updated. Runtimes are judged against the deprecation dates AWS published (held in this
#   policy; the Amazon Linux 2 based `java8.al2`, `java11`, `java17`, `python3.10`,
#   `python3.11` and `provided.al2` are not judged, as their dates were not settled when it was
#   written). Container-image functions have no managed runtime and are not judged. AWS
#   Foundational Security Best Practices Lambda.2.
# custom:
#   id: lambda-function-runtime-deprecated
#   severity: medium
#   resource_type: AWS::Lambda::Function
#   scope: compute.lambda_functions
#   needs: [lambda:ListFunctions]
#   remediation: |
#     Move the function to a supported runtime of the same language (`aws lambda
#     update-function-configuration --function-name NAME --runtime python3.13`, or `runtime` on
#     the `aws_lambda_function` in Terraform) after testing the code on it.
#   references:
#     - https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html
#     - https://docs.aws.amazon.com/lambda/latest/dg/runtime-support-policy.html
package palisade.lambda.function_runtime_deprecated

import rego.v1

# The day each runtime's deprecation (end of support, phase 1) began.
deprecated := {
	"nodejs": "2016-10-31",
	"nodejs4.3": "2020-03-05",
	"nodejs4.3-edge": "2019-04-30",
	"nodejs6.10": "2019-08-12",
	"nodejs8.10": "2020-01-06",
	"nodejs10.x": "2021-07-30",
	"nodejs12.x": "2023-03-31",
	"nodejs14.x": "2023-12-04",
	"nodejs16.x": "2024-06-12",
	"nodejs18.x": "2025-09-01",
	"nodejs20.x": "2026-04-30",
	"python2.7": "2021-07-15",
	"python3.6": "2022-07-18",
	"python3.7": "2023-12-04",
	"python3.8": "2024-10-14",
	"python3.9": "2025-12-15",
	"java8": "2024-01-08",
	"go1.x": "2024-01-08",
	"provided": "2024-01-08",
	"ruby2.5": "2021-07-30",
	"ruby2.7": "2023-12-07",
	"ruby3.2": "2026-03-31",
	"dotnetcore1.0": "2019-06-27",
	"dotnetcore2.0": "2019-04-30",
	"dotnetcore2.1": "2022-01-05",
	"dotnetcore3.1": "2023-04-03",
	"dotnet5.0": "2022-05-10",
	"dotnet6": "2024-12-20",
	"dotnet7": "2024-05-14",
	"dotnet8": "2026-11-10",
}

collected_ns := time.parse_rfc3339_ns(input.collected_at)

checked contains f.arn if {
	some f in input.compute.lambda_functions
	is_string(f.runtime)
}

deny contains result if {
	some f in input.compute.lambda_functions
	since := deprecated[f.runtime]
	time.parse_rfc3339_ns(sprintf("%sT00:00:00Z", [since])) <= collected_ns
	result := {
		"arn": f.arn,
		"message": sprintf("Lambda function %s in %s (account %s) runs on %s, deprecated since %s: its runtime no longer gets security patches", [f.name, f.region, f.account_id, f.runtime, since]),
		"evidence": {"runtime": f.runtime, "deprecated_since": since},
	}
}
